package io.devplace.solver;

import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The solver's answer: the option chosen per VM (absent = unplaced or stays), the free mdevs to remove, the score. */
public record Assignment(Map<VmRequest, PlacementOption> chosen, List<FreeMdev> removals, String score, long solveMillis,
                         boolean feasible) {
    /**
     * A solution's assignment: the option chosen per VM, the free mdevs it removes; feasible when it breaks no hard
     * constraint. The planner's answer, and a service job's best solution so far.
     */
    public static Assignment of(Evacuation s, String score, long millis) {
        Map<VmRequest, PlacementOption> chosen = new LinkedHashMap<>();
        for (VmPlacement p : s.getPlacements()) if (p.getOption() != null) chosen.put(p.getRequest(), p.getOption());
        List<FreeMdev> removals = new ArrayList<>();
        for (FreeMdevRemoval r : s.getRemovals()) if (r.removes()) removals.add(r.getFree());
        boolean feasible = s.getScore() == null || s.getScore().hardScore() == 0;
        return new Assignment(chosen, removals, score, millis, feasible);
    }

    /** The same assignment described by another score (that of the plan finally emitted). */
    public Assignment withScore(String newScore) { return new Assignment(chosen, removals, newScore, solveMillis, feasible); }
}
