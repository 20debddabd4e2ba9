package io.devplace.fit;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.Candidates;
import io.devplace.problem.Combos;
import io.devplace.problem.ParentView;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.Reasons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges one VM against one host in a {@link FleetState}, the way a scheduler filter does: rules first (compatibility,
 * requirements, downtime cap), then room (CPU, memory, anti-affinity, devices). Never changes the state.
 * A host that fails only because of VMs of strictly higher priority that the plan moved there gets
 * {@code DISPLACED_BY_PRIORITY}.
 */
public final class HostFit {
    private HostFit() {}

    public static HostVerdict judge(FleetState state, Vm vm, MoveMode mode, Host host, Policy pol) {
        return judge(state, vm, mode, host, pol, Candidates.on(state.view(), vm, mode, host));
    }

    /** As above with {@code hc} = {@code Candidates.on(view, vm, mode, host)} computed earlier on the same view (rules only). */
    public static HostVerdict judge(FleetState state, Vm vm, MoveMode mode, Host host, Policy pol, HostCandidates hc) {
        return judge(state, vm, mode, host, pol, hc, null);
    }

    /** As above; {@code fits} (may be null) remembers capacity answers on {@code state}, which nobody changes any more. */
    public static HostVerdict judge(FleetState state, Vm vm, MoveMode mode, Host host, Policy pol, HostCandidates hc, ParentFits fits) {
        if (fits != null && !fits.of(state)) fits = null;
        if (!hc.possible()) return new HostVerdict(host.name(), null, null, hc.blockers().get(0));
        if (mode == MoveMode.LIVE && pol.maxDowntimeMs() > 0) {
            long d = ProblemBuilder.downtimeMs(state.view(), vm, state.view().fleet().host(vm.host()), host, pol);
            if (d > pol.maxDowntimeMs())
                return new HostVerdict(host.name(), null, null, new Reason(Reason.DOWNTIME_CAP, host.name(), null, null,
                        "estimated downtime " + d + " ms to " + host.name() + " exceeds the cap of " + pol.maxDowntimeMs() + " ms"));
        }
        HostVerdict v = room(state, vm, host, hc, pol, List.of(), fits);
        if (v.fits()) return v;
        List<FleetState.Resident> higher = movedThereWithHigherPriority(state, vm, host);
        if (!higher.isEmpty() && room(state, vm, host, hc, pol, higher, null).fits()) {
            String who = String.join(", ", higher.stream().map(r -> r.vm().name()).toList());
            return new HostVerdict(host.name(), null, null, new Reason(Reason.DISPLACED_BY_PRIORITY, host.name(), null, higher.get(0).vm().name(),
                    vm.name() + " would fit on " + host.name() + " but for higher-priority VMs this plan moves there (" + who + ")"));
        }
        return v;
    }

    /**
     * VMs of strictly higher priority than {@code vm} that the plan (or a reservation) moved onto {@code host}: when
     * there are none, no verdict on that host can be {@code DISPLACED_BY_PRIORITY}, and {@code vm}'s priority plays no
     * part in it.
     */
    private static List<FleetState.Resident> movedThereWithHigherPriority(FleetState state, Vm vm, Host host) {
        List<FleetState.Resident> higher = List.of();
        for (FleetState.Resident r : state.residents(host.name()))
            if (r.moved() && r.vm().priority() > vm.priority()) {
                if (higher.isEmpty()) higher = new ArrayList<>();
                higher.add(r);
            }
        return higher;
    }

    /**
     * The checks made before any device, in their order: CPU, memory, hard anti-affinity; null when all pass. Whatever
     * the devices, a VM failing one of them gets this reason (unless VMs of higher priority displaced it).
     */
    public static Reason sizeAndGroups(FleetState state, Vm vm, Host host, Policy pol) { return sizeAndGroups(state, vm, host, pol, List.of()); }

    private static Reason sizeAndGroups(FleetState state, Vm vm, Host host, Policy pol, List<FleetState.Resident> without) {
        long freedCpu = 0, freedMem = 0;
        for (FleetState.Resident r : without) { freedCpu += r.vm().cpus(); freedMem += r.vm().memoryMiB(); }
        long freeCpu = host.cpus() - state.usedCpus(host.name()) + freedCpu;
        if (vm.cpus() > freeCpu)
            return new Reason(Reason.INSUFFICIENT_CPU, host.name(), null, null,
                    host.name() + " has " + Math.max(0, freeCpu) + " vCPUs free, " + vm.name() + " needs " + vm.cpus());
        long freeMem = host.memoryMiB() - state.usedMemory(host.name()) + freedMem;
        if (vm.memoryMiB() > freeMem)
            return new Reason(Reason.INSUFFICIENT_MEMORY, host.name(), null, null,
                    host.name() + " has " + Math.max(0, freeMem) + " MiB free, " + vm.name() + " needs " + vm.memoryMiB());
        if (pol.hardAntiAffinity() && !vm.groups().isEmpty()) {
            for (FleetState.Resident r : state.residents(host.name())) {
                if (without.contains(r) || r.vm().name().equals(vm.name())) continue;
                for (String g : vm.groups())
                    if (r.vm().groups().contains(g))
                        return new Reason(Reason.ANTI_AFFINITY, host.name(), null, r.vm().name(),
                                host.name() + " holds " + r.vm().name() + " of anti-affinity group " + g);
            }
        }
        return null;
    }

    private static HostVerdict room(FleetState state, Vm vm, Host host, HostCandidates hc, Policy pol, List<FleetState.Resident> without,
                                    ParentFits fits) {
        Reason before = sizeAndGroups(state, vm, host, pol, without);
        if (before != null) return new HostVerdict(host.name(), null, null, before);
        Reason firstMiss = null;
        for (List<DeviceTarget> combo : Combos.of(hc.perDevice(), 256)) {
            Map<ParentView, List<Instance>> added = new LinkedHashMap<>();
            Map<ParentView, List<Integer>> index = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < combo.size(); i++) {
                DeviceTarget t = combo.get(i);
                if (t.reuses()) {
                    boolean present = state.instancesWithout(t.parent(), without).stream().anyMatch(x -> t.reuseUuid().equalsIgnoreCase(x.uuid()));
                    boolean taken = state.residents(host.name()).stream().anyMatch(r -> !without.contains(r)
                            && r.reused().stream().anyMatch(u -> u.equalsIgnoreCase(t.reuseUuid())));
                    if (!present || taken) { ok = false; break; }
                    continue;
                }
                added.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(Instance.added(t.type(), t.aggregation(), t.attrs()));
                index.computeIfAbsent(t.parent(), p -> new ArrayList<>()).add(i);
            }
            if (!ok) continue;
            Long[] placements = new Long[combo.size()];
            for (var e : added.entrySet()) {
                List<Instance> present = state.instancesWithout(e.getKey(), without);
                // the remembered answers are about the state's own instances: only when nothing is left out
                Fit f = fits != null && without.isEmpty() ? fits.fit(e.getKey(), e.getValue()) : FleetState.fit(e.getKey().capacity(), present, e.getValue());
                if (!f.fits()) {
                    ok = false;
                    if (firstMiss == null) firstMiss = Reasons.fromFit(f, e.getKey(), present);
                    break;
                }
                List<Integer> idx = index.get(e.getKey());
                for (int k = 0; k < idx.size(); k++) placements[idx.get(k)] = f.placements().get(k);
            }
            if (ok) return new HostVerdict(host.name(), combo, java.util.Arrays.asList(placements), null);
        }
        if (firstMiss == null)
            firstMiss = new Reason(Reason.INSUFFICIENT_DEVICE_CAPACITY, host.name(), null, null,
                    "every compatible free mdev on " + host.name() + " is already taken");
        return new HostVerdict(host.name(), null, null, firstMiss);
    }

}
