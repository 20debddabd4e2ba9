package io.devplace.optimal;

import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.Candidates;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.HostView;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The most VMs per priority any evacuation plan can place, found by trying every combination (test code, independent
 * of the solver and of {@code io.devplace.bound}: no flows, no dominance, nothing shared but the rules
 * ({@link Candidates}, which only says what the rules allow) and the parents' capacity models). Each evacuee is either
 * unplaced or on one of its options: a target host and, for every source device, one of the device targets that host
 * offers. Capacity is judged by the parents' own models ({@code ParentCapacity.fit}), CPU and memory and hard
 * anti-affinity by plain sums and set checks.
 *
 * <p>Why the final placement is enough to judge a plan: without rebalancing, a target host only ever gains VMs and
 * devices, and evacuees never land on a host being emptied, so the final state is the fullest state any wave reaches;
 * with {@code removeFreeMdevs} every free mdev can be removed in wave 0 before anything moves (a new instance of the
 * same type can always take the place of a reuse), so the search then treats free mdevs as gone. Any final placement
 * found here is therefore sequenceable into waves, and the planner can be held to it.
 *
 * <p>The result is the lexicographic maximum of placed counts from the highest priority down (docs/reference/plan.md, check 7(a)), and
 * the most VMs any final state holds regardless of priority (what a bound on the placed count must not go below).
 */
public final class ExhaustiveSearch {
    /**
     * {@code best}: placed per priority, {@code priorities} highest first, maximal in that order; {@code most}: the most
     * VMs at all; {@code witness}: one placement reaching {@code best} (VM -> host and device targets); {@code nodes}:
     * nodes and options tried; {@code complete}: false when the node limit stopped the search (then {@code best} and
     * {@code most} are only the best found, lower bounds).
     */
    public record Result(List<Long> priorities, long[] best, long most, Map<String, String> witness, long nodes, boolean complete) {
        public TreeMap<Long, Integer> placedByPriority() {
            TreeMap<Long, Integer> out = new TreeMap<>(Comparator.reverseOrder());
            for (int i = 0; i < priorities.size(); i++) out.put(priorities.get(i), (int) best[i]);
            return out;
        }

        public int placed() { return placedByPriority().values().stream().mapToInt(Integer::intValue).sum(); }

        public Set<String> bestPlaced() { return witness.keySet(); }
    }

    private record Option(String host, List<DeviceTarget> devices) {}

    /** What the search needs to know about a target host: its free CPU and memory, and the groups of VMs staying there. */
    private record Target(Host host, long freeCpus, long freeMemoryMiB, Map<String, Integer> groups) {}

    private final boolean hardAntiAffinity;
    private final List<Vm> vms = new ArrayList<>();
    private final List<List<Option>> options = new ArrayList<>();
    private final List<Long> priorities; // distinct, descending
    private final int[][] remainingFrom; // per position i, per priority: evacuees from i on that have some option
    private final Map<String, long[]> used = new HashMap<>();
    private final Map<String, Map<String, Integer>> groupsOn = new HashMap<>();
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<ParentView, List<Instance>> present = new HashMap<>();
    private final Map<ParentView, List<Instance>> added = new HashMap<>();
    private final Set<String> reused = new HashSet<>();
    private final long[] current;
    private long[] best;
    private long most;
    private final Option[] chosen;
    private Option[] bestChosen;
    private long nodes;
    private final long nodeLimit;

    /**
     * Every VM on the {@code evacuate} hosts, live, onto every other targetable host, anti-affinity hard: what
     * {@code plan evacuate} is asked with the default policy (and {@code removeFreeMdevs} as given).
     */
    public static Result solve(FleetView view, List<String> evacuate, boolean removeFreeMdevs, long nodeLimit) {
        Set<String> emptied = new HashSet<>(evacuate);
        List<Target> targets = new ArrayList<>();
        for (Host h : view.fleet().hosts()) {
            if (emptied.contains(h.name()) || !view.isTargetable(h)) continue;
            Map<String, Integer> g = new HashMap<>();
            for (Vm v : view.vmsOn(h.name())) for (String grp : v.groups()) g.merge(grp, 1, Integer::sum);
            targets.add(new Target(h, h.cpus() - view.usedCpus(h.name()), h.memoryMiB() - view.usedMemory(h.name()), g));
        }
        List<Vm> vms = new ArrayList<>();
        Map<Vm, MoveMode> modes = new HashMap<>();
        for (Vm v : view.fleet().vms())
            if (emptied.contains(v.host())) {
                vms.add(v);
                modes.put(v, v.isLiveMigratable() ? MoveMode.LIVE : null);
            }
        ExhaustiveSearch s = new ExhaustiveSearch(view, vms, modes, targets, removeFreeMdevs, true, Set.of(), null, nodeLimit);
        return s.run();
    }

    /**
     * The evacuees of {@code problem}, each in its move mode, onto the problem's target hosts under its policy
     * (anti-affinity hard or not, the downtime cap, {@code removeFreeMdevs}); the instances of every VM the problem may
     * move are not pinned.
     */
    public static Result solve(PlanningProblem problem, long nodeLimit) {
        Policy pol = problem.request().policy();
        List<Target> targets = new ArrayList<>();
        for (HostView hv : problem.hosts().values()) {
            Map<String, Integer> g = new HashMap<>();
            for (PlanningProblem.GroupMember m : problem.stayingGroupMembers())
                if (m.host().equals(hv.name())) g.merge(m.group(), 1, Integer::sum);
            targets.add(new Target(hv.host(), hv.freeCpus(), hv.freeMemoryMiB(), g));
        }
        List<Vm> vms = new ArrayList<>();
        Map<Vm, MoveMode> modes = new HashMap<>();
        for (VmRequest r : problem.evacuees()) {
            vms.add(r.vm());
            modes.put(r.vm(), r.mode());
        }
        Set<String> movers = new HashSet<>();
        for (VmRequest r : problem.requests()) movers.add(r.name());
        ExhaustiveSearch s = new ExhaustiveSearch(problem.view(), vms, modes, targets, pol.removeFreeMdevs(), pol.hardAntiAffinity(), movers,
                pol, nodeLimit);
        return s.run();
    }

    /** {@code downtimeCap}: the policy whose {@code maxDowntimeMs} rules live options out (null: no cap). */
    private ExhaustiveSearch(FleetView view, List<Vm> evacuees, Map<Vm, MoveMode> modes, List<Target> targetList, boolean removeFree,
                             boolean hardAntiAffinity, Set<String> movers, Policy downtimeCap, long nodeLimit) {
        this.hardAntiAffinity = hardAntiAffinity;
        this.nodeLimit = nodeLimit;
        vms.addAll(evacuees);
        vms.sort(Comparator.comparingLong((Vm v) -> -v.priority()).thenComparing(Vm::name));
        priorities = vms.stream().map(Vm::priority).distinct().sorted(Comparator.reverseOrder()).toList();
        current = new long[priorities.size()];
        best = new long[priorities.size()];
        chosen = new Option[vms.size()];
        bestChosen = new Option[vms.size()];
        for (Target t : targetList) {
            String h = t.host().name();
            targets.put(h, t);
            used.put(h, new long[2]);
            groupsOn.put(h, new HashMap<>(t.groups()));
            for (ParentView p : view.parents(h)) {
                Set<String> free = new HashSet<>();
                for (Mdev m : p.freeMdevs()) free.add(m.uuid().toLowerCase());
                List<Instance> pres = new ArrayList<>();
                for (Instance i : p.existing()) {
                    String uuid = i.uuid() == null ? null : i.uuid().toLowerCase();
                    if (removeFree && uuid != null && free.contains(uuid)) continue;
                    String owner = i.uuid() == null ? null : p.owner(i.uuid());
                    if (owner != null && movers.contains(owner)) continue;
                    pres.add(i);
                }
                present.put(p, pres);
                added.put(p, new ArrayList<>());
            }
        }
        for (Vm v : vms) {
            MoveMode mode = modes.get(v);
            options.add(mode == null ? List.of() : optionsOf(view, v, mode, removeFree, downtimeCap));
        }
        remainingFrom = new int[vms.size() + 1][priorities.size()];
        for (int i = vms.size() - 1; i >= 0; i--) {
            remainingFrom[i] = remainingFrom[i + 1].clone();
            if (!options.get(i).isEmpty()) remainingFrom[i][priorities.indexOf(vms.get(i).priority())]++;
        }
    }

    private Result run() {
        boolean complete = search(0, 0);
        Map<String, String> witness = new LinkedHashMap<>();
        for (int i = 0; i < vms.size(); i++) {
            Option o = bestChosen[i];
            if (o == null) continue;
            StringBuilder b = new StringBuilder(o.host());
            for (DeviceTarget t : o.devices())
                b.append(' ').append(t.parent().id()).append(':').append(t.type()).append(t.aggregation() == 1 ? "" : " x" + t.aggregation())
                        .append(t.reuses() ? " (reuse " + t.reuseUuid() + ")" : "");
            witness.put(vms.get(i).name(), b.toString());
        }
        return new Result(priorities, best, most, witness, nodes, complete);
    }

    /** Every (host, device targets) combination the rules allow, keeping only those that fit on an otherwise unchanged fleet. */
    private List<Option> optionsOf(FleetView view, Vm vm, MoveMode mode, boolean removeFree, Policy downtimeCap) {
        List<Option> out = new ArrayList<>();
        Host src = view.fleet().host(vm.host());
        for (Target target : targets.values()) {
            Host h = target.host();
            if (h.name().equals(vm.host())) continue;
            if (downtimeCap != null && mode == MoveMode.LIVE && downtimeCap.maxDowntimeMs() > 0
                    && ProblemBuilder.downtimeMs(view, vm, src, h, downtimeCap) > downtimeCap.maxDowntimeMs()) continue;
            HostCandidates hc = Candidates.on(view, vm, mode, h);
            if (!hc.possible()) continue;
            List<List<DeviceTarget>> per = new ArrayList<>();
            for (List<DeviceTarget> l : hc.perDevice()) {
                List<DeviceTarget> keep = new ArrayList<>();
                for (DeviceTarget t : l) if (!(t.reuses() && removeFree)) keep.add(t); // removed free mdevs cannot be reused
                per.add(keep);
            }
            product(h.name(), per, 0, new ArrayList<>(), out);
        }
        out.removeIf(o -> !fits(vm, o));
        return out;
    }

    private static void product(String host, List<List<DeviceTarget>> per, int i, List<DeviceTarget> acc, List<Option> out) {
        if (i == per.size()) {
            out.add(new Option(host, List.copyOf(acc)));
            return;
        }
        for (DeviceTarget t : per.get(i)) {
            acc.add(t);
            product(host, per, i + 1, acc, out);
            acc.remove(acc.size() - 1);
        }
    }

    /** Depth-first over evacuees (highest priority first); {@code count}: VMs placed so far; false when the node limit was hit. */
    private boolean search(int i, long count) {
        if (++nodes > nodeLimit) return false;
        if (count > most) most = count;
        if (compare(current, best) > 0) {
            best = current.clone();
            bestChosen = chosen.clone();
        }
        if (i == vms.size() || !canImprove(i, count)) return true;
        Vm vm = vms.get(i);
        int pi = priorities.indexOf(vm.priority());
        for (Option o : options.get(i)) {
            if (++nodes > nodeLimit) return false; // each option tried counts: on large fleets a VM has hundreds
            if (!fits(vm, o)) continue;
            apply(vm, o, +1);
            current[pi]++;
            chosen[i] = o;
            boolean ok = search(i + 1, count + 1);
            chosen[i] = null;
            current[pi]--;
            apply(vm, o, -1);
            if (!ok) return false;
        }
        return search(i + 1, count); // unplaced
    }

    /**
     * Whether placing every undecided evacuee from {@code i} on could still beat the best found, lexicographically or
     * in the plain count.
     */
    private boolean canImprove(int i, long count) {
        long[] ub = current.clone();
        long more = 0;
        for (int k = 0; k < ub.length; k++) {
            ub[k] += remainingFrom[i][k];
            more += remainingFrom[i][k];
        }
        return compare(ub, best) > 0 || count + more > most;
    }

    private static int compare(long[] a, long[] b) {
        for (int k = 0; k < a.length; k++) if (a[k] != b[k]) return Long.compare(a[k], b[k]);
        return 0;
    }

    private boolean fits(Vm vm, Option o) {
        Target t = targets.get(o.host());
        long[] u = used.get(o.host());
        if (u[0] + vm.cpus() > t.freeCpus() || u[1] + vm.memoryMiB() > t.freeMemoryMiB()) return false;
        if (hardAntiAffinity) {
            Map<String, Integer> g = groupsOn.get(o.host());
            for (String grp : vm.groups()) if (g.getOrDefault(grp, 0) > 0) return false;
        }
        Map<ParentView, List<Instance>> adding = new HashMap<>();
        Set<String> reusing = new HashSet<>();
        for (DeviceTarget d : o.devices()) {
            if (d.reuses()) {
                String key = reuseKey(d);
                if (reused.contains(key) || !reusing.add(key)) return false;
                continue;
            }
            adding.computeIfAbsent(d.parent(), p -> new ArrayList<>(added.get(p))).add(Instance.added(d.type(), d.aggregation()));
        }
        for (var e : adding.entrySet()) if (!e.getKey().capacity().fit(present.get(e.getKey()), e.getValue()).fits()) return false;
        return true;
    }

    private void apply(Vm vm, Option o, int sign) {
        long[] u = used.get(o.host());
        u[0] += sign * vm.cpus();
        u[1] += sign * vm.memoryMiB();
        Map<String, Integer> g = groupsOn.get(o.host());
        for (String grp : vm.groups()) g.merge(grp, sign, Integer::sum);
        for (DeviceTarget d : o.devices()) {
            if (d.reuses()) {
                if (sign > 0) reused.add(reuseKey(d));
                else reused.remove(reuseKey(d));
                continue;
            }
            List<Instance> l = added.get(d.parent());
            if (sign > 0) l.add(Instance.added(d.type(), d.aggregation()));
            else l.remove(l.size() - 1);
        }
    }

    private static String reuseKey(DeviceTarget d) { return d.parent().key() + "/" + d.reuseUuid().toLowerCase(); }
}
