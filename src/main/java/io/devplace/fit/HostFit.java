package io.devplace.fit;

import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.Candidates;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.Reasons;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges one fleet VM against one host in a {@link FleetState}, the way a scheduler filter does: rules first
 * (compatibility, requirements, downtime cap), then {@link Room} (CPU, memory, anti-affinity, devices), with the
 * targets in rule order. Never changes the state. A host that fails only because of VMs of strictly higher priority
 * that the plan moved there gets {@code DISPLACED_BY_PRIORITY}.
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
        if (!hc.possible()) return new HostVerdict(host.name(), null, null, hc.blockers().get(0));
        Reason cap = overDowntimeCap(state, vm, mode, host, pol);
        if (cap != null) return new HostVerdict(host.name(), null, null, cap);
        HostVerdict v = Room.first(state, vm, host, hc.perDevice(), pol, List.of(), fits);
        if (v.fits()) return v;
        List<FleetState.Resident> higher = movedThereWithHigherPriority(state, vm, host);
        if (!higher.isEmpty() && Room.first(state, vm, host, hc.perDevice(), pol, higher, null).fits())
            return new HostVerdict(host.name(), null, null,
                    Reasons.displacedByPriority(host.name(), vm.name(), higher.stream().map(r -> r.vm().name()).toList()));
        return v;
    }

    /** {@code DOWNTIME_CAP} when {@code vm} would move live to {@code host} over the policy's cap; else null. */
    static Reason overDowntimeCap(FleetState state, Vm vm, MoveMode mode, Host host, Policy pol) {
        if (mode != MoveMode.LIVE || pol.maxDowntimeMs() <= 0) return null;
        long d = ProblemBuilder.downtimeMs(state.view(), vm, state.view().fleet().host(vm.host()), host, pol);
        return d > pol.maxDowntimeMs() ? Reasons.downtimeCap(host.name(), d, pol.maxDowntimeMs()) : null;
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
}
