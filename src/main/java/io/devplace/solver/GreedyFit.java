package io.devplace.solver;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import io.devplace.problem.PlacementOption;

import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One-VM-at-a-time constructions, as a scheduler that places each VM on arrival would: evacuees in input order, each
 * to the first option in value order that breaks no hard constraint ({@link Choice#FIRST_FIT}), or to the one leaving
 * its host the least CPU and memory ({@link Choice#BEST_FIT}). Neither order is better in general, but on a tight
 * packing either can place VMs that most-constrained-first construction strands and that single-VM local search
 * cannot recover; {@link ConstructionPortfolio} runs them.
 *
 * <p>{@link Occupancy#fits} only pre-screens options (it is quick and partial); the solver's own score decides: an
 * option is taken only when the hard score after placing the VM is no worse than before, so these constructions obey
 * exactly the rules local search does.
 */
final class GreedyFit {
    enum Choice { FIRST_FIT, BEST_FIT }

    private final Choice choice;

    GreedyFit(Choice choice) { this.choice = choice; }

    /** Places the unplaced evacuees of the working solution, one at a time. */
    void place(ScoreDirector<Evacuation> director, InnerScoreDirector<Evacuation, HardMediumSoftLongScore> score,
               BooleanSupplier isPhaseTerminated) {
        Evacuation s = director.getWorkingSolution();
        Occupancy occupancy = new Occupancy(s);
        long hard = score.calculateScore().raw().hardScore();
        for (VmPlacement p : s.getPlacements()) {
            if (isPhaseTerminated.getAsBoolean()) return;
            if (!p.isEvacuee() || p.getOption() != null) continue;
            for (PlacementOption o : (Iterable<PlacementOption>) candidates(occupancy, p)::iterator) {
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
    }

    /** {@code p}'s options that pass the quick screen, lazily, in the order this construction tries them. */
    private Stream<PlacementOption> candidates(Occupancy occupancy, VmPlacement p) {
        Stream<PlacementOption> fitting = p.getOptions().stream().filter(o -> occupancy.fits(p, o));
        // sorted is stable: among equally full hosts, value order
        return choice == Choice.BEST_FIT ? fitting.sorted(Comparator.comparingDouble(o -> occupancy.roomLeft(p, o))) : fitting;
    }

    static void assign(ScoreDirector<Evacuation> director, VmPlacement p, PlacementOption o) {
        director.beforeVariableChanged(p, "option");
        p.setOption(o);
        director.afterVariableChanged(p, "option");
        director.triggerVariableListeners();
    }
}
