package io.devplace.fit;

import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.Candidates;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.ProblemBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * A fleet VM judged against one host for a placement that is handed out. {@link HostFit} is the authority on whether
 * it fits and why not (the verdicts of {@code explain}); when it fits, its targets are simply the first combination in
 * rule order, which suffices for a yes/no and for the solver (it weighs options itself). A placement handed to a
 * scheduler should reuse free instances first and pack per the policy (docs/reference/plan.md, check 7), so here the targets
 * are searched in that order.
 *
 * <p>The search is HostFit's own ({@link Room#first}, after the same downtime cap) over the same candidates in another
 * order, so when it finds a fit HostFit would too, and HostFit need not be asked. Whenever it does not — or the
 * combinations exceed {@link Room#MAX_COMBOS}, where another order could reach other combinations — HostFit judges,
 * so every rejection and its reason (DISPLACED_BY_PRIORITY included) is HostFit's own.
 */
public final class PreferredFit {
    private PreferredFit() {}

    public static HostVerdict judge(FleetState state, Vm vm, MoveMode mode, Host host, Policy pol) {
        return judge(state, vm, mode, host, pol, null);
    }

    /**
     * As above; {@code candidates}, when given, are {@code Candidates.on(view, vm, mode, host)} computed earlier on the
     * same view (they depend on the rules alone), which spares computing them again for a host that fits.
     */
    public static HostVerdict judge(FleetState state, Vm vm, MoveMode mode, Host host, Policy pol, HostCandidates candidates) {
        return judge(state, vm, mode, host, pol, candidates, null);
    }

    /** As above; {@code fits} (may be null) remembers capacity answers on {@code state}, which nobody changes any more. */
    public static HostVerdict judge(FleetState state, Vm vm, MoveMode mode, Host host, Policy pol, HostCandidates candidates, ParentFits fits) {
        HostCandidates hc = candidates != null ? candidates : Candidates.on(state.view(), vm, mode, host);
        // HostFit's own first step, on the same candidates: no compatible device or a requirement that fails
        if (!hc.possible()) return new HostVerdict(host.name(), null, null, hc.blockers().get(0));
        if (combinations(hc) <= Room.MAX_COMBOS && HostFit.overDowntimeCap(state, vm, mode, host, pol) == null) {
            List<List<DeviceTarget>> ordered = new ArrayList<>();
            for (List<DeviceTarget> ts : hc.perDevice()) ordered.add(NewVmFit.preferredOrder(state, ts, pol));
            HostVerdict preferred = Room.first(state, vm, host, ordered, pol, List.of(), fits);
            if (preferred.fits()) return preferred;
        }
        return HostFit.judge(state, vm, mode, host, pol, hc, fits);
    }

    private static long combinations(HostCandidates hc) {
        long n = 1;
        for (List<DeviceTarget> ts : hc.perDevice()) {
            n *= Math.max(1, ts.size());
            if (n > Room.MAX_COMBOS) return n;
        }
        return n;
    }
}
