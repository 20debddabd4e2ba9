package io.devplace.solver;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.api.solver.phase.PhaseCommand;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import io.devplace.problem.PlacementOption;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs right after the most-constrained-first construction, in the same solver: when that left an evacuee unplaced,
 * builds the first-fit and the best-fit placement ({@link GreedyFit}) from scratch as well and keeps whichever the
 * score ranks highest (placed VMs per priority first), so local search starts from it. When every evacuee is placed it
 * does nothing: a small plan pays for it only when a VM is left over.
 */
public final class ConstructionPortfolio implements PhaseCommand<Evacuation> {
    @Override
    @SuppressWarnings("unchecked")
    public void changeWorkingSolution(ScoreDirector<Evacuation> director, BooleanSupplier isPhaseTerminated) {
        var score = (InnerScoreDirector<Evacuation, HardMediumSoftLongScore>) director;
        Evacuation s = director.getWorkingSolution();
        if (s.getPlacements().stream().noneMatch(p -> p.isEvacuee() && p.getOption() == null)) return;
        HardMediumSoftLongScore bestScore = score.calculateScore().raw();
        Map<VmPlacement, PlacementOption> best = snapshot(s);
        for (GreedyFit.Choice choice : GreedyFit.Choice.values()) {
            if (isPhaseTerminated.getAsBoolean()) break;
            for (VmPlacement p : s.getPlacements()) if (p.getOption() != null) GreedyFit.assign(director, p, null);
            new GreedyFit(choice).place(director, score, isPhaseTerminated);
            HardMediumSoftLongScore built = score.calculateScore().raw();
            if (built.compareTo(bestScore) > 0) {
                bestScore = built;
                best = snapshot(s);
            }
        }
        for (VmPlacement p : s.getPlacements()) if (p.getOption() != best.get(p)) GreedyFit.assign(director, p, best.get(p));
        score.calculateScore();
    }

    private static Map<VmPlacement, PlacementOption> snapshot(Evacuation s) {
        Map<VmPlacement, PlacementOption> m = new IdentityHashMap<>();
        for (VmPlacement p : s.getPlacements()) m.put(p, p.getOption());
        return m;
    }
}
