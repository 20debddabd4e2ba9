package io.devplace.planning;

import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.Candidates;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.HostView;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The test's own answer to "how many evacuees can a final state hold": every evacuee unplaced or on every combination
 * of compatible device targets on every host, checked with the capacity models, host CPU and memory and hard
 * anti-affinity. Written apart from {@code io.devplace.bound} (no flows, no dominance, no shared code but the rules
 * and capacity models), so a defect there does not hide here. Every plan's final state is one of these, so its maxima
 * are at least what any plan reaches.
 */
final class ExhaustiveOptimum {
    /** {@code best}: placed per priority, highest first, maximal in that order; {@code most}: the most VMs at all. */
    record Result(List<Long> priorities, long[] best, long most, Set<String> bestPlaced) {}

    private record Option(HostView host, List<DeviceTarget> targets) {}

    private final PlanningProblem problem;
    private final List<VmRequest> vms;
    private final List<List<Option>> options = new ArrayList<>();
    private final Map<ParentView, List<Instance>> pinned = new HashMap<>();
    private final Map<ParentView, List<Instance>> added = new HashMap<>();
    private final Map<String, long[]> used = new HashMap<>();
    private final Map<String, List<Vm>> placedOn = new HashMap<>();
    private final Set<String> reused = new HashSet<>();
    private final List<Long> prios;
    private final boolean hard;
    private long[] best;
    private long most;
    private Set<String> bestPlaced = Set.of();
    private final List<String> current = new ArrayList<>();
    private long nodes;
    private final long maxNodes;

    private ExhaustiveOptimum(PlanningProblem problem, long maxNodes) {
        this.problem = problem;
        this.maxNodes = maxNodes;
        this.vms = problem.evacuees();
        Policy pol = problem.request().policy();
        this.hard = pol.hardAntiAffinity();
        Set<String> movers = new HashSet<>();
        for (VmRequest r : problem.requests()) movers.add(r.name());
        for (HostView hv : problem.hosts().values())
            for (ParentView p : problem.view().parents(hv.name())) {
                List<Instance> keep = new ArrayList<>();
                for (Instance i : p.existing()) {
                    String owner = p.owner(i.uuid());
                    if (owner == null ? pol.removeFreeMdevs() : movers.contains(owner)) continue;
                    keep.add(i);
                }
                pinned.put(p, keep);
            }
        for (VmRequest r : vms) {
            List<Option> mine = new ArrayList<>();
            Host src = problem.view().fleet().host(r.vm().host());
            for (HostView hv : problem.hosts().values()) {
                if (hv.name().equals(src.name())) continue;
                if (r.mode() == MoveMode.LIVE && pol.maxDowntimeMs() > 0
                        && ProblemBuilder.downtimeMs(problem.view(), r.vm(), src, hv.host(), pol) > pol.maxDowntimeMs()) continue;
                HostCandidates hc = Candidates.on(problem.view(), r.vm(), r.mode(), hv.host());
                if (!hc.possible()) continue;
                combos(hv, hc.perDevice(), 0, new ArrayList<>(), mine, pol.removeFreeMdevs());
            }
            options.add(mine);
        }
        this.prios = new ArrayList<>(new TreeSet<>(vms.stream().map(r -> r.vm().priority()).toList()).descendingSet());
        this.best = new long[prios.size()];
    }

    /** Null when the search took more than {@code maxNodes} steps (the instance is too big for a test). */
    static Result of(PlanningProblem problem, long maxNodes) {
        ExhaustiveOptimum e = new ExhaustiveOptimum(problem, maxNodes);
        e.dfs(0, new long[e.prios.size()], 0);
        return e.nodes > maxNodes ? null : new Result(e.prios, e.best, e.most, e.bestPlaced);
    }

    private static void combos(HostView hv, List<List<DeviceTarget>> per, int i, List<DeviceTarget> cur, List<Option> out, boolean noReuse) {
        if (i == per.size()) { out.add(new Option(hv, List.copyOf(cur))); return; }
        for (DeviceTarget t : per.get(i)) {
            if (t.reuses() && (noReuse || cur.stream().anyMatch(c -> t.reuseUuid().equals(c.reuseUuid())))) continue;
            cur.add(t);
            combos(hv, per, i + 1, cur, out, noReuse);
            cur.remove(cur.size() - 1);
        }
    }

    private void dfs(int i, long[] vec, long count) {
        if (++nodes > maxNodes) return;
        if (count > most) most = count;
        if (compare(vec, best) > 0) {
            best = vec.clone();
            bestPlaced = new HashSet<>(current);
        }
        if (i == vms.size()) return;
        VmRequest r = vms.get(i);
        int lvl = prios.indexOf(r.vm().priority());
        for (Option o : options.get(i)) {
            if (!fits(r.vm(), o)) continue;
            put(r.vm(), o, +1);
            current.add(r.name());
            vec[lvl]++;
            dfs(i + 1, vec, count + 1);
            vec[lvl]--;
            current.remove(current.size() - 1);
            put(r.vm(), o, -1);
        }
        dfs(i + 1, vec, count);
    }

    private boolean fits(Vm vm, Option o) {
        HostView h = o.host();
        long[] u = used.getOrDefault(h.name(), new long[2]);
        if (u[0] + vm.cpus() > h.freeCpus() || u[1] + vm.memoryMiB() > h.freeMemoryMiB()) return false;
        if (hard) {
            for (PlanningProblem.GroupMember m : problem.stayingGroupMembers())
                if (m.host().equals(h.name()) && vm.groups().contains(m.group())) return false;
            for (Vm other : placedOn.getOrDefault(h.name(), List.of()))
                for (String g : vm.groups()) if (other.groups().contains(g)) return false;
        }
        Map<ParentView, List<Instance>> mine = new HashMap<>();
        for (DeviceTarget t : o.targets()) {
            if (t.reuses()) {
                if (reused.contains(t.reuseUuid())) return false;
                continue;
            }
            mine.computeIfAbsent(t.parent(), p -> new ArrayList<>(added.getOrDefault(p, List.of()))).add(Instance.added(t.type(), t.aggregation()));
        }
        for (var e : mine.entrySet())
            if (!e.getKey().capacity().fit(pinned.getOrDefault(e.getKey(), e.getKey().existing()), e.getValue()).fits()) return false;
        return true;
    }

    private void put(Vm vm, Option o, int sign) {
        long[] u = used.computeIfAbsent(o.host().name(), x -> new long[2]);
        u[0] += sign * vm.cpus();
        u[1] += sign * vm.memoryMiB();
        if (sign > 0) placedOn.computeIfAbsent(o.host().name(), x -> new ArrayList<>()).add(vm);
        else placedOn.get(o.host().name()).remove(vm);
        for (DeviceTarget t : o.targets()) {
            if (t.reuses()) {
                if (sign > 0) reused.add(t.reuseUuid()); else reused.remove(t.reuseUuid());
                continue;
            }
            List<Instance> l = added.computeIfAbsent(t.parent(), p -> new ArrayList<>());
            if (sign > 0) l.add(Instance.added(t.type(), t.aggregation()));
            else l.remove(l.size() - 1);
        }
    }

    static int compare(long[] a, long[] b) {
        for (int k = 0; k < a.length; k++) if (a[k] != b[k]) return Long.compare(a[k], b[k]);
        return 0;
    }
}
