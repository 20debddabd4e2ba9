package io.devplace.whatif;

import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.Plan;
import io.devplace.model.Vm;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet after a scenario's plan, as far as capacity goes: for every parent of every host not being emptied, the
 * instances that remain ({@code present}, existing minus those the plan removes) and those the plan creates
 * ({@code created}, with their planned slot offsets); and the CPU and memory each such host then uses.
 * Hosts being emptied (draining, down, and the synthetic hosts of added VMs) are not part of it: they count for nothing.
 */
public final class FinalState {
    /** One parent after the plan. */
    public record ParentAfter(ParentView parent, List<Instance> present, List<Instance> created) {
        /**
         * The instances to give {@code fit} as fixed ({@code present}) and as placed by the search ({@code added}).
         * Created instances with a planned slot offset are fixed there; others are "added": the observed model of
         * parents without a pack (docs/reference/rulepack.md, Parents no pack governs) only counts new instances, and they are new.
         */
        public List<Instance> fixed() {
            List<Instance> out = new ArrayList<>(present);
            for (Instance i : created) if (i.placement() != null) out.add(i);
            return out;
        }

        public List<Instance> added() {
            List<Instance> out = new ArrayList<>();
            for (Instance i : created) if (i.placement() == null) out.add(i);
            return out;
        }

        public List<Instance> all() {
            List<Instance> out = new ArrayList<>(present);
            out.addAll(created);
            return out;
        }
    }

    /** One host not being emptied, after the plan. */
    public record HostAfter(Host host, long usedCpus, long usedMemoryMiB, List<ParentAfter> parents) {
        public long freeCpus() { return host.cpus() - usedCpus; }

        public long freeMemoryMiB() { return host.memoryMiB() - usedMemoryMiB; }
    }

    private final Map<String, HostAfter> hosts;

    private FinalState(Map<String, HostAfter> hosts) { this.hosts = hosts; }

    /** Hosts not being emptied, in fleet order. */
    public List<HostAfter> hosts() { return List.copyOf(hosts.values()); }

    public HostAfter host(String name) { return hosts.get(name); }

    /** The state after {@code plan} (null: the fleet as is). Only active, non-synthetic hosts are kept. */
    public static FinalState of(FleetView view, Plan plan, Set<String> synthetic) {
        return of(view, plan, synthetic, null);
    }

    /**
     * Only the hosts the plan touches: targets of its moves and hosts where it removes mdevs (active, non-synthetic).
     * Every other active host is as it was, so a sweep takes their figures from the fleet before the failure instead
     * of rebuilding all 500 hosts for each of 500 failures.
     */
    public static FinalState touched(FleetView view, Plan plan, Set<String> synthetic) {
        Set<String> hosts = new java.util.HashSet<>();
        for (Plan.Move m : plan.moves()) { hosts.add(m.to()); hosts.add(m.from()); }
        for (Plan.Action a : plan.actions()) if (removal(a)) hosts.add(a.host());
        return of(view, plan, synthetic, hosts);
    }

    /** An action that frees an instance: remove-mdev, or reset-vf on a VF-based parent. */
    private static boolean removal(Plan.Action a) { return "remove-mdev".equals(a.op()) || Plan.Action.RESET_VF.equals(a.op()); }

    /** {@code only}: the hosts to keep (null: all). The per-host figures do not depend on which hosts are kept. */
    private static FinalState of(FleetView view, Plan plan, Set<String> synthetic, Set<String> only) {
        Map<String, long[]> use = new LinkedHashMap<>();
        Map<String, Map<String, List<Instance>>> present = new LinkedHashMap<>();
        Map<String, Map<String, List<Instance>>> created = new LinkedHashMap<>();
        for (Host h : view.fleet().hosts()) {
            if (!view.isTargetable(h) || synthetic.contains(h.name())) continue;
            if (only != null && !only.contains(h.name())) continue;
            use.put(h.name(), new long[]{view.usedCpus(h.name()), view.usedMemory(h.name())});
            Map<String, List<Instance>> ps = new LinkedHashMap<>(), cs = new LinkedHashMap<>();
            for (ParentView p : view.parents(h.name())) {
                ps.put(p.id(), new ArrayList<>(p.existing()));
                cs.put(p.id(), new ArrayList<>());
            }
            present.put(h.name(), ps);
            created.put(h.name(), cs);
        }
        if (plan != null) {
            for (Plan.Action a : plan.actions()) {
                if (!removal(a) || !present.containsKey(a.host())) continue;
                List<Instance> l = present.get(a.host()).get(a.parent());
                if (l != null) l.removeIf(i -> a.device().equalsIgnoreCase(i.uuid()));
            }
            for (Plan.Move m : plan.moves()) {
                if (!use.containsKey(m.from()) && !use.containsKey(m.to())) continue;
                Vm vm = view.fleet().vm(m.vm());
                long[] from = use.get(m.from());
                if (from != null && vm != null) { from[0] -= vm.cpus(); from[1] -= vm.memoryMiB(); }
                long[] to = use.get(m.to());
                if (to != null && vm != null) { to[0] += vm.cpus(); to[1] += vm.memoryMiB(); }
                if (!created.containsKey(m.to())) continue;
                for (Plan.MoveDevice d : m.devices()) {
                    Plan.Target t = d.target();
                    if (!"create".equals(t.action()) && !"configure".equals(t.action())) continue; // a reused free instance is already present
                    ParentView p = view.parent(m.to(), t.parent());
                    if (p == null) continue;
                    created.get(m.to()).get(t.parent()).add(new Instance(t.device(), t.type(), p.governed().aggregationOf(t.type(), t.attrs()), t.placement(), t.attrs()));
                }
            }
        }
        Map<String, HostAfter> out = new LinkedHashMap<>();
        for (var e : use.entrySet()) {
            String h = e.getKey();
            List<ParentAfter> ps = new ArrayList<>();
            for (ParentView p : view.parents(h)) ps.add(new ParentAfter(p, List.copyOf(present.get(h).get(p.id())), List.copyOf(created.get(h).get(p.id()))));
            out.put(h, new HostAfter(view.fleet().host(h), e.getValue()[0], e.getValue()[1], List.copyOf(ps)));
        }
        return new FinalState(out);
    }
}
