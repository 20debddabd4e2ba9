package io.devplace.planning;

import io.devplace.capacity.Instance;
import io.devplace.fit.FleetState;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * With {@code removeFreeMdevs}: removing a free mdev costs on its own, so local search will not remove the one that
 * locks a GPU to the wrong type before it tries the evacuee there. Try it directly: for an evacuee still unplaced,
 * remove the free mdevs on an option's target parents and keep only the removals the fit needs.
 */
final class FreeMdevRepair implements Repair {
    /** Options tried per evacuee: bounded, so it stays cheap on large fleets. */
    private static final int MAX_OPTIONS = 64;

    @Override
    public void repair(PlanningProblem problem, Placement placement) {
        FleetState state = placement.state;
        for (VmRequest e : placement.waiting(problem)) {
            // a removal made for an earlier VM may be all this one needs: the state judged here is the one the
            // sequencer starts from after wave 0 and the one unplaced VMs' reasons are judged on
            if (placement.firstFit(e)) continue;
            int tried = 0;
            for (PlacementOption eo : e.options()) {
                if (++tried > MAX_OPTIONS) break;
                List<FreeMdev> candidates = candidates(problem, placement, eo);
                if (candidates.isEmpty()) continue;
                state.release(e.vm());
                Map<FreeMdev, Instance> taken = new LinkedHashMap<>();
                for (FreeMdev f : candidates) taken.put(f, state.takeInstance(f.parent(), f.uuid()));
                if (placement.fits(eo)) {
                    for (FreeMdev f : candidates) { // keep only the removals the fit needs
                        state.putInstance(f.parent(), taken.get(f));
                        if (placement.fits(eo)) taken.remove(f);
                        else state.removeInstance(f.parent(), f.uuid());
                    }
                    placement.place(eo);
                    placement.removals.addAll(taken.keySet());
                    break;
                }
                for (var x : taken.entrySet()) state.putInstance(x.getKey().parent(), x.getValue());
                state.unrelease(e.vm());
            }
        }
    }

    /** Free mdevs on {@code eo}'s target parents that are not removed yet, reused by nobody, and not what {@code eo} reuses. */
    private static List<FreeMdev> candidates(PlanningProblem problem, Placement placement, PlacementOption eo) {
        List<FreeMdev> out = new ArrayList<>();
        for (FreeMdev f : problem.freeMdevs()) {
            if (placement.removals.contains(f) || placement.state.reusedByAnyone(f.parent().host().name(), f.uuid())) continue;
            boolean onTarget = false, reusedByMe = false;
            for (DeviceTarget t : eo.targets()) {
                onTarget |= t.parent() == f.parent();
                reusedByMe |= t.reuses() && t.reuseUuid().equalsIgnoreCase(f.uuid());
            }
            if (onTarget && !reusedByMe) out.add(f);
        }
        return out;
    }
}
