package io.devplace.planning;

import io.devplace.problem.PlanningProblem;
import io.devplace.solver.Assignment;
import io.devplace.solver.Planner;

/** Step 1, solve: the solver's best assignment for the problem (which VMs go where, which free mdevs are removed). */
final class Solve {
    private Solve() {}

    static Assignment run(PlanningProblem problem, Long seed, PlanListeners listeners) {
        Assignment a = Planner.solve(problem, seed, listeners.progress(), listeners.onSolver());
        if (listeners.onSolved() != null) listeners.onSolved().accept(a);
        return a;
    }
}
