package io.devplace.cli;

import io.devplace.importers.OfferedLayout;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.ResourceSpec;
import io.devplace.rules.RuleBook;

import java.util.ArrayList;
import java.util.List;

/** The packs' sysfs listings of offered resources, in pack order, for the sysfs importer (which knows no rule packs). */
final class OfferedLayouts {
    private OfferedLayouts() {}

    static List<OfferedLayout> of(RuleBook rules) {
        List<OfferedLayout> out = new ArrayList<>();
        for (LoadedPack lp : rules.packs()) {
            ResourceSpec rs = lp.pack().capacity().resources();
            String driver = lp.pack().match().get("driver");
            if (rs == null || rs.offered() == null || rs.offered().sysfs() == null || driver == null) continue;
            out.add(new OfferedLayout(lp.name(), driver, rs.offered().attribute(), rs.offered().sysfs(), rs.offered().entries()));
        }
        return out;
    }
}
