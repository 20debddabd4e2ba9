package io.devplace.server;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.Solver;
import io.devplace.model.Plan;
import io.devplace.solver.Assignment;
import io.devplace.solver.Evacuation;


/**
 * A solving job's best solution so far, and the plan it gives ({@code GET /v1/plans/{id}} while solving).
 *
 * <p>The solver reports every new best solution (a copy it no longer changes); only the latest is held, with its score
 * and a version number. The plan is rendered when a client asks for it, not on every improvement (a large fleet
 * improves many times a second, and rendering costs about as much as the planner's steps after solving), and is kept
 * until a better solution comes: at most one solution and one plan per job, dropped when the job ends.
 *
 * <p>The planner runs one solver after another (a narrowed first pass, the full search, repairs, another
 * construction); a later solver starts from scratch or from the best so far, so a solution is taken only when it is
 * better than the one held.
 */
final class BestSoFar {
    /** Renders an assignment of the job's problem as the plan it gives, exactly as the final plan is rendered. */
    interface Renderer {
        Plan render(Assignment best);
    }

    private long version; // 0: nothing yet
    private Evacuation solution;
    private HardMediumSoftLongScore score;
    private long solveMillis;
    private Renderer renderer;
    private long renderedVersion;
    private Plan rendered;
    private boolean closed;
    /** One rendering at a time: concurrent GETs of the same version wait for it rather than render it again. */
    private final Object rendering = new Object();

    /** Watches {@code solver}'s best solutions; {@code startNanos} is when solving began ({@link System#nanoTime}). */
    void watch(Solver<?> solver, long startNanos) {
        @SuppressWarnings("unchecked") // the planner's solvers solve an Evacuation; anything else is ignored below
        Solver<Object> s = (Solver<Object>) solver;
        s.addEventListener(e -> {
            if (e.getNewBestSolution() instanceof Evacuation ev && e.getNewBestScore() instanceof HardMediumSoftLongScore sc)
                offer(ev, sc, (System.nanoTime() - startNanos) / 1_000_000);
        });
    }

    /** A new best solution of one of the planner's solvers; kept when it beats the one held. */
    synchronized void offer(Evacuation s, HardMediumSoftLongScore sc, long millis) {
        if (closed || (score != null && sc.compareTo(score) <= 0)) return;
        solution = s;
        score = sc;
        solveMillis = millis;
        version++;
    }

    /** From now on plans can be rendered (the problem is known). */
    synchronized void renderWith(Renderer r) {
        if (!closed) renderer = r;
    }

    /** The best score so far in the plan's form ({@code 0hard/-1medium/-5soft}); null before the first solution. */
    synchronized String score() { return score == null ? null : score.toString(); }

    synchronized long version() { return version; }

    /**
     * The plan of the best solution so far: rendered at most once per version, whoever asks; null before the first
     * solution, when plans cannot be rendered, or once the job has ended (its final plan replaces this one).
     */
    Plan plan() {
        long v;
        Evacuation s;
        HardMediumSoftLongScore sc;
        long millis;
        Renderer r;
        synchronized (this) {
            if (closed || solution == null || renderer == null) return null;
            if (renderedVersion == version) return rendered;
        }
        synchronized (rendering) {
            synchronized (this) { // the latest, which may be newer than the one asked about: it is the best so far
                if (closed || solution == null) return null;
                if (renderedVersion == version) return rendered;
                v = version;
                s = solution;
                sc = score;
                millis = solveMillis;
                r = renderer;
            }
            Plan p = r.render(Assignment.of(s, sc.toString(), millis));
            synchronized (this) {
                if (closed) return null;
                if (v > renderedVersion) {
                    rendered = p;
                    renderedVersion = v;
                }
            }
            return p;
        }
    }

    /** The job has ended: nothing more is taken, and the solution and plan are let go. */
    synchronized void close() {
        closed = true;
        solution = null;
        rendered = null;
        renderer = null;
    }

}
