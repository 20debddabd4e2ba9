package io.devplace.solver;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.api.solver.phase.PhaseCommand;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import io.devplace.problem.PlacementOption;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One-VM-at-a-time constructions, as a scheduler that places each VM on arrival would: evacuees in input order, each
 * to the first option in value order that breaks no hard constraint ({@link Choice#FIRST_FIT}), or to the one leaving
 * its host the least CPU and memory ({@link Choice#BEST_FIT}). Neither order is better in general, but on a tight
 * packing either can place VMs that most-constrained-first construction strands and that single-VM local search
 * cannot recover; {@link Planner} runs them as part of its construction portfolio.
 *
 * <p>{@link Occupancy#fits} only pre-screens options (it is quick and partial); the solver's own score decides: an
 * option is taken only when the hard score after placing the VM is no worse than before, so these constructions obey
 * exactly the rules local search does.
 */
final class GreedyFit implements PhaseCommand<Evacuation> {
    enum Choice { FIRST_FIT, BEST_FIT }

    private final Choice choice;

    GreedyFit(Choice choice) { this.choice = choice; }

    @Override
    @SuppressWarnings("unchecked")
    public void changeWorkingSolution(ScoreDirector<Evacuation> director, BooleanSupplier isPhaseTerminated) {
        var score = (InnerScoreDirector<Evacuation, HardMediumSoftLongScore>) director;
        Evacuation s = director.getWorkingSolution();
        Occupancy occupancy = new Occupancy(s);
        long hard = score.calculateScore().raw().hardScore();
        for (VmPlacement p : s.getPlacements()) {
            if (isPhaseTerminated.getAsBoolean()) return;
            if (!p.isEvacuee() || p.getOption() != null) continue;
            for (PlacementOption o : candidates(occupancy, p)) {
                assign(director, p, o);
                long after = score.calculateScore().raw().hardScore();
                if (after >= hard) {
                    occupancy.set(p, o);
                    hard = after;
                    break;
                }
                assign(director, p, null);
            }
        }
        score.calculateScore();
    }

    /** {@code p}'s options that pass the quick screen, in the order this construction tries them. */
    private List<PlacementOption> candidates(Occupancy occupancy, VmPlacement p) {
        List<PlacementOption> out = new ArrayList<>();
        for (PlacementOption o : p.getOptions()) if (occupancy.fits(p, o)) out.add(o);
        // stable: among equally full hosts, value order
        if (choice == Choice.BEST_FIT) out.sort(Comparator.comparingDouble(o -> occupancy.roomLeft(p, o)));
        return out;
    }

    private static void assign(ScoreDirector<Evacuation> director, VmPlacement p, PlacementOption o) {
        director.beforeVariableChanged(p, "option");
        p.setOption(o);
        director.afterVariableChanged(p, "option");
        director.triggerVariableListeners();
    }
}
