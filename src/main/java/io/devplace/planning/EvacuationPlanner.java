package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.solver.Assignment;
import io.devplace.solver.Planner;

import java.util.List;
import java.util.function.Consumer;

/**
 * From "empty these hosts" to a Plan, as a pipeline of named steps, each a class with one job:
 * <ol>
 *   <li>{@link Solve}: the solver's best assignment for the problem {@link ProblemBuilder} builds;</li>
 *   <li>{@link Replay}: that assignment applied to a copy of the fleet, keeping only what truly fits;</li>
 *   <li>{@link Repair}: more chances for evacuees still unplaced (first fit, removing free mdevs, rebalancing);</li>
 *   <li>{@link Sequence}: new UUIDs, then waves with every intermediate state feasible;</li>
 *   <li>{@link Explain}: reasons for every VM left unplaced, judged on the final state;</li>
 *   <li>{@link Score}: the score of the plan emitted;</li>
 * </ol>
 * then {@link PlanWriter} writes the document. The steps pass on plain values ({@link Placement}, {@link Sequence.Sequenced}):
 * a new step goes between two others without touching them.
 */
public final class EvacuationPlanner {
    private EvacuationPlanner() {}

    public static Plan plan(FleetView view, PlanRequest req, Long seed, Consumer<Planner.Progress> progress, String fleetDigest) {
        return plan(view, req, seed, fleetDigest, PlanListeners.progress(progress));
    }

    public static Plan plan(FleetView view, PlanRequest req, Long seed, String fleetDigest, PlanListeners listeners) {
        PlanningProblem problem = ProblemBuilder.build(view, req);
        if (listeners.onProblem() != null) listeners.onProblem().accept(problem);
        Assignment solved = Solve.run(problem, seed, listeners);
        return render(view, problem, solved, seed, fleetDigest);
    }

    /**
     * Steps 2 to 6 and the document: the plan an assignment of {@code problem} gives, exactly as {@link #plan} writes
     * the solver's final answer. Any assignment of the problem's options will do (a best solution so far, while the
     * solver still runs); it reads {@code view} and {@code problem} without changing them, so it may run on another
     * thread than the solver's.
     */
    public static Plan render(FleetView view, PlanningProblem problem, Assignment solved, Long seed, String fleetDigest) {
        Policy pol = problem.request().policy();
        Placement placement = Replay.of(view, solved, pol);
        for (Repair r : Repair.of(pol)) r.repair(problem, placement);
        Sequence.Sequenced seq = Sequence.of(view, placement, seed);
        List<Plan.Unplaced> unplaced = Explain.unplaced(view, problem, seq);
        String score = Score.of(problem, solved, seq);
        return PlanWriter.write(view, problem, solved.withScore(score), seq.removals(), seq.schedule(), seq.moves(), unplaced, fleetDigest);
    }
}
