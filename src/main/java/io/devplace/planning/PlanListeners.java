package io.devplace.planning;

import ai.timefold.solver.core.api.solver.Solver;
import io.devplace.problem.PlanningProblem;
import io.devplace.solver.Assignment;
import io.devplace.solver.Planner;

import java.util.function.Consumer;

/**
 * Who watches one planning run; every field may be null.
 *
 * @param progress the solver's progress (the CLI's progress bar, a service job's status)
 * @param onSolver the Timefold solver before it starts, to allow an early stop (a cancelled service job)
 * @param onSolved the solver's best solution before the later steps change it (tests comparing it with the plan)
 * @param onProblem the problem once built, before solving (a service job rendering its best solution so far with
 *                  {@link EvacuationPlanner#render})
 */
public record PlanListeners(Consumer<Planner.Progress> progress, Consumer<Solver<?>> onSolver, Consumer<Assignment> onSolved,
                            Consumer<PlanningProblem> onProblem) {
    public static final PlanListeners NONE = new PlanListeners(null, null, null, null);

    public static PlanListeners progress(Consumer<Planner.Progress> progress) { return new PlanListeners(progress, null, null, null); }

    public PlanListeners withSolver(Consumer<Solver<?>> listener) { return new PlanListeners(progress, listener, onSolved, onProblem); }

    public PlanListeners withSolved(Consumer<Assignment> listener) { return new PlanListeners(progress, onSolver, listener, onProblem); }

    public PlanListeners withProblem(Consumer<PlanningProblem> listener) { return new PlanListeners(progress, onSolver, onSolved, listener); }
}
