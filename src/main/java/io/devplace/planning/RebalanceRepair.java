package io.devplace.planning;

import io.devplace.fit.FleetState;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * With {@code allowRebalance}: local search changes one VM at a time and will not step through "move a resident away"
 * (worse on its own) to reach "then the evacuee fits". Try that two-step ejection directly: for an evacuee still
 * unplaced, find a resident of one of its target hosts that can move elsewhere, after which the evacuee fits where it
 * was.
 */
final class RebalanceRepair implements Repair {
    /** Options tried per evacuee, and residents tried per option: bounded, so it stays cheap on large fleets. */
    private static final int MAX_OPTIONS = 64, MAX_RESIDENTS = 16;

    @Override
    public void repair(PlanningProblem problem, Placement placement) {
        FleetState state = placement.state;
        Map<String, List<VmRequest>> movableByHost = new HashMap<>();
        for (VmRequest r : problem.requests())
            if (!r.evacuee()) movableByHost.computeIfAbsent(r.vm().host(), h -> new ArrayList<>()).add(r);
        for (VmRequest e : placement.waiting(problem)) {
            int tried = 0;
            outer:
            for (PlacementOption eo : e.options()) {
                if (++tried > MAX_OPTIONS) break;
                int residents = 0;
                for (VmRequest r : movableByHost.getOrDefault(eo.hostName(), List.of())) {
                    if (placement.placed.containsKey(r.name()) || ++residents > MAX_RESIDENTS) continue;
                    state.release(r.vm());
                    state.release(e.vm());
                    if (placement.fits(eo)) {
                        for (PlacementOption ro : r.options()) {
                            if (ro.hostName().equals(eo.hostName()) || !placement.fits(ro)) continue;
                            state.place(r.vm(), ro.hostName(), ro.targets(), null, null);
                            if (placement.fits(eo)) {
                                placement.placed.put(r.name(), ro);
                                placement.place(eo);
                                break outer;
                            }
                            state.unplace(r.vm(), ro.hostName());
                        }
                    }
                    state.unrelease(e.vm());
                    state.unrelease(r.vm());
                }
            }
        }
    }
}
