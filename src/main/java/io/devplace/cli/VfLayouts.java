package io.devplace.cli;

import io.devplace.importers.VfLayout;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.RuleBook;
import io.devplace.rules.VfSpec;

import java.util.ArrayList;
import java.util.List;

/** The VF packs' sysfs layouts, in pack order, for the sysfs importer (which knows no rule packs). */
final class VfLayouts {
    private VfLayouts() {}

    static List<VfLayout> of(RuleBook rules) {
        List<VfLayout> out = new ArrayList<>();
        for (LoadedPack lp : rules.packs()) {
            VfSpec vf = lp.pack().vf();
            if (!lp.pack().vfDevices() || vf == null) continue;
            out.add(new VfLayout(lp.name(), lp.pack().match().get("driver"), vf.currentType(), vf.creatableTypes(), vf.typeLine(), vf.unset(),
                    vf.boundDriver(), vf.boundType()));
        }
        return out;
    }
}
