package io.devplace.planning;

import io.devplace.fit.FleetState;
import io.devplace.fit.Room;
import io.devplace.model.Policy;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the replay and the repairs build together: the fleet's final state as it stands, the option kept for each VM
 * placed so far (in the order they were placed) and the free mdevs removed to make room. Every step after the solver
 * changes it only through options that {@link Room} says fit, so it never holds an overcommit.
 */
final class Placement {
    /** Evacuees first by priority (highest first), then by name: the order unplaced VMs get their chances in. */
    static final Comparator<VmRequest> BY_PRIORITY = Comparator.comparingLong((VmRequest r) -> -r.vm().priority()).thenComparing(VmRequest::name);

    final FleetState state;
    final Policy policy;
    final Map<String, PlacementOption> placed = new LinkedHashMap<>();
    final List<FreeMdev> removals;

    Placement(FleetState state, Policy policy, List<FreeMdev> removals) {
        this.state = state;
        this.policy = policy;
        this.removals = removals;
    }

    /** Evacuees not placed yet, in {@link #BY_PRIORITY} order. */
    List<VmRequest> waiting(PlanningProblem problem) {
        List<VmRequest> out = new ArrayList<>();
        for (VmRequest r : problem.evacuees()) if (!placed.containsKey(r.name())) out.add(r);
        out.sort(BY_PRIORITY);
        return out;
    }

    /** Whether {@code o} fits the state now (its VM released from its source beforehand). */
    boolean fits(PlacementOption o) {
        return Room.fits(state, o.request().vm(), o.host().host(), o.targets(), policy);
    }

    /** Places {@code o}'s VM (released beforehand) on its target in the state and records the option. */
    void place(PlacementOption o) {
        state.place(o.request().vm(), o.hostName(), o.targets(), null, null);
        placed.put(o.request().name(), o);
    }

    /** Places {@code r} on its first option that fits the state now; whether it found one. */
    boolean firstFit(VmRequest r) {
        for (PlacementOption o : r.options()) {
            state.release(r.vm());
            if (fits(o)) {
                place(o);
                return true;
            }
            state.unrelease(r.vm());
        }
        return false;
    }
}
