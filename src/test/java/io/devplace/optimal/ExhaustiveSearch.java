package io.devplace.optimal;

import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.MoveMode;
import io.devplace.model.Vm;
import io.devplace.problem.Candidates;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.ParentView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The most VMs per priority any evacuation plan can place, found by trying every combination (test code, independent
 * of the solver). Each evacuee is either unplaced or on one of its options: a target host and, for every source device,
 * one of the device targets that host offers by the rules ({@link Candidates}, which only says what the rules allow).
 * Capacity is judged by the parents' own models ({@code ParentCapacity.fit}), CPU and memory and hard anti-affinity by
 * plain sums and set checks.
 *
 * <p>Why the final placement is enough to judge a plan: without rebalancing, a target host only ever gains VMs and
 * devices, and evacuees never land on a host being emptied, so the final state is the fullest state any wave reaches;
 * with {@code removeFreeMdevs} every free mdev can be removed in wave 0 before anything moves (a new instance of the
 * same type can always take the place of a reuse), so the search then treats free mdevs as gone. Any final placement
 * found here is therefore sequenceable into waves, and the planner can be held to it.
 *
 * <p>The result is the lexicographic maximum of placed counts from the highest priority down (SPEC objective (a)).
 */
public final class ExhaustiveSearch {
    /** Placed count per priority, highest priority first; one placement reaching it (VM -> host and device targets); nodes and options tried. */
    public record Result(TreeMap<Long, Integer> placedByPriority, Map<String, String> witness, long nodes, boolean complete) {
        public int placed() { return placedByPriority.values().stream().mapToInt(Integer::intValue).sum(); }
    }

    private record Option(Host host, List<DeviceTarget> devices) {}

    private final FleetView view;
    private final boolean removeFree;
    private final List<Vm> vms = new ArrayList<>();
    private final List<List<Option>> options = new ArrayList<>();
    private final List<Long> priorities; // distinct, descending
    private final int[][] remainingFrom; // per position i, per priority: evacuees from i on that have some option
    private final Map<String, long[]> used = new HashMap<>();
    private final Map<String, Map<String, Integer>> groupsOn = new HashMap<>();
    private final Map<ParentView, List<Instance>> present = new HashMap<>();
    private final Map<ParentView, List<Instance>> added = new HashMap<>();
    private final Set<String> reused = new HashSet<>();
    private final int[] current;
    private int[] best;
    private final Option[] chosen;
    private Option[] bestChosen;
    private long nodes;
    private final long nodeLimit;

    private ExhaustiveSearch(FleetView view, List<String> evacuate, boolean removeFree, long nodeLimit) {
        this.view = view;
        this.removeFree = removeFree;
        this.nodeLimit = nodeLimit;
        Set<String> emptied = new HashSet<>(evacuate);
        List<Host> targets = new ArrayList<>();
        for (Host h : view.fleet().hosts()) if (!emptied.contains(h.name()) && view.isTargetable(h)) targets.add(h);
        for (Vm v : view.fleet().vms()) if (emptied.contains(v.host())) vms.add(v);
        vms.sort(Comparator.comparingLong((Vm v) -> -v.priority()).thenComparing(Vm::name));
        priorities = vms.stream().map(Vm::priority).distinct().sorted(Comparator.reverseOrder()).toList();
        current = new int[priorities.size()];
        best = new int[priorities.size()];
        chosen = new Option[vms.size()];
        bestChosen = new Option[vms.size()];
        for (Host h : targets) {
            used.put(h.name(), new long[]{view.usedCpus(h.name()), view.usedMemory(h.name())});
            Map<String, Integer> g = new HashMap<>();
            for (Vm v : view.vmsOn(h.name())) for (String grp : v.groups()) g.merge(grp, 1, Integer::sum);
            groupsOn.put(h.name(), g);
            for (ParentView p : view.parents(h.name())) {
                List<Instance> pres = new ArrayList<>(p.existing());
                if (removeFree) {
                    Set<String> free = new HashSet<>();
                    for (Mdev m : p.freeMdevs()) free.add(m.uuid().toLowerCase());
                    pres.removeIf(i -> i.uuid() != null && free.contains(i.uuid().toLowerCase()));
                }
                present.put(p, pres);
                added.put(p, new ArrayList<>());
            }
        }
        for (Vm v : vms) options.add(v.isLiveMigratable() ? optionsOf(v, targets) : List.of());
        remainingFrom = new int[vms.size() + 1][priorities.size()];
        for (int i = vms.size() - 1; i >= 0; i--) {
            remainingFrom[i] = remainingFrom[i + 1].clone();
            if (!options.get(i).isEmpty()) remainingFrom[i][priorities.indexOf(vms.get(i).priority())]++;
        }
    }

    /**
     * The best placed counts per priority; when the search needs more than {@code nodeLimit} nodes it stops, and the
     * result ({@code complete == false}) is only the best found so far, a lower bound.
     */
    public static Result solve(FleetView view, List<String> evacuate, boolean removeFreeMdevs, long nodeLimit) {
        ExhaustiveSearch s = new ExhaustiveSearch(view, evacuate, removeFreeMdevs, nodeLimit);
        boolean complete = s.search(0);
        TreeMap<Long, Integer> out = new TreeMap<>(Comparator.reverseOrder());
        for (int i = 0; i < s.priorities.size(); i++) out.put(s.priorities.get(i), s.best[i]);
        Map<String, String> witness = new java.util.LinkedHashMap<>();
        for (int i = 0; i < s.vms.size(); i++) {
            Option o = s.bestChosen[i];
            if (o == null) continue;
            StringBuilder b = new StringBuilder(o.host().name());
            for (DeviceTarget t : o.devices())
                b.append(' ').append(t.parent().id()).append(':').append(t.type()).append(t.aggregation() == 1 ? "" : " x" + t.aggregation())
                        .append(t.reuses() ? " (reuse " + t.reuseUuid() + ")" : "");
            witness.put(s.vms.get(i).name(), b.toString());
        }
        return new Result(out, witness, s.nodes, complete);
    }

    /** Every (host, device targets) combination the rules allow, keeping only those that fit on an otherwise unchanged fleet. */
    private List<Option> optionsOf(Vm vm, List<Host> targets) {
        List<Option> out = new ArrayList<>();
        for (Host h : targets) {
            HostCandidates hc = Candidates.on(view, vm, MoveMode.LIVE, h);
            if (!hc.possible()) continue;
            List<List<DeviceTarget>> per = new ArrayList<>();
            for (List<DeviceTarget> l : hc.perDevice()) {
                List<DeviceTarget> keep = new ArrayList<>();
                for (DeviceTarget t : l) if (!(t.reuses() && removeFree)) keep.add(t); // removed free mdevs cannot be reused
                per.add(keep);
            }
            product(h, per, 0, new ArrayList<>(), out);
        }
        out.removeIf(o -> !fits(vm, o));
        return out;
    }

    private void product(Host h, List<List<DeviceTarget>> per, int i, List<DeviceTarget> acc, List<Option> out) {
        if (i == per.size()) {
            out.add(new Option(h, List.copyOf(acc)));
            return;
        }
        for (DeviceTarget t : per.get(i)) {
            acc.add(t);
            product(h, per, i + 1, acc, out);
            acc.remove(acc.size() - 1);
        }
    }

    /** Depth-first over evacuees (highest priority first); false when the node limit was hit. */
    private boolean search(int i) {
        if (++nodes > nodeLimit) return false;
        if (!canBeat(i)) return true;
        if (i == vms.size()) {
            best = current.clone();
            bestChosen = chosen.clone();
            return true;
        }
        Vm vm = vms.get(i);
        int pi = priorities.indexOf(vm.priority());
        for (Option o : options.get(i)) {
            if (++nodes > nodeLimit) return false; // each option tried counts: on large fleets a VM has hundreds
            if (!fits(vm, o)) continue;
            apply(vm, o, +1);
            current[pi]++;
            chosen[i] = o;
            boolean ok = search(i + 1);
            chosen[i] = null;
            current[pi]--;
            apply(vm, o, -1);
            if (!ok) return false;
        }
        return search(i + 1); // unplaced
    }

    /** Whether placing every undecided evacuee from {@code i} on could still beat the best found (lexicographically). */
    private boolean canBeat(int i) {
        if (i == vms.size()) return compare(current, best) > 0;
        int[] ub = current.clone();
        for (int k = 0; k < ub.length; k++) ub[k] += remainingFrom[i][k];
        return compare(ub, best) > 0;
    }

    private static int compare(int[] a, int[] b) {
        for (int k = 0; k < a.length; k++) if (a[k] != b[k]) return Integer.compare(a[k], b[k]);
        return 0;
    }

    private boolean fits(Vm vm, Option o) {
        Host h = o.host();
        long[] u = used.get(h.name());
        if (u[0] + vm.cpus() > h.cpus() || u[1] + vm.memoryMiB() > h.memoryMiB()) return false;
        Map<String, Integer> g = groupsOn.get(h.name());
        for (String grp : vm.groups()) if (g.getOrDefault(grp, 0) > 0) return false;
        Map<ParentView, List<Instance>> adding = new HashMap<>();
        Set<String> reusing = new HashSet<>();
        for (DeviceTarget t : o.devices()) {
            if (t.reuses()) {
                String key = t.parent().key() + "/" + t.reuseUuid().toLowerCase();
                if (reused.contains(key) || !reusing.add(key)) return false;
                continue;
            }
            adding.computeIfAbsent(t.parent(), p -> new ArrayList<>(added.get(p))).add(Instance.added(t.type(), t.aggregation()));
        }
        for (var e : adding.entrySet()) if (!e.getKey().capacity().fit(present.get(e.getKey()), e.getValue()).fits()) return false;
        return true;
    }

    private void apply(Vm vm, Option o, int sign) {
        long[] u = used.get(o.host().name());
        u[0] += sign * vm.cpus();
        u[1] += sign * vm.memoryMiB();
        Map<String, Integer> g = groupsOn.get(o.host().name());
        for (String grp : vm.groups()) g.merge(grp, sign, Integer::sum);
        for (DeviceTarget t : o.devices()) {
            if (t.reuses()) {
                String key = t.parent().key() + "/" + t.reuseUuid().toLowerCase();
                if (sign > 0) reused.add(key);
                else reused.remove(key);
                continue;
            }
            List<Instance> l = added.get(t.parent());
            if (sign > 0) l.add(Instance.added(t.type(), t.aggregation()));
            else l.remove(l.size() - 1);
        }
    }
}
