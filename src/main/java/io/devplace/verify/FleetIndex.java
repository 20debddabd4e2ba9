package io.devplace.verify;

import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verifier's own lookups into a fleet, built once: the owner of each mdev and the members of each anti-affinity
 * group (hosts and VMs by name come from {@code Fleet}, constant-time). Scanning every VM for an mdev's owner, or for
 * a moved VM's group mates, once per move made verifying a plan over 2,000 hosts take seconds. Answers are exactly
 * those of the scans: the first owner in fleet order, mates in fleet order.
 */
final class FleetIndex {
    private final Fleet fleet;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, List<Vm>> groups = new HashMap<>();
    private final Map<Vm, Integer> position = new IdentityHashMap<>();

    FleetIndex(Fleet fleet) {
        this.fleet = fleet;
        int i = 0;
        for (Vm vm : fleet.vms()) {
            position.put(vm, i++);
            for (VmDevice d : vm.devices()) if (d.ref() != null) owners.putIfAbsent(ownerKey(vm.host(), d.ref()), vm.name());
            for (String g : vm.groups()) groups.computeIfAbsent(g, k -> new ArrayList<>()).add(vm);
        }
    }

    /** The first host of this name, or null. */
    Host host(String name) { return fleet.host(name); }

    /** The first VM of this name, or null. */
    Vm vm(String name) { return fleet.vm(name); }

    /** The first VM on {@code host} (fleet order) that owns mdev {@code uuid} (case-insensitive), or null. */
    String ownerOf(String host, String uuid) { return host == null || uuid == null ? null : owners.get(ownerKey(host, uuid)); }

    /** The VMs of anti-affinity group {@code g}, in fleet order. */
    List<Vm> group(String g) { return groups.getOrDefault(g, List.of()); }

    /** Where {@code vm} stands in the fleet's list (to keep reports in fleet order). */
    int position(Vm vm) { return position.getOrDefault(vm, Integer.MAX_VALUE); }

    private static String ownerKey(String host, String uuid) { return host + '\u0000' + uuid.toLowerCase(Locale.ROOT); }
}
