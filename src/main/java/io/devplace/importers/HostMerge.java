package io.devplace.importers;

import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.Mdev;
import io.devplace.model.MigrationLimits;
import io.devplace.model.ParentDevice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host as several sources describe it. {@code cpus}/{@code memoryMiB} of 0 mean "not given" (imports cannot
 * see them), so they combine with a real value; two different real values are a conflict.
 */
final class HostMerge {
    private final String name;
    private final Fact<Long> cpus = new Fact<>();
    private final Fact<Long> memoryMiB = new Fact<>();
    private final Fact<HostState> state = new Fact<>();
    private final Map<String, Fact<String>> labels = new LinkedHashMap<>();
    private final Map<String, Fact<String>> attributes = new LinkedHashMap<>();
    private final Fact<Long> bandwidthMiBps = new Fact<>();
    private final Fact<Long> maxInbound = new Fact<>();
    private final Fact<Long> maxOutbound = new Fact<>();
    private final Map<String, ParentMerge> parents = new LinkedHashMap<>();
    /** uuid -> the parent it was first seen on, so one mdev cannot silently sit on two parents. */
    private final Map<String, Fact<String>> mdevParent = new HashMap<>();

    HostMerge(String name) { this.name = name; }

    void add(Host h, Fragment from, String path, Conflicts c) {
        String of = " of host " + name;
        c.check(cpus, h.cpus() == 0 ? null : h.cpus(), from, Paths.child(path, "cpus"), "cpus" + of);
        c.check(memoryMiB, h.memoryMiB() == 0 ? null : h.memoryMiB(), from, Paths.child(path, "memoryMiB"), "memoryMiB" + of);
        c.check(state, h.state(), from, Paths.child(path, "state"), "state" + of);
        h.labels().forEach((k, v) -> c.check(labels.computeIfAbsent(k, x -> new Fact<>()), v, from,
                Paths.child(Paths.child(path, "labels"), k), "label " + k + of));
        h.attributes().forEach((k, v) -> c.check(attributes.computeIfAbsent(k, x -> new Fact<>()), v, from,
                Paths.child(Paths.child(path, "attributes"), k), "attribute " + k + of));
        if (h.migration() != null) {
            String mp = Paths.child(path, "migration");
            c.check(bandwidthMiBps, h.migration().bandwidthMiBps(), from, Paths.child(mp, "bandwidthMiBps"), "migration.bandwidthMiBps" + of);
            c.check(maxInbound, h.migration().maxInbound(), from, Paths.child(mp, "maxInbound"), "migration.maxInbound" + of);
            c.check(maxOutbound, h.migration().maxOutbound(), from, Paths.child(mp, "maxOutbound"), "migration.maxOutbound" + of);
        }
        for (int i = 0; i < h.devices().size(); i++) addParent(h.devices().get(i), from, Paths.index(Paths.child(path, "devices"), i), c);
    }

    private void addParent(ParentDevice p, Fragment from, String path, Conflicts c) {
        ParentMerge pm = parents.computeIfAbsent(p.id(), ParentMerge::new);
        pm.add(p, name, from, path, c);
        for (int i = 0; i < p.mdevs().size(); i++) {
            Mdev m = p.mdevs().get(i);
            String mp = Paths.index(Paths.child(path, "mdevs"), i);
            Fact<String> on = mdevParent.computeIfAbsent(Uuids.normal(m.uuid()), x -> new Fact<>());
            if (!on.offer(p.id(), from.source()))
                c.add(from, Paths.child(mp, "uuid"), "conflicting parent of mdev " + m.uuid() + " on host " + name + ": '" + p.id()
                        + "' here but '" + on.value() + "' in " + on.source() + " (one mdev lives on one parent)");
            else pm.addMdev(m, name, from, mp, c);
        }
    }

    Host build() {
        Map<String, String> ls = new LinkedHashMap<>();
        labels.forEach((k, f) -> ls.put(k, f.value()));
        Map<String, String> as = new LinkedHashMap<>();
        attributes.forEach((k, f) -> as.put(k, f.value()));
        MigrationLimits ml = bandwidthMiBps.value() == null && maxInbound.value() == null && maxOutbound.value() == null ? null
                : new MigrationLimits(bandwidthMiBps.value(), maxInbound.value(), maxOutbound.value());
        List<ParentDevice> ps = new ArrayList<>();
        parents.values().forEach(p -> ps.add(p.build()));
        return new Host(name, orZero(cpus.value()), orZero(memoryMiB.value()), state.value(), ls, as, ml, ps);
    }

    private static long orZero(Long v) { return v == null ? 0 : v; }
}
