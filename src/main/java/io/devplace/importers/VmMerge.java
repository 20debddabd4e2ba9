package io.devplace.importers;

import io.devplace.model.Descriptor;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One VM as several sources describe it: the union of its groups and devices; 0 counts mean "not given". */
final class VmMerge {
    private final String name;
    private final Fact<String> host = new Fact<>();
    private final Fact<Long> cpus = new Fact<>();
    private final Fact<Long> memoryMiB = new Fact<>();
    private final Fact<Long> priority = new Fact<>();
    private final Fact<Boolean> liveMigratable = new Fact<>();
    private final Set<String> groups = new LinkedHashSet<>();
    private final Map<String, String> deviceSpelling = new LinkedHashMap<>();
    private final Map<String, Fact<Descriptor>> compatibility = new LinkedHashMap<>();
    private final Map<String, Fact<Map<String, String>>> address = new LinkedHashMap<>();

    VmMerge(String name) { this.name = name; }

    void add(Vm v, Fragment from, String path, Conflicts c) {
        String of = " of VM " + name;
        c.check(host, v.host(), from, Paths.child(path, "host"), "host" + of);
        c.check(cpus, v.cpus() == 0 ? null : v.cpus(), from, Paths.child(path, "cpus"), "cpus" + of);
        c.check(memoryMiB, v.memoryMiB() == 0 ? null : v.memoryMiB(), from, Paths.child(path, "memoryMiB"), "memoryMiB" + of);
        c.check(priority, v.priority() == 0 ? null : v.priority(), from, Paths.child(path, "priority"), "priority" + of);
        c.check(liveMigratable, v.liveMigratable(), from, Paths.child(path, "liveMigratable"), "liveMigratable" + of);
        groups.addAll(v.groups());
        for (int i = 0; i < v.devices().size(); i++) {
            VmDevice d = v.devices().get(i);
            String key = Uuids.normal(d.mdev());
            deviceSpelling.putIfAbsent(key, d.mdev());
            c.check(compatibility.computeIfAbsent(key, x -> new Fact<>()), d.compatibility(), from,
                    Paths.child(Paths.index(Paths.child(path, "devices"), i), "compatibility"), "compatibility of mdev " + d.mdev() + of);
            c.check(address.computeIfAbsent(key, x -> new Fact<>()), d.address(), from,
                    Paths.child(Paths.index(Paths.child(path, "devices"), i), "address"), "guest address of mdev " + d.mdev() + of);
        }
    }

    Vm build() {
        List<VmDevice> ds = new ArrayList<>();
        deviceSpelling.forEach((key, spelled) -> ds.add(new VmDevice(spelled, compatibility.get(key).value(), address.get(key).value())));
        return new Vm(name, host.value(), orZero(cpus.value()), orZero(memoryMiB.value()), orZero(priority.value()),
                liveMigratable.value(), new ArrayList<>(groups), ds);
    }

    private static long orZero(Long v) { return v == null ? 0 : v; }
}
