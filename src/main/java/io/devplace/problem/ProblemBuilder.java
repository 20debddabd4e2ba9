package io.devplace.problem;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.InvalidInputException;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the planning problem (docs/reference/plan.md, check 1): which VMs move and how, and each one's placement options — every
 * combination of compatible device targets on a host that fits that host by itself against what certainly stays.
 */
public final class ProblemBuilder {
    /** Cap on device-target combinations per host for multi-device VMs: keeps value ranges small. */
    static final int MAX_COMBOS_PER_HOST = 24;

    private ProblemBuilder() {}

    public static PlanningProblem build(FleetView view, PlanRequest req) {
        Policy pol = req.policy();
        Set<String> emptied = new LinkedHashSet<>();
        for (String h : req.evacuate()) {
            if (view.fleet().host(h) == null) throw new InvalidInputException("<command line>", "evacuate", "host '" + h + "' is not in the fleet");
            emptied.add(h);
        }
        for (Host h : view.fleet().hosts()) if (!view.isTargetable(h)) emptied.add(h.name());

        List<VmRequest> requests = new ArrayList<>();
        List<VmRequest> notMovable = new ArrayList<>();
        Set<String> movers = new HashSet<>();
        for (Vm vm : view.fleet().vms()) {
            Host src = view.fleet().host(vm.host());
            if (emptied.contains(src.name())) {
                Mobility mob = Mobility.of(view, vm, src.state(), pol);
                MoveMode mode = mob.mode();
                VmRequest r = new VmRequest(vm, mode == null ? MoveMode.LIVE : mode, true);
                if (mode == null) {
                    // docs/reference/reason-codes.md: reasons per candidate host (every host not being emptied); with no candidate at all,
                    // one reason about the VM itself
                    String why = mob.unmovable();
                    for (Host h : view.fleet().hosts())
                        if (!emptied.contains(h.name())) r.ruledOut().add(Reasons.notLiveMigratable(h.name(), vm.name(), why));
                    if (r.ruledOut().isEmpty()) r.ruledOut().add(Reasons.notLiveMigratable(null, vm.name(), why));
                    notMovable.add(r);
                } else {
                    requests.add(r);
                    movers.add(vm.name());
                }
            } else if (pol.allowRebalance() && Mobility.of(view, vm, src.state(), pol).live()) {
                requests.add(new VmRequest(vm, MoveMode.LIVE, false));
                movers.add(vm.name());
            }
        }

        // What certainly stays: used to prune options that could never fit, whatever the solver does.
        Map<String, HostView> hosts = new LinkedHashMap<>();
        List<PlanningProblem.GroupMember> staying = new ArrayList<>();
        for (Host h : view.fleet().hosts()) {
            if (emptied.contains(h.name())) continue;
            long cpu = h.cpus(), mem = h.memoryMiB();
            for (Vm v : view.vmsOn(h.name())) {
                if (movers.contains(v.name())) continue;
                cpu -= v.cpus();
                mem -= v.memoryMiB();
                for (String g : v.groups()) staying.add(new PlanningProblem.GroupMember(h.name(), g, v.name()));
            }
            hosts.put(h.name(), new HostView(h, cpu, mem));
        }
        List<FreeMdev> free = new ArrayList<>();
        Map<ParentView, List<Instance>> pinned = new HashMap<>();
        for (HostView hv : hosts.values()) {
            for (ParentView p : view.parents(hv.name())) {
                List<Instance> keep = new ArrayList<>();
                for (Instance i : p.existing()) {
                    String owner = p.owner(i.uuid());
                    if (owner == null && pol.removeFreeMdevs()) {
                        free.add(new FreeMdev(p, i.uuid(), i.type(), i.aggregation()));
                        continue;
                    }
                    if (owner != null && movers.contains(owner)) continue;
                    keep.add(i);
                }
                pinned.put(p, keep);
            }
        }

        Map<OneNew, Reason> fitMemo = new HashMap<>();
        // VMs whose devices look alike to the rules have the same candidates on a host: one shape's VMs after another,
        // so each shape's are worked out once per host (the options of each VM are the same in any order)
        CompatibleTargets compatible = new CompatibleTargets(view, 1);
        for (VmRequest r : compatible.grouped(requests, VmRequest::vm, VmRequest::mode))
            buildOptions(view, compatible.of(r.vm(), r.mode()), r, hosts, pinned, pol, emptied, fitMemo);
        setUnplacedWeights(requests);
        return new PlanningProblem(view, req, emptied, requests, notMovable, hosts, free, staying, new Derived());
    }

    private static void buildOptions(FleetView view, CompatibleTargets.ForVm candidates, VmRequest r, Map<String, HostView> hosts,
                                     Map<ParentView, List<Instance>> pinned,
                                     Policy pol, Set<String> emptied, Map<OneNew, Reason> fitMemo) {
        Vm vm = r.vm();
        Host src = view.fleet().host(vm.host());
        List<ParentClaim> releases = new ArrayList<>();
        if (!r.evacuee()) {
            for (SourceDevice d : view.devices(vm))
                releases.add(new ParentClaim(d.parent(), ParentClaim.Kind.RELEASE, d.mdev().type(), d.aggregation(), d.mdev().uuid()));
        }
        for (HostView hv : hosts.values()) {
            if (hv.name().equals(src.name())) continue;
            HostCandidates hc = candidates.on(hv.host());
            if (!hc.possible()) { r.ruledOut().addAll(hc.blockers()); continue; }
            Reason size = SizeAndGroups.size(vm, hv.host(), hv.freeCpus(), hv.freeMemoryMiB());
            if (size != null) { r.ruledOut().add(size); continue; }
            long downtime = r.mode() == MoveMode.LIVE ? downtimeMs(view, vm, src, hv.host(), pol) : -1;
            if (r.mode() == MoveMode.LIVE && pol.maxDowntimeMs() > 0 && downtime > pol.maxDowntimeMs()) {
                r.ruledOut().add(Reasons.downtimeCap(hv.name(), downtime, pol.maxDowntimeMs()));
                continue;
            }
            int before = r.options().size();
            Reason lastMiss = null;
            for (List<DeviceTarget> combo : Combos.of(fittingAlone(hc.perDevice(), pinned, fitMemo), MAX_COMBOS_PER_HOST)) {
                Reason miss = fitsAlone(combo, pinned, fitMemo);
                if (miss != null) { lastMiss = miss; continue; }
                r.options().add(new PlacementOption(r, hv, combo, downtime, releases));
            }
            if (r.options().size() == before && lastMiss != null) r.ruledOut().add(lastMiss);
        }
        // Value order for construction: the one preference, then stable by host and parent (load and name computed
        // once per option, not once per comparison)
        Map<PlacementOption, Integer> loads = new IdentityHashMap<>();
        Map<PlacementOption, String> names = new IdentityHashMap<>();
        for (PlacementOption o : r.options()) {
            loads.put(o, load(o));
            names.put(o, o.toString());
        }
        r.options().sort(Preference.<PlacementOption>of(pol, PlacementOption::newMdevs, loads::get, PlacementOption::downtimeMs)
                .thenComparing(names::get));
    }

    private static int load(PlacementOption o) {
        int n = 0;
        for (DeviceTarget t : o.targets()) n += t.parent().existing().size();
        return n;
    }

    /** docs/reference/plan.md, check 6: 300 + Σ stateMiB × aggregation × 1000 / min(source, target bandwidth), rounded. */
    public static long downtimeMs(FleetView view, Vm vm, Host src, Host dst, Policy pol) {
        long bw = Math.min(bandwidth(src, pol), bandwidth(dst, pol));
        double ms = 300;
        for (SourceDevice d : view.devices(vm)) ms += (double) d.stateMiB() * d.aggregation() * 1000.0 / bw;
        return Math.round(ms);
    }

    public static long bandwidth(Host h, Policy pol) {
        return h.migration() != null && h.migration().bandwidthMiBps() != null ? h.migration().bandwidthMiBps() : pol.bandwidthMiBps();
    }

    /**
     * One new instance on one parent, as far as capacity can tell it apart ({@link DeviceTarget#capacityAttrs}): all
     * that decides {@link #fitsAlone} for most combinations.
     */
    private record OneNew(ParentView parent, String type, long aggregation, List<Map<String, String>> attrs) {}

    private static final Reason FITS = new Reason(null, null, null, null, null);

    /**
     * A VM with several devices: only the targets that fit alone, so that the combination limit counts combinations
     * that may fit (capacity is monotone: a target that does not fit alone fits in no combination). Unchanged when a
     * device would be left with none, so that the reason why stays the one the combinations give.
     */
    private static List<List<DeviceTarget>> fittingAlone(List<List<DeviceTarget>> perDevice, Map<ParentView, List<Instance>> pinned,
                                                         Map<OneNew, Reason> memo) {
        if (perDevice.size() < 2) return perDevice;
        List<List<DeviceTarget>> out = new ArrayList<>();
        for (List<DeviceTarget> ts : perDevice) {
            List<DeviceTarget> f = new ArrayList<>();
            for (DeviceTarget t : ts) if (fitsAlone(List.of(t), pinned, memo) == null) f.add(t);
            if (f.isEmpty()) return perDevice;
            out.add(f);
        }
        return out;
    }

    /**
     * Null when the combination fits each of its parents on top of what certainly stays; else the reason it does not.
     * What stays does not change while options are built, so a combination creating a single instance is judged once
     * per (parent, type, aggregation) and remembered in {@code memo}.
     */
    private static Reason fitsAlone(List<DeviceTarget> combo, Map<ParentView, List<Instance>> pinned, Map<OneNew, Reason> memo) {
        DeviceTarget only = null;
        int created = 0;
        for (DeviceTarget t : combo) if (!t.reuses()) { only = t; created++; }
        if (created != 1) return fitsAlone(combo, pinned);
        OneNew key = new OneNew(only.parent(), only.type(), only.aggregation(), only.capacityAttrs());
        Reason r = memo.get(key);
        if (r == null) {
            Reason x = fitsAlone(combo, pinned);
            r = x == null ? FITS : x;
            memo.put(key, r);
        }
        return r == FITS ? null : r;
    }

    private static Reason fitsAlone(List<DeviceTarget> combo, Map<ParentView, List<Instance>> pinned) {
        Map<ParentView, List<Instance>> added = new LinkedHashMap<>();
        for (DeviceTarget t : combo) if (!t.reuses()) added.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(t.asNewInstance());
        for (var e : added.entrySet()) {
            Fit f = e.getKey().capacity().fit(pinned.getOrDefault(e.getKey(), e.getKey().existing()), e.getValue());
            if (!f.fits()) return Reasons.fromFit(f, e.getKey(), pinned.getOrDefault(e.getKey(), e.getKey().existing()));
        }
        return null;
    }


    /**
     * docs/reference/plan.md, check 7(a): priority is lexicographic, so one unplaced VM of a priority weighs more than all VMs of every
     * lower priority together: w(level) = 1 + Σ over lower levels of count × w. Saturates instead of overflowing.
     */
    static void setUnplacedWeights(List<VmRequest> requests) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (VmRequest r : requests) if (r.evacuee()) counts.merge(r.vm().priority(), 1L, Long::sum);
        Map<Long, Long> weight = new HashMap<>();
        long below = 0;
        for (var e : counts.entrySet()) {
            long w = satAdd(1, below);
            weight.put(e.getKey(), w);
            below = satAdd(below, satMul(e.getValue(), w));
        }
        for (VmRequest r : requests) if (r.evacuee()) r.setUnplacedWeight(weight.get(r.vm().priority()));
    }

    private static long satAdd(long a, long b) { long s = a + b; return s < 0 ? Long.MAX_VALUE / 4 : Math.min(s, Long.MAX_VALUE / 4); }

    private static long satMul(long a, long b) {
        try {
            return Math.min(Math.multiplyExact(a, b), Long.MAX_VALUE / 4);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
