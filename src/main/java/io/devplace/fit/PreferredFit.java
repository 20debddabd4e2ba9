package io.devplace.fit;

import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.Candidates;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.HostCandidates;

import java.util.ArrayList;
import java.util.List;

/**
 * A fleet VM judged against one host for a placement that is handed out. {@link HostFit} decides whether it fits and
 * why not (the same verdicts as {@code explain}); when it fits, HostFit's targets are simply the first combination in
 * rule order, which suffices for a yes/no and for the solver (it weighs options itself). A placement handed to a
 * scheduler should instead reuse free instances first and pack per the policy (SPEC §2.1, §2.2 item 7), so the
 * targets are chosen again in that order, under the same capacity checks.
 */
public final class PreferredFit {
    private PreferredFit() {}

    public static HostVerdict judge(FleetState state, Vm vm, MoveMode mode, Host host, Policy pol) {
        HostVerdict v = HostFit.judge(state, vm, mode, host, pol);
        if (!v.fits()) return v;
        HostCandidates hc = Candidates.on(state.view(), vm, mode, host);
        List<List<DeviceTarget>> ordered = new ArrayList<>();
        for (List<DeviceTarget> ts : hc.perDevice()) ordered.add(NewVmFit.preferredOrder(state, ts, pol));
        HostVerdict preferred = NewVmFit.room(state, vm, host, ordered, pol);
        return preferred.fits() ? preferred : v;
    }
}
