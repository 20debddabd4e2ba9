package io.devplace.server;

import ai.timefold.solver.core.api.solver.Solver;
import io.devplace.model.Plan;
import io.devplace.problem.PlanRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One asynchronous evacuation plan: queued → solving → done | failed | cancelled. Written by its solver thread and by
 * cancel, read by GET: every field access is synchronized on the job. While it solves, {@link #best} holds the best
 * solution so far and renders its plan when asked (outside the job's lock: rendering takes time).
 */
final class PlanJob {
    enum Status { QUEUED, SOLVING, DONE, FAILED, CANCELLED;
        String wire() { return name().toLowerCase(); }
        boolean finished() { return this == DONE || this == FAILED || this == CANCELLED; }
    }

    final String id;
    final long generation;
    final PlanRequest request;
    final Long seed;
    final Instant created;
    final BestSoFar best = new BestSoFar();
    private Status status = Status.QUEUED;
    private Instant started;
    private Instant finished;
    /** When the planner's first solver was handed over ({@link System#nanoTime}): solving proper began. */
    private long solveStartNanos;
    private boolean solving;
    private Plan plan;
    private String error;
    private List<String> violations = List.of();
    private Solver<?> solver;
    private boolean cancelRequested;

    PlanJob(String id, long generation, PlanRequest request, Long seed, Instant created) {
        this.id = id;
        this.generation = generation;
        this.request = request;
        this.seed = seed;
        this.created = created;
    }

    synchronized Status status() { return status; }

    /** Moves a queued job to solving; false when it was cancelled while waiting. */
    synchronized boolean start(Instant now) {
        if (status != Status.QUEUED) return false;
        status = Status.SOLVING;
        started = now;
        return true;
    }

    /** One of the planner's solvers, just before it starts: watched for best solutions, stopped if cancelled. */
    synchronized void solverReady(Solver<?> s) {
        if (!solving) {
            solving = true;
            solveStartNanos = System.nanoTime();
        }
        solver = s;
        best.watch(s, solveStartNanos);
        @SuppressWarnings("unchecked") // listening only: any solution type will do
        Solver<Object> any = (Solver<Object>) s;
        any.addEventListener(e -> repeatCancel()); // a cancel that raced the solver's start
        if (cancelRequested) s.terminateEarly();
    }

    /** Requests cancellation; true when the job was still queued or solving. */
    synchronized boolean cancel(Instant now) {
        if (status.finished()) return false;
        cancelRequested = true;
        if (status == Status.QUEUED) {
            status = Status.CANCELLED;
            finished = now;
        } else if (solver != null) solver.terminateEarly();
        return true;
    }

    synchronized boolean cancelRequested() { return cancelRequested; }

    /** Pokes a solver that may have reset our early stop when it started; harmless once it is stopping. */
    synchronized void repeatCancel() {
        if (cancelRequested && solver != null && !status.finished()) solver.terminateEarly();
    }

    synchronized void finish(Plan p, List<String> violations, Instant now) {
        plan = p;
        this.violations = List.copyOf(violations);
        status = cancelRequested ? Status.CANCELLED : violations.isEmpty() ? Status.DONE : Status.FAILED;
        if (!violations.isEmpty()) error = "the plan failed its own verification (a devplace bug)";
        finished = now;
        solver = null;
        best.close();
    }

    synchronized void fail(String message, Instant now) {
        status = cancelRequested ? Status.CANCELLED : Status.FAILED;
        error = message;
        finished = now;
        solver = null;
        best.close();
    }

    /**
     * The job as GET answers it at {@code now}. {@code bestPlan}: the plan of the best solution so far, given while
     * solving (null: none yet); once the job has ended its own plan is given instead.
     */
    synchronized Map<String, Object> view(Instant now, Plan bestPlan) {
        Plan shown = status.finished() ? plan : status == Status.SOLVING ? bestPlan : null;
        // the plan's own score when there is a plan; before that, the solver's best, in the same form
        String score = shown != null && shown.summary() != null ? shown.summary().score() : status.finished() ? null : best.score();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", status.wire());
        m.put("generation", generation);
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("evacuate", request.evacuate());
        req.put("policy", request.policy());
        req.put("seed", seed);
        m.put("request", req);
        m.put("createdAt", created.toString());
        m.put("startedAt", started == null ? null : started.toString());
        m.put("finishedAt", finished == null ? null : finished.toString());
        m.put("score", score);
        m.put("bestScore", score);
        // from acceptance: the time queued and spent building the problem counts, as a client waiting sees it
        m.put("elapsedMillis", Math.max(0, Duration.between(created, finished != null ? finished : now).toMillis()));
        m.put("error", error);
        if (!violations.isEmpty()) m.put("violations", violations);
        m.put("plan", shown);
        return m;
    }
}
