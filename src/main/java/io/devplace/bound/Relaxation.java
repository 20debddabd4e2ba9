package io.devplace.bound;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.CompatibleTargets;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.HostView;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The final state any plan reaches, relaxed so that every plan's final state is a solution of it: each evacuee takes
 * one choice (a host and a device target per source device) or none; host CPU and memory, every parent's capacity
 * model and hard anti-affinity must hold among the evacuees placed. What it leaves out only makes it larger: wave
 * order and per-wave limits, and VMs that may move to make room (rebalance candidates are taken off their hosts and
 * placed nowhere; free mdevs that may be removed are removed). So its maximum bounds every plan from above.
 *
 * <p>Choices are enumerated here from the rules ({@link io.devplace.problem.Candidates}), not taken from the solver's value ranges: those
 * may be pruned for speed, and a bound over a pruned range would bound nothing.
 */
final class Relaxation {
    /** Device-target combinations per host beyond which a VM's choices are truncated (and no longer exact). */
    static final int MAX_CHOICES_PER_HOST = 256;

    /** One source device's target in capacity terms: a new instance on a parent, or the reuse of a free mdev. */
    record Slot(ParentView parent, Instance instance, String reuseUuid) {
        boolean reuses() { return reuseUuid != null; }
    }

    /**
     * One way to place an evacuee: its host and one slot per device, with the device targets they came from, and the
     * new instances per parent (computed once: the exact search asks for them on every step).
     */
    record Choice(HostView host, List<Slot> slots, List<DeviceTarget> targets, Map<ParentView, List<Instance>> added) {
        Choice(HostView host, List<Slot> slots, List<DeviceTarget> targets) { this(host, slots, targets, addedByParent(slots)); }
    }

    /**
     * An evacuee with every choice it has in the relaxation. On a host in {@code truncated} it has more combinations
     * than were listed: its choices there are not all known.
     */
    record Evacuee(VmRequest request, List<Choice> choices, Set<HostView> truncated) {
        Vm vm() { return request.vm(); }

        long priority() { return request.vm().priority(); }

        boolean complete() { return truncated.isEmpty(); }

        /** Every host where it might go: its choices' hosts, and the hosts where they were truncated. */
        Set<HostView> hosts() {
            Set<HostView> h = new java.util.LinkedHashSet<>();
            for (Choice c : choices) h.add(c.host());
            h.addAll(truncated);
            return h;
        }
    }

    final List<Evacuee> evacuees = new ArrayList<>();
    final Map<ParentView, List<Instance>> pinned = new IdentityHashMap<>();
    final boolean hardAntiAffinity;

    private Relaxation(boolean hardAntiAffinity) { this.hardAntiAffinity = hardAntiAffinity; }

    static Relaxation of(PlanningProblem problem) {
        FleetView view = problem.view();
        Policy pol = problem.request().policy();
        Relaxation rx = new Relaxation(pol.hardAntiAffinity());
        Set<String> movers = new HashSet<>();
        for (VmRequest r : problem.requests()) movers.add(r.name());
        for (HostView hv : problem.hosts().values()) {
            for (ParentView p : view.parents(hv.name())) {
                List<Instance> keep = new ArrayList<>();
                for (Instance i : p.existing()) {
                    String owner = i.uuid() == null ? null : p.owner(i.uuid());
                    if (owner == null ? pol.removeFreeMdevs() : movers.contains(owner)) continue;
                    keep.add(i);
                }
                rx.pinned.put(p, keep);
            }
        }
        Map<String, Set<String>> stayingGroups = new HashMap<>();
        for (PlanningProblem.GroupMember m : problem.stayingGroupMembers())
            stayingGroups.computeIfAbsent(m.host(), h -> new HashSet<>()).add(m.group());
        // one shape's VMs after another, so that each shape's candidates are worked out once per host (CompatibleTargets)
        CompatibleTargets compatible = new CompatibleTargets(view, 1);
        Map<VmRequest, Evacuee> built = new IdentityHashMap<>();
        List<VmRequest> evacuees = problem.evacuees();
        for (VmRequest r : compatible.grouped(evacuees, VmRequest::vm, VmRequest::mode))
            built.put(r, rx.choices(problem, compatible.of(r.vm(), r.mode()), r, pol, stayingGroups));
        for (VmRequest r : evacuees) rx.evacuees.add(built.get(r));
        return rx;
    }

    List<Instance> pinned(ParentView p) { return pinned.getOrDefault(p, p.existing()); }

    private Evacuee choices(PlanningProblem problem, CompatibleTargets.ForVm candidates, VmRequest r, Policy pol,
                            Map<String, Set<String>> stayingGroups) {
        FleetView view = problem.view();
        Vm vm = r.vm();
        Host src = view.fleet().host(vm.host());
        List<Choice> out = new ArrayList<>();
        Set<HostView> truncated = new java.util.LinkedHashSet<>();
        for (HostView hv : problem.hosts().values()) {
            if (hv.name().equals(src.name())) continue;
            if (vm.cpus() > hv.freeCpus() || vm.memoryMiB() > hv.freeMemoryMiB()) continue;
            if (hardAntiAffinity && !vm.groups().isEmpty()) {
                Set<String> there = stayingGroups.getOrDefault(hv.name(), Set.of());
                if (vm.groups().stream().anyMatch(there::contains)) continue;
            }
            if (r.mode() == MoveMode.LIVE && pol.maxDowntimeMs() > 0
                    && ProblemBuilder.downtimeMs(view, vm, src, hv.host(), pol) > pol.maxDowntimeMs()) continue;
            HostCandidates hc = candidates.on(hv.host());
            if (!hc.possible()) continue;
            List<List<Slot>> perDevice = new ArrayList<>();
            List<List<DeviceTarget>> targetsPerDevice = new ArrayList<>();
            for (List<DeviceTarget> ts : hc.perDevice()) {
                // capacity-equivalent targets (same parent, type, aggregation and exclusive resources; rule aside) are one slot
                Map<Slot, DeviceTarget> distinct = new LinkedHashMap<>();
                for (DeviceTarget t : ts) {
                    // a free mdev that may be removed is not pinned: reusing it takes what creating its twin takes
                    boolean reuse = t.reuses() && !pol.removeFreeMdevs();
                    if (t.reuses() && !reuse) continue; // its twin, the create target, is in the list too
                    Slot s = new Slot(t.parent(), t.asNewInstance(), reuse ? t.reuseUuid().toLowerCase() : null);
                    distinct.putIfAbsent(s, t);
                }
                perDevice.add(new ArrayList<>(distinct.keySet()));
                targetsPerDevice.add(new ArrayList<>(distinct.values()));
            }
            if (!expand(hv, perDevice, targetsPerDevice, 0, new ArrayList<>(), new ArrayList<>(), out, out.size() + MAX_CHOICES_PER_HOST))
                truncated.add(hv);
        }
        return new Evacuee(r, out, truncated);
    }

    /** Every combination of one slot per device that fits its parents alone; false when it stopped at {@code limit}. */
    private boolean expand(HostView hv, List<List<Slot>> perDevice, List<List<DeviceTarget>> targets, int i, List<Slot> cur,
                           List<DeviceTarget> curT, List<Choice> out, int limit) {
        if (i == perDevice.size()) {
            if (out.size() >= limit) return false;
            if (fitsAlone(cur)) out.add(new Choice(hv, List.copyOf(cur), List.copyOf(curT)));
            return true;
        }
        boolean complete = true;
        for (int k = 0; k < perDevice.get(i).size(); k++) {
            Slot s = perDevice.get(i).get(k);
            if (s.reuses() && cur.stream().anyMatch(c -> s.reuseUuid().equals(c.reuseUuid()))) continue;
            cur.add(s);
            curT.add(targets.get(i).get(k));
            complete &= expand(hv, perDevice, targets, i + 1, cur, curT, out, limit);
            cur.remove(cur.size() - 1);
            curT.remove(curT.size() - 1);
            if (!complete) return false;
        }
        return complete;
    }

    /** Fit-alone answers for one new instance on one parent: most choices are that, and many VMs ask the same. */
    private final Map<Slot, Boolean> oneNew = new HashMap<>();

    private boolean fitsAlone(List<Slot> slots) {
        if (slots.size() == 1) {
            Slot s = slots.get(0);
            if (s.reuses()) return true;
            return oneNew.computeIfAbsent(s, x -> x.parent().capacity().fit(pinned(x.parent()), List.of(x.instance())).fits());
        }
        Map<ParentView, List<Instance>> added = addedByParent(slots);
        for (var e : added.entrySet()) {
            Fit f = e.getKey().capacity().fit(pinned(e.getKey()), e.getValue());
            if (!f.fits()) return false;
        }
        return true;
    }

    static Map<ParentView, List<Instance>> addedByParent(List<Slot> slots) {
        Map<ParentView, List<Instance>> added = new LinkedHashMap<>();
        for (Slot s : slots) if (!s.reuses()) added.computeIfAbsent(s.parent(), p -> new ArrayList<>()).add(s.instance());
        return added;
    }
}
