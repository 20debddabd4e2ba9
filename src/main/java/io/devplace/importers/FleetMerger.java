package io.devplace.importers;

import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines Fleet fragments (one per import, or per file of an import) into one Fleet (docs/reference/import.md). The same host,
 * parent, mdev or VM seen by several sources becomes one, with the union of what they know; a fact two sources
 * state differently (a parent's driver, an mdev's type or parent, a VM's host, who owns an mdev...) is a conflict.
 * Every conflict is reported together as invalid input; none is resolved by picking a winner.
 *
 * <p>Fragments are expected to be individually valid (read by {@code FleetReader} or built by an importer).
 * Order is stable: hosts, parents, mdevs and VMs appear in the order they were first seen.
 */
public final class FleetMerger {
    private final Map<String, HostMerge> hosts = new LinkedHashMap<>();
    private final Map<String, VmMerge> vms = new LinkedHashMap<>();
    /** host + "/" + uuid -> the VM that owns it, first seen. */
    private final Map<String, Fact<String>> owners = new HashMap<>();
    private final Conflicts conflicts = new Conflicts();

    private FleetMerger() {}

    public static Fleet merge(List<Fragment> fragments) {
        FleetMerger m = new FleetMerger();
        for (Fragment f : fragments) m.add(f);
        m.conflicts.throwIfAny();
        return m.build();
    }

    private void add(Fragment f) {
        List<Host> hs = f.fleet().hosts();
        for (int i = 0; i < hs.size(); i++) {
            Host h = hs.get(i);
            hosts.computeIfAbsent(h.name(), HostMerge::new).add(h, f, Paths.index("hosts", i), conflicts);
        }
        List<Vm> vs = f.fleet().vms();
        for (int i = 0; i < vs.size(); i++) {
            Vm v = vs.get(i);
            String path = Paths.index("vms", i);
            vms.computeIfAbsent(v.name(), VmMerge::new).add(v, f, path, conflicts);
            for (int d = 0; d < v.devices().size(); d++) {
                VmDevice dev = v.devices().get(d);
                Fact<String> owner = owners.computeIfAbsent(v.host() + "/" + Uuids.normal(dev.mdev()), x -> new Fact<>());
                if (!owner.offer(v.name(), f.source()))
                    conflicts.add(f, Paths.child(Paths.index(Paths.child(path, "devices"), d), "mdev"), "conflicting owner of mdev "
                            + dev.mdev() + " on host " + v.host() + ": VM '" + v.name() + "' here but VM '" + owner.value() + "' in "
                            + owner.source() + " (an mdev is assigned to one VM)");
            }
        }
    }

    private Fleet build() {
        List<Host> hs = new ArrayList<>();
        hosts.values().forEach(h -> hs.add(h.build()));
        List<Vm> vs = new ArrayList<>();
        vms.values().forEach(v -> vs.add(v.build()));
        return new Fleet(Documents.API_VERSION, "Fleet", hs, vs);
    }
}
