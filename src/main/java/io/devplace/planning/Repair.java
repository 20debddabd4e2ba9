package io.devplace.planning;

import io.devplace.model.Policy;
import io.devplace.problem.PlanningProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Step 3, repair: after the replay, a chance for evacuees still unplaced, in moves local search does not take. Each
 * repair only adds to the {@link Placement} (an option that fits the state as it stands, perhaps with free mdevs
 * removed or a resident moved first), so the steps run one after the other on the same placement.
 */
interface Repair {
    void repair(PlanningProblem problem, Placement placement);

    /** The repairs a policy allows, in the order they run: first fit always, then removals of free mdevs, then rebalancing. */
    static List<Repair> of(Policy pol) {
        List<Repair> out = new ArrayList<>();
        out.add(new FirstFitRepair());
        if (pol.removeFreeMdevs()) out.add(new FreeMdevRepair());
        if (pol.allowRebalance()) out.add(new RebalanceRepair());
        return out;
    }
}
