package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.model.Documents;
import io.devplace.model.Durations;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Locations;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.planning.PlanListeners;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.verify.PlanVerifier;
import io.devplace.verify.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evacuation plans solved in the background ({@code POST/GET/DELETE /v1/plans}): a fixed number of solver threads
 * behind a bounded queue (full: 429), each job planned on the fleet snapshot current when it was submitted, verified
 * independently like the CLI does, and kept for GET until {@code keepPlans} newer jobs have finished.
 */
final class PlanJobs {
    private static final Logger LOG = LoggerFactory.getLogger(PlanJobs.class);

    /** The request body. {@code policy} stays a tree so that it is bound strictly, with paths in its errors. */
    record Request(List<String> evacuate, JsonNode policy, Long seed, String timeLimit) {}

    private final FleetStore fleets;
    private final InputChecks checks;
    private final Policy defaults;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final int keep;
    private final ThreadPoolExecutor solvers;
    private final ScheduledExecutorService poker;
    private final Map<String, PlanJob> jobs = new LinkedHashMap<>(); // guarded by itself; insertion order = age

    PlanJobs(FleetStore fleets, InputChecks checks, Policy defaults, int workers, int queue, int keep, Clock clock, ServerMetrics metrics) {
        this.fleets = fleets;
        this.checks = checks;
        this.defaults = defaults;
        this.clock = clock;
        this.metrics = metrics;
        this.keep = keep;
        this.solvers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                AdmissionExecutor.threads("devplace-solver-"), new ThreadPoolExecutor.AbortPolicy());
        this.poker = Executors.newSingleThreadScheduledExecutor(AdmissionExecutor.threads("devplace-cancel-"));
    }

    Reply submit(Call call) {
        Request req = Json.bind(call.json(), Request.class);
        FleetSnapshot snap = fleets.current();
        List<String> evacuate = req.evacuate() == null ? List.of() : req.evacuate();
        for (int i = 0; i < evacuate.size(); i++)
            if (evacuate.get(i) == null || snap.host(evacuate.get(i)) == null)
                throw HttpError.invalid("evacuate[" + i + "]", "host '" + evacuate.get(i) + "' is not in the fleet (generation " + snap.generation() + ")");
        Policy pol = req.policy() == null || req.policy().isNull() ? defaults : policy(req.policy());
        if (req.timeLimit() != null) {
            try {
                Durations.parse(req.timeLimit());
            } catch (IllegalArgumentException e) {
                throw HttpError.invalid("timeLimit", e.getMessage());
            }
            pol = pol.withTimeLimit(req.timeLimit());
        }
        PlanJob job = new PlanJob(UUID.randomUUID().toString(), snap.generation(), new PlanRequest(evacuate, pol), req.seed(), clock.instant());
        synchronized (jobs) {
            try {
                solvers.execute(() -> run(job, snap));
            } catch (RejectedExecutionException e) {
                throw new HttpError(429, "the plan queue is full (" + solvers.getQueue().size() + " waiting); retry later", List.of(),
                        Map.of("Retry-After", "5"));
            }
            jobs.put(job.id, job);
            evictFinished();
        }
        return Reply.json(202, job.view(clock.instant(), null)).withHeader("Location", "/v1/plans/" + job.id);
    }

    /**
     * The request's policy, bound and checked as {@code --policy} is; problems are named by their path in the body.
     * A policy that gives apiVersion or kind is a Policy document: both are checked as in a policy file.
     */
    private Policy policy(JsonNode tree) {
        if (tree.isObject() && (given(tree, "apiVersion") || given(tree, "kind"))) {
            try {
                Documents.checkHeader(tree, "Policy", new Locations(HttpError.BODY));
            } catch (InvalidInputException e) {
                throw underPolicy(e);
            }
        }
        Policy p = Json.bind(tree, Policy.class, "policy");
        try {
            return checks.policy(p, HttpError.BODY);
        } catch (InvalidInputException e) {
            throw underPolicy(e);
        }
    }

    /** Whether {@code field} has a value: null stands for "not given" in request bodies, as it does when binding. */
    private static boolean given(JsonNode tree, String field) { return tree.hasNonNull(field); }

    private static HttpError underPolicy(InvalidInputException e) {
        List<InputProblem> out = new ArrayList<>();
        for (InputProblem x : e.problems()) out.add(new InputProblem(HttpError.BODY, Json.under("policy", x.path()), 0, 0, x.message()));
        return HttpError.invalid(out);
    }

    Reply get(Call call) {
        PlanJob job = job(call.param("id"));
        return Reply.jsonWithNulls(job.view(clock.instant(), bestPlan(job)));
    }

    /** While a job solves: the plan of its best solution so far (rendered once per new best solution); else null. */
    private static Plan bestPlan(PlanJob job) {
        if (job.status() != PlanJob.Status.SOLVING) return null;
        try {
            return job.best.plan();
        } catch (RuntimeException | StackOverflowError e) { // the job goes on, and its final plan is what counts
            LOG.error("plan {}: the plan of the best solution so far could not be rendered", job.id, e);
            return null;
        }
    }

    Reply cancel(Call call) {
        PlanJob job = job(call.param("id"));
        // Idempotent, as DELETE should be: a job that already finished (a small plan may finish before the cancel
        // arrives) is answered as it is, so a client racing the solver never sees an error for a plan it can use.
        if (!job.cancel(clock.instant())) return Reply.jsonWithNulls(job.view(clock.instant(), null));
        // Timefold resets an early stop when solve() begins; poke until the job ends in case we raced its start
        AtomicReference<ScheduledFuture<?>> poke = new AtomicReference<>();
        poke.set(poker.scheduleWithFixedDelay(() -> {
            if (!job.status().finished()) job.repeatCancel();
            else if (poke.get() != null) poke.get().cancel(false);
        }, 50, 100, TimeUnit.MILLISECONDS));
        return Reply.jsonWithNulls(job.view(clock.instant(), null));
    }

    private PlanJob job(String id) {
        synchronized (jobs) {
            PlanJob j = jobs.get(id);
            if (j == null) throw HttpError.notFound("no plan " + id + " (unknown, or finished long ago and forgotten)");
            return j;
        }
    }

    private void run(PlanJob job, FleetSnapshot snap) {
        if (!job.start(clock.instant())) { metrics.planFinished(job.status().wire()); return; }
        try {
            Plan plan = EvacuationPlanner.plan(snap.view(), job.request, job.seed, snap.digest(), PlanListeners.NONE
                    .withProblem(problem -> job.best.renderWith(renderer(job, snap, problem))).withSolver(job::solverReady));
            Violations v = PlanVerifier.verify(snap.view().fleet(), snap.view().rules(), plan);
            job.finish(plan, v.list(), clock.instant());
        } catch (InvalidInputException e) {
            job.fail(e.getMessage(), clock.instant());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("plan {} failed", job.id, e);
            job.fail("internal error while planning; the service log has the details", clock.instant());
        }
        metrics.planFinished(job.status().wire());
    }

    /**
     * Renders a job's best solution so far as the planner renders its final answer, then checks it with the verifier
     * that checks the final plan: one that fails is not shown (the job's final plan would fail too, with the
     * violations). The job's solver runs meanwhile; rendering only reads the fleet view and the problem.
     */
    private static BestSoFar.Renderer renderer(PlanJob job, FleetSnapshot snap, PlanningProblem problem) {
        return best -> {
            Plan p = EvacuationPlanner.render(snap.view(), problem, best, job.seed, snap.digest());
            Violations v = PlanVerifier.verify(snap.view().fleet(), snap.view().rules(), p);
            if (v.list().isEmpty()) return p;
            LOG.error("plan {}: the plan of the best solution so far fails verification: {}", job.id, v.list());
            return null;
        };
    }

    private void evictFinished() {
        int finished = 0;
        for (PlanJob j : jobs.values()) if (j.status().finished()) finished++;
        for (Iterator<PlanJob> it = jobs.values().iterator(); it.hasNext() && finished > keep; ) {
            if (it.next().status().finished()) { it.remove(); finished--; }
        }
    }

    /** Jobs held per status (for the metrics gauge). */
    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (PlanJob.Status s : PlanJob.Status.values()) out.put(s.wire(), 0L);
        synchronized (jobs) {
            for (PlanJob j : jobs.values()) out.merge(j.status().wire(), 1L, Long::sum);
        }
        return out;
    }

    /** Shutdown: cancel everything queued or solving, then give the solver threads a moment to write their answers. */
    void shutdown(long millis) {
        List<PlanJob> all;
        synchronized (jobs) {
            all = new ArrayList<>(jobs.values());
        }
        for (PlanJob j : all) j.cancel(clock.instant());
        solvers.shutdown();
        try {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (!solvers.awaitTermination(50, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline)
                for (PlanJob j : all) j.repeatCancel();
            solvers.shutdownNow();
        } catch (InterruptedException e) {
            solvers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        poker.shutdownNow();
    }
}
