package io.devplace.planning;

import io.devplace.fit.FleetState;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlacementOption;
import io.devplace.solver.Assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 2, replay: the solver's answer applied to a copy of the fleet, keeping only what truly fits. The free mdev
 * removals and every chosen VM's source go first (the final state is what the solver judged), then the targets by
 * priority; an option that does not fit (the best solution found may still break a hard constraint) is dropped, never
 * emitted, and its VM stays where it was.
 */
final class Replay {
    private Replay() {}

    static Placement of(FleetView view, Assignment a, Policy pol) {
        Placement p = new Placement(new FleetState(view), pol, new ArrayList<>(a.removals()));
        for (FreeMdev f : p.removals) p.state.removeInstance(f.parent(), f.uuid());
        List<PlacementOption> chosen = new ArrayList<>(a.chosen().values());
        chosen.sort(Comparator.comparing(PlacementOption::request, Placement.BY_PRIORITY));
        for (PlacementOption o : chosen) p.state.release(o.request().vm());
        for (PlacementOption o : chosen) {
            if (p.fits(o)) p.place(o);
            else p.state.unrelease(o.request().vm());
        }
        return p;
    }
}
