package io.devplace.whatif;

import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a scenario into a fleet the planner can solve, in the contract's order: {@code set} (host attributes), then
 * {@code down}/{@code drain} (host states; a down host stays down) and the host a sweep fails, then {@code add}.
 *
 * <p>Added VMs are new VMs that must be placed. The planner only places VMs that sit on hosts being emptied, so each
 * {@code add} entry becomes one <em>synthetic</em> host in state {@code down} holding the new VMs, each with an mdev of
 * the template's type and attrs on a parent no rule pack governs: the planner "restarts" them elsewhere, which needs
 * the same type and attrs on the target (no compatibility rules, no version check, docs/reference/whatif.md). Synthetic hosts are
 * down, so they are never targets; {@link Built#synthetic} lets every report leave them out (headroom, moves,
 * utilisation).
 */
public final class Scenarios {
    /** The driver of synthetic parents: no rule pack matches it, so they fall back to the observed model, unused. */
    static final String SYNTHETIC_DRIVER = "devplace-whatif-new";

    private Scenarios() {}

    /** A scenario's fleet, with the names of its synthetic hosts and of the VMs it added (per add entry, in order). */
    public record Built(Fleet fleet, Set<String> synthetic, Set<String> addedVms, List<List<String>> addedByTemplate) {
        public boolean isSynthetic(String host) { return synthetic.contains(host); }
    }

    /** Hosts of {@code fleet} selected by names or by labels (all equal), in fleet order. */
    public static List<Host> select(Fleet fleet, WhatIf.HostSelector sel) {
        List<Host> out = new ArrayList<>();
        if (sel == null) return out;
        if (sel.names() != null && !sel.names().isEmpty()) {
            Set<String> names = new HashSet<>(sel.names());
            for (Host h : fleet.hosts()) if (names.contains(h.name())) out.add(h);
            return out;
        }
        if (sel.labels() == null || sel.labels().isEmpty()) return out;
        for (Host h : fleet.hosts()) {
            boolean all = true;
            for (var e : sel.labels().entrySet()) all &= e.getValue() != null && e.getValue().equals(h.labels().get(e.getKey()));
            if (all) out.add(h);
        }
        return out;
    }

    /** {@code set} then {@code down}/{@code drain}: the fleet before any sweep failure and before {@code add}. */
    public static Fleet transform(Fleet base, WhatIf.Scenario s) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (Host h : base.hosts()) hosts.put(h.name(), h);
        if (s.set() != null)
            for (Host h : select(base, s.set().hosts())) {
                Host cur = hosts.get(h.name());
                Map<String, String> attrs = new LinkedHashMap<>(cur.attributes());
                attrs.putAll(s.set().attributes());
                hosts.put(h.name(), new Host(cur.name(), cur.cpus(), cur.memoryMiB(), cur.state(), cur.labels(), attrs, cur.migration(), cur.devices()));
            }
        if (s.drain() != null)
            for (Host h : select(base, s.drain())) {
                Host cur = hosts.get(h.name());
                if (cur.state() == HostState.ACTIVE) hosts.put(h.name(), withState(cur, HostState.DRAINING));
            }
        if (s.down() != null)
            for (Host h : select(base, s.down())) hosts.put(h.name(), withState(hosts.get(h.name()), HostState.DOWN));
        return new Fleet(base.apiVersion(), base.kind(), new ArrayList<>(hosts.values()), base.vms());
    }

    /** {@code fleet} with the hosts {@code names} down (one failure of a sweep). */
    public static Fleet fail(Fleet fleet, java.util.Collection<String> names) {
        Set<String> down = new HashSet<>(names);
        List<Host> hosts = new ArrayList<>(fleet.hosts().size());
        for (Host h : fleet.hosts()) hosts.add(down.contains(h.name()) ? withState(h, HostState.DOWN) : h);
        return new Fleet(fleet.apiVersion(), fleet.kind(), hosts, fleet.vms());
    }

    /** Adds the scenario's new VMs on synthetic down hosts (see the class comment). */
    public static Built add(Fleet fleet, List<WhatIf.AddSpec> adds) {
        if (adds.isEmpty()) return new Built(fleet, Set.of(), Set.of(), List.of());
        Set<String> hostNames = new HashSet<>();
        for (Host h : fleet.hosts()) hostNames.add(h.name());
        Set<String> vmNames = new HashSet<>();
        for (Vm v : fleet.vms()) vmNames.add(v.name());
        List<Host> hosts = new ArrayList<>(fleet.hosts());
        List<Vm> vms = new ArrayList<>(fleet.vms());
        Set<String> synthetic = new LinkedHashSet<>();
        Set<String> added = new LinkedHashSet<>();
        List<List<String>> byTemplate = new ArrayList<>();
        long uuid = 0;
        for (int i = 0; i < adds.size(); i++) {
            WhatIf.AddSpec a = adds.get(i);
            WhatIf.VmTemplate t = a.vm();
            String hostName = unique("(new)#" + i, hostNames);
            List<Mdev> mdevs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            long cpus = 0, mem = 0;
            for (long k = 1; k <= a.count(); k++) {
                String vmName = unique("add[" + i + "]#" + k, vmNames);
                List<VmDevice> devs = new ArrayList<>();
                for (WhatIf.DeviceTemplate d : t.devices()) {
                    String u = String.format("00000000-0000-4000-8000-%012x", ++uuid);
                    mdevs.add(new Mdev(u, d.type(), d.attrs(), null, null));
                    devs.add(new VmDevice(u, null));
                }
                vms.add(new Vm(vmName, hostName, t.cpusOrZero(), t.memoryOrZero(), t.priorityOrZero(), true, List.of(), devs));
                names.add(vmName);
                added.add(vmName);
                cpus += t.cpusOrZero();
                mem += t.memoryOrZero();
            }
            ParentDevice p = new ParentDevice("new", SYNTHETIC_DRIVER, null, null, null, Map.of(), Map.of(), mdevs);
            hosts.add(new Host(hostName, cpus, mem, HostState.DOWN, Map.of(), Map.of(), null, List.of(p)));
            synthetic.add(hostName);
            byTemplate.add(List.copyOf(names));
        }
        return new Built(new Fleet(fleet.apiVersion(), fleet.kind(), hosts, vms), Set.copyOf(synthetic), Set.copyOf(added), List.copyOf(byTemplate));
    }

    private static Host withState(Host h, HostState s) {
        return new Host(h.name(), h.cpus(), h.memoryMiB(), s, h.labels(), h.attributes(), h.migration(), h.devices());
    }

    private static String unique(String want, Set<String> taken) {
        String n = want;
        while (!taken.add(n)) n = "+" + n;
        return n;
    }
}
