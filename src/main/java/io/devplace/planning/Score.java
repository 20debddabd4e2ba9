package io.devplace.planning;

import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.solver.Assignment;
import io.devplace.solver.Planner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 6, score: {@code summary.score} describes the plan emitted. The replay, the repairs and the sequencer may
 * change the solver's best solution; only when they did is the emitted one scored again.
 */
final class Score {
    private Score() {}

    static String of(PlanningProblem problem, Assignment solved, Sequence.Sequenced seq) {
        Map<String, PlacementOption> emitted = new HashMap<>();
        for (PlannedMove m : seq.moves()) emitted.put(m.request().name(), m.option());
        List<FreeMdev> removals = seq.removals();
        boolean same = emitted.size() == solved.chosen().size() && removals.size() == solved.removals().size()
                && solved.chosen().entrySet().stream().allMatch(e -> emitted.get(e.getKey().name()) == e.getValue());
        return same ? solved.score() : Planner.scoreOf(problem, emitted, removals);
    }
}
