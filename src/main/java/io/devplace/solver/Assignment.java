package io.devplace.solver;

import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.VmRequest;

import java.util.List;
import java.util.Map;

/** The solver's answer: the option chosen per VM (absent = unplaced or stays), the free mdevs to remove, the score. */
public record Assignment(Map<VmRequest, PlacementOption> chosen, List<FreeMdev> removals, String score, long solveMillis,
                         boolean feasible) {
    /** The same assignment described by another score (that of the plan finally emitted). */
    public Assignment withScore(String newScore) { return new Assignment(chosen, removals, newScore, solveMillis, feasible); }
}
