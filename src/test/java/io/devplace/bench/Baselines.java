package io.devplace.bench;

import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.HostState;
import io.devplace.model.MoveMode;
import io.devplace.model.Vm;
import io.devplace.problem.Candidates;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.solver.DeviceShare;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.ParentView;
import io.devplace.problem.SourceDevice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schedulers people use today, placing one VM at a time (Nova, KubeVirt and DRA):
 * <ul>
 * <li><b>first-fit</b> (filter/weigher, as Nova's FilterScheduler and KubeVirt via the kube-scheduler do): VMs in fleet
 * order; filters: CPU, memory, hard anti-affinity (ServerGroupAntiAffinityFilter), and for every device a parent that can
 * create the <em>same type</em> with room for it (the PCI/vGPU filter; no version, board or aggregation rules beyond the
 * type id). Weighers: Nova's defaults, RAM and CPU, each min-max normalised over the hosts that passed and summed, so the
 * host with most free capacity wins (spreading); ties go to the first host. Inside the host the first parent that fits.
 * <li><b>FFD</b>: the same, with VMs sorted largest first (vGPU share of a GPU, then vCPUs, then memory).
 * <li><b>best-fit</b> (rule-valid variants only): fleet order, the host with least free CPU and memory (Nova's weighers
 * with negative multipliers, i.e. stacking), and per device the fullest parent that takes it.
 * </ul>
 * Capacity is judged by the packs' own models ({@code ParentCapacity.fit}), so every placement a baseline makes fits;
 * {@code valid} counts those the rules would also accept for a live migration (same board and driver version, pack
 * requirements): the others would fail at migration time.
 */
public final class Baselines {
    private Baselines() {}

    public record Result(String name, int movable, int placed, int valid, long millis) {
        public int unplaced() { return movable - placed; }
    }

    public static Result firstFit(FleetView view, Set<String> emptied) { return run("first-fit", view, emptied, false, false, null); }

    public static Result ffd(FleetView view, Set<String> emptied) { return run("ffd", view, emptied, true, false, null); }

    /**
     * Rule-valid variants: the device filter is devplace's own rule judgement ({@link Candidates}: compatible targets
     * of any type the rules allow, reuse of free mdevs, pack requirements), so every placement they make is one a live
     * migration would accept ({@code valid == placed}). {@code rules} caches those judgements across the three.
     */
    public static Result firstFitRules(FleetView view, Set<String> emptied, RuleTargets rules) { return run("first-fit", view, emptied, false, false, rules); }

    public static Result ffdRules(FleetView view, Set<String> emptied, RuleTargets rules) { return run("ffd", view, emptied, true, false, rules); }

    /** Best fit: fleet order; the host with least free CPU and memory left (stacking); per device the fullest parent that takes it. */
    public static Result bestFitRules(FleetView view, Set<String> emptied, RuleTargets rules) { return run("best-fit", view, emptied, false, true, rules); }

    /** Per VM and target host, the device targets the rules allow (computed once, shared by the rule-valid baselines). */
    public static final class RuleTargets {
        private final FleetView view;
        private final Map<String, Map<String, List<List<DeviceTarget>>>> byVm = new HashMap<>();

        public RuleTargets(FleetView view) { this.view = view; }

        List<List<DeviceTarget>> on(Vm vm, Host h) {
            return byVm.computeIfAbsent(vm.name(), k -> new HashMap<>()).computeIfAbsent(h.name(), k -> {
                HostCandidates hc = Candidates.on(view, vm, MoveMode.LIVE, h);
                return hc.possible() ? hc.perDevice() : null;
            });
        }
    }

    private static Result run(String name, FleetView view, Set<String> evacuate, boolean decreasing, boolean bestFit, RuleTargets rules) {
        long t0 = System.nanoTime();
        Set<String> emptied = new LinkedHashSet<>(evacuate);
        for (Host h : view.fleet().hosts()) if (h.state() != HostState.ACTIVE) emptied.add(h.name());
        List<Host> targets = new ArrayList<>();
        for (Host h : view.fleet().hosts()) if (!emptied.contains(h.name())) targets.add(h);

        // per parent: the instances there now (with their slot offsets) and those this baseline adds (no offset yet:
        // ParentCapacity.fit places all added ones together around the present ones, as the planner's constraint does)
        Map<ParentView, List<Instance>> inst = new HashMap<>();
        Map<ParentView, List<Instance>> added = new HashMap<>();
        Map<String, long[]> used = new HashMap<>();
        Map<String, Set<String>> groupsOn = new HashMap<>();
        for (Host h : targets) {
            for (ParentView p : view.parents(h.name())) {
                inst.put(p, p.existing());
                added.put(p, new ArrayList<>());
            }
            used.put(h.name(), new long[]{view.usedCpus(h.name()), view.usedMemory(h.name())});
            Set<String> g = new HashSet<>();
            for (Vm v : view.vmsOn(h.name())) g.addAll(v.groups());
            groupsOn.put(h.name(), g);
        }

        List<Vm> order = new ArrayList<>();
        for (Vm v : view.fleet().vms()) if (emptied.contains(v.host()) && v.isLiveMigratable()) order.add(v);
        if (decreasing) {
            Map<String, Double> size = new HashMap<>();
            for (Vm v : order) size.put(v.name(), share(view, v));
            order.sort(Comparator.comparingDouble((Vm v) -> -size.get(v.name()))
                    .thenComparingLong(v -> -v.cpus()).thenComparingLong(v -> -v.memoryMiB()));
        }

        int placed = 0, valid = 0;
        Set<String> reused = new HashSet<>();
        for (Vm vm : order) {
            List<SourceDevice> devs = view.devices(vm);
            List<Host> passed = new ArrayList<>();
            List<List<ParentView>> choices = new ArrayList<>();
            List<List<DeviceTarget>> ruleChoices = new ArrayList<>();
            for (Host h : targets) {
                long[] u = used.get(h.name());
                if (u[0] + vm.cpus() > h.cpus() || u[1] + vm.memoryMiB() > h.memoryMiB()) continue;
                if (!disjoint(groupsOn.get(h.name()), vm.groups())) continue;
                if (rules != null) {
                    List<List<DeviceTarget>> per = rules.on(vm, h);
                    if (per == null) continue;
                    List<DeviceTarget> chosen = ruleDevices(per, inst, added, reused, bestFit);
                    if (chosen == null) continue;
                    passed.add(h);
                    ruleChoices.add(chosen);
                    continue;
                }
                List<ParentView> chosen = devices(view, h, devs, inst, added);
                if (chosen == null) continue;
                passed.add(h);
                choices.add(chosen);
            }
            if (passed.isEmpty()) continue;
            int best = weigh(passed, used, bestFit);
            Host h = passed.get(best);
            if (rules != null) {
                for (DeviceTarget t : ruleChoices.get(best)) {
                    if (t.reuses()) reused.add(t.parent().key() + "/" + t.reuseUuid());
                    else added.get(t.parent()).add(Instance.added(t.type(), t.aggregation()));
                }
                valid++;
            } else {
                List<ParentView> chosen = choices.get(best);
                for (int i = 0; i < devs.size(); i++) added.get(chosen.get(i)).add(Instance.added(devs.get(i).mdev().type(), devs.get(i).aggregation()));
                if (rulesAllow(view, vm, h, devs, chosen)) valid++;
            }
            long[] u = used.get(h.name());
            u[0] += vm.cpus();
            u[1] += vm.memoryMiB();
            groupsOn.get(h.name()).addAll(vm.groups());
            placed++;
        }
        return new Result(name, order.size(), placed, valid, (System.nanoTime() - t0) / 1_000_000);
    }

    private static boolean disjoint(Set<String> on, List<String> groups) {
        for (String g : groups) if (on.contains(g)) return false;
        return true;
    }

    /** For each source device, the first parent of {@code h} that can create the same type and still has room; null if none. */
    private static List<ParentView> devices(FleetView view, Host h, List<SourceDevice> devs, Map<ParentView, List<Instance>> inst,
                                            Map<ParentView, List<Instance>> added) {
        List<ParentView> chosen = new ArrayList<>();
        Map<ParentView, List<Instance>> adding = new HashMap<>();
        for (SourceDevice d : devs) {
            String type = d.mdev().type();
            ParentView found = null;
            for (ParentView p : view.parents(h.name())) {
                if (!p.capacity().canCreate(type)) continue;
                List<Instance> add = new ArrayList<>(adding.getOrDefault(p, added.get(p)));
                add.add(Instance.added(type, d.aggregation()));
                if (p.capacity().fit(inst.get(p), add).fits()) {
                    found = p;
                    adding.put(p, add);
                    break;
                }
            }
            if (found == null) return null;
            chosen.add(found);
        }
        return chosen;
    }

    /**
     * For each source device, a rule-allowed target that still fits (with what this VM's earlier devices take): the first
     * one, or with {@code fullest} the one on the parent with most already in use. Null if some device has none.
     */
    private static List<DeviceTarget> ruleDevices(List<List<DeviceTarget>> per, Map<ParentView, List<Instance>> inst,
                                                  Map<ParentView, List<Instance>> added, Set<String> reused, boolean fullest) {
        List<DeviceTarget> chosen = new ArrayList<>();
        Map<ParentView, List<Instance>> adding = new HashMap<>();
        Set<String> reusing = new HashSet<>();
        for (List<DeviceTarget> options : per) {
            DeviceTarget found = null;
            double foundUse = -1;
            for (DeviceTarget t : options) {
                ParentView p = t.parent();
                if (t.reuses()) {
                    String key = p.key() + "/" + t.reuseUuid();
                    if (reused.contains(key) || reusing.contains(key)) continue;
                } else {
                    List<Instance> add = new ArrayList<>(adding.getOrDefault(p, added.get(p)));
                    add.add(Instance.added(t.type(), t.aggregation()));
                    if (!p.capacity().fit(inst.get(p), add).fits()) continue;
                }
                if (!fullest) { found = t; break; }
                double use = inUse(p, inst.get(p), adding.getOrDefault(p, added.get(p)));
                if (use > foundUse) { found = t; foundUse = use; }
            }
            if (found == null) return null;
            chosen.add(found);
            if (found.reuses()) reusing.add(found.parent().key() + "/" + found.reuseUuid());
            else adding.computeIfAbsent(found.parent(), p -> new ArrayList<>(added.get(p))).add(Instance.added(found.type(), found.aggregation()));
        }
        return chosen;
    }

    /** Share of the parent in use: its present and added instances, each by the pack's slots, counters or instance limit. */
    private static double inUse(ParentView p, List<Instance> present, List<Instance> added) {
        double s = 0;
        for (Instance i : present) s += DeviceShare.of(p, i.type(), i.aggregation());
        for (Instance i : added) s += DeviceShare.of(p, i.type(), i.aggregation());
        return s;
    }

    /**
     * Nova's RAM and CPU weighers (multiplier 1.0 each): min-max normalised free capacity, summed; first best wins. With
     * {@code stack} the multipliers are -1.0 (Nova's way to pack instead of spread): least free capacity wins.
     */
    private static int weigh(List<Host> passed, Map<String, long[]> used, boolean stack) {
        double[] ram = new double[passed.size()], cpu = new double[passed.size()];
        for (int i = 0; i < passed.size(); i++) {
            Host h = passed.get(i);
            long[] u = used.get(h.name());
            ram[i] = h.memoryMiB() - u[1];
            cpu[i] = h.cpus() - u[0];
        }
        normalise(ram);
        normalise(cpu);
        int best = 0;
        double sign = stack ? -1 : 1;
        for (int i = 1; i < passed.size(); i++) if (sign * (ram[i] + cpu[i]) > sign * (ram[best] + cpu[best])) best = i;
        return best;
    }

    private static void normalise(double[] x) {
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double v : x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        for (int i = 0; i < x.length; i++) x[i] = hi == lo ? 0 : (x[i] - lo) / (hi - lo);
    }

    /** Whether devplace's rules would allow this placement as a live migration (compatible target of that type there). */
    private static boolean rulesAllow(FleetView view, Vm vm, Host h, List<SourceDevice> devs, List<ParentView> chosen) {
        HostCandidates hc = Candidates.on(view, vm, MoveMode.LIVE, h);
        if (!hc.possible()) return false;
        for (int i = 0; i < devs.size(); i++) {
            boolean ok = false;
            for (DeviceTarget t : hc.perDevice().get(i))
                if (t.parent() == chosen.get(i) && t.type().equals(devs.get(i).mdev().type())) { ok = true; break; }
            if (!ok) return false;
        }
        return true;
    }

    /** A VM's size for FFD: the share of a GPU its devices take (by the pack's slots, counters or instance limit). */
    static double share(FleetView view, Vm vm) {
        double s = 0;
        for (SourceDevice d : view.devices(vm)) s += DeviceShare.of(d.parent(), d.mdev().type(), d.aggregation());
        return s;
    }
}
