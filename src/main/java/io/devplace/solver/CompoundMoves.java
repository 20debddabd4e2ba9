package io.devplace.solver;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningSolutionMetaModel;
import io.devplace.problem.PlacementOption;

import java.util.Iterator;
import java.util.Random;

/**
 * Random moves that change several VMs at once, built against an {@link Occupancy} of the working solution. Timefold
 * asks for a fresh iterator every step; the copy is brought up to date then (lazily: a step may never draw from this
 * selector) and stays valid for the whole step (every move evaluated in a step is undone before the next).
 */
abstract class CompoundMoves implements MoveIteratorFactory<Evacuation, Reassign> {
    /** Tries per requested move before giving up for this draw (returning a move that changes nothing). */
    static final int ATTEMPTS = 8;

    /** One move built on {@code occ}, or null when this draw found none; {@code occ} must be left as it was. */
    abstract Reassign build(Occupancy occ, Reassign.Variables vars, Random random);

    abstract String kind();

    @Override
    public long getSize(ScoreDirector<Evacuation> scoreDirector) {
        return scoreDirector.getWorkingSolution().getPlacements().size();
    }

    @Override
    public Iterator<Reassign> createOriginalMoveIterator(ScoreDirector<Evacuation> scoreDirector) {
        throw new UnsupportedOperationException(kind() + " moves are drawn at random only");
    }

    /** The copy of the working solution, kept for the phase and brought up to date at the first draw of each step. */
    private Occupancy occupancy;
    private Reassign.Variables vars;

    @Override
    public void phaseStarted(ScoreDirector<Evacuation> scoreDirector) {
        occupancy = null;
        vars = variables(scoreDirector);
    }

    @Override
    public void phaseEnded(ScoreDirector<Evacuation> scoreDirector) { occupancy = null; }

    @Override
    public Iterator<Reassign> createRandomMoveIterator(ScoreDirector<Evacuation> scoreDirector, Random random) {
        if (vars == null) vars = variables(scoreDirector);
        return new Iterator<>() {
            private Occupancy occ;

            @Override
            public boolean hasNext() { return true; }

            @Override
            public Reassign next() {
                if (occ == null) occ = current(scoreDirector.getWorkingSolution());
                for (int i = 0; i < ATTEMPTS; i++) {
                    Reassign m = build(occ, vars, random);
                    if (m != null) return m;
                }
                return Reassign.none(kind(), vars);
            }
        };
    }

    private Occupancy current(Evacuation working) {
        if (occupancy == null || occupancy.solution != working) occupancy = new Occupancy(working);
        else occupancy.sync();
        return occupancy;
    }

    @SuppressWarnings("unchecked")
    static Reassign.Variables variables(ScoreDirector<Evacuation> scoreDirector) {
        PlanningSolutionMetaModel<Evacuation> model = ((InnerScoreDirector<Evacuation, ?>) scoreDirector).getSolutionDescriptor().getMetaModel();
        return new Reassign.Variables(model.genuineEntity(VmPlacement.class).basicVariable("option", PlacementOption.class),
                model.genuineEntity(FreeMdevRemoval.class).basicVariable("remove", Boolean.class));
    }
}
