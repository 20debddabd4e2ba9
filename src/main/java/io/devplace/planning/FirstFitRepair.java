package io.devplace.planning;

import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;

/** Evacuees the solver did not place, or whose option the replay dropped: their first option that fits now. */
final class FirstFitRepair implements Repair {
    @Override
    public void repair(PlanningProblem problem, Placement placement) {
        for (VmRequest r : placement.waiting(problem)) placement.firstFit(r);
    }
}
