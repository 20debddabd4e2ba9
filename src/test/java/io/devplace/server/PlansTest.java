package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.bench.FleetGenerator;
import io.devplace.model.Plan;
import io.devplace.model.PlanReader;
import io.devplace.verify.PlanVerifier;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** POST/GET/DELETE /v1/plans: the asynchronous evacuation lifecycle, cancellation and the bounded plan queue. */
class PlansTest {
    static JsonNode submit(TestService svc, String body) {
        HttpResponse<String> r = svc.post("/v1/plans", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode job = TestService.json(r);
        assertThat(r.headers().firstValue("Location")).hasValue("/v1/plans/" + job.get("id").asText());
        return job;
    }

    static JsonNode await(TestService svc, String id, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            HttpResponse<String> r = svc.get("/v1/plans/" + id);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode job = TestService.json(r);
            if (!job.get("finishedAt").isNull()) return job;
            assertThat(System.nanoTime()).as("plan %s still %s", id, job.get("status").asText()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static TestService oneSolver(int queue) {
        return TestService.start(TestService.exampleFleet(), TestService.config(
                "apiVersion: devplace/v1\nkind: ServiceConfig\nplanWorkers: 1\nplanQueue: " + queue + "\n"), null);
    }

    @Test
    void aPlanRunsToDoneWithItsScoreAndPlan() throws InterruptedException {
        try (TestService svc = TestService.start()) {
            JsonNode job = submit(svc, "{\"evacuate\":[\"gpu-a1\"],\"seed\":7,\"timeLimit\":\"2s\"}");
            assertThat(job.get("status").asText()).isIn("queued", "solving");
            assertThat(job.get("generation").asLong()).isEqualTo(1);
            JsonNode done = await(svc, job.get("id").asText(), Duration.ofSeconds(90));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
            assertThat(done.get("score").asText()).endsWith("soft").isEqualTo(done.get("bestScore").asText());
            JsonNode plan = done.get("plan");
            assertThat(plan.get("kind").asText()).isEqualTo("Plan");
            assertThat(plan.get("request").get("evacuate").toString()).isEqualTo("[\"gpu-a1\"]");
            assertThat(plan.get("summary").get("vms").asInt()).isEqualTo(9);
            assertThat(plan.get("moves").size()).isEqualTo(plan.get("summary").get("placed").asInt());
            // the proof of quality travels with the plan
            assertThat(plan.get("summary").get("placedBound").asLong()).isBetween(plan.get("summary").get("placed").asLong(), 9L);
            assertThat(plan.get("summary").get("optimal").isBoolean()).isTrue();
            HttpResponse<String> late = svc.delete("/v1/plans/" + job.get("id").asText()); // after the fact: no-op
            assertThat(late.statusCode()).isEqualTo(200);
            assertThat(TestService.json(late).get("status").asText()).isEqualTo("done");
            assertThat(TestService.json(late).get("plan").get("kind").asText()).isEqualTo("Plan");
        }
    }

    @Test
    void cancellingStopsQueuedAndSolvingJobs() throws InterruptedException {
        try (TestService svc = oneSolver(4)) {
            // no seed and a long limit: only the cancel (or convergence) ends it early
            JsonNode running = submit(svc, "{\"evacuate\":[\"gpu-a1\",\"gpu-a3\",\"gpu-l1\"],\"timeLimit\":\"5m\"}");
            JsonNode waiting = submit(svc, "{\"evacuate\":[\"gpu-a2\"],\"timeLimit\":\"5m\"}");
            assertThat(waiting.get("status").asText()).isEqualTo("queued");

            HttpResponse<String> c = svc.delete("/v1/plans/" + waiting.get("id").asText());
            assertThat(c.statusCode()).isEqualTo(200);
            assertThat(TestService.json(c).get("status").asText()).isEqualTo("cancelled");
            assertThat(TestService.json(c).get("finishedAt").isNull()).isFalse();

            long t0 = System.nanoTime();
            assertThat(svc.delete("/v1/plans/" + running.get("id").asText()).statusCode()).isEqualTo(200);
            JsonNode ended = await(svc, running.get("id").asText(), Duration.ofSeconds(60));
            assertThat(ended.get("status").asText()).isEqualTo("cancelled");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
            HttpResponse<String> again = svc.delete("/v1/plans/" + running.get("id").asText()); // idempotent
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(TestService.json(again).get("status").asText()).isEqualTo("cancelled");
            assertThat(svc.get("/v1/plans/" + waiting.get("id").asText()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFullPlanQueueIs429WithRetryAfter() throws InterruptedException {
        try (TestService svc = oneSolver(1)) {
            JsonNode a = submit(svc, "{\"evacuate\":[\"gpu-a1\"],\"timeLimit\":\"5m\"}"); // taken by the one solver thread
            JsonNode b = submit(svc, "{\"evacuate\":[\"gpu-a2\"],\"timeLimit\":\"5m\"}"); // fills the queue of one
            HttpResponse<String> c = svc.post("/v1/plans", "{\"evacuate\":[\"gpu-a3\"]}");
            assertThat(c.statusCode()).isEqualTo(429);
            assertThat(c.headers().firstValue("Retry-After")).isPresent();
            assertThat(TestService.json(c).get("error").asText()).contains("plan queue is full");
            svc.delete("/v1/plans/" + b.get("id").asText());
            svc.delete("/v1/plans/" + a.get("id").asText());
            await(svc, a.get("id").asText(), Duration.ofSeconds(60));
        }
    }

    /** The plan's score form: every level named, zeros included. */
    static final String FULL_SCORE = "-?\\d+hard/-?\\d+medium/-?\\d+soft";

    /**
     * A job's clock starts when it is accepted (queued, then building the problem, then solving, as a client waits), and
     * its score while solving is written as the plan's score is, not in Timefold's short form ({@code -9567medium}).
     */
    @Test
    void aJobCountsFromAcceptanceAndScoresInThePlansFormWhileSolving() throws Exception {
        // 50 fragmented hosts, 5 emptied: some evacuees cannot be placed, so the solver keeps searching for seconds
        FleetGenerator.Generated g = FleetGenerator.generate("s-frag", 1, 5);
        try (TestService svc = TestService.start(g.json(), TestService.config(
                "apiVersion: devplace/v1\nkind: ServiceConfig\nplanWorkers: 1\nplanQueue: 4\n"), null)) {
            JsonNode running = submit(svc, "{\"evacuate\":" + TestService.JSON.writeValueAsString(g.evacuate()) + ",\"timeLimit\":\"5m\"}");
            long accepted = System.nanoTime(); // the job was accepted before its answer came
            JsonNode waiting = submit(svc, "{\"evacuate\":[\"" + g.evacuate().get(0) + "\"],\"timeLimit\":\"5m\"}");
            Thread.sleep(300);

            JsonNode queued = TestService.json(svc.get("/v1/plans/" + waiting.get("id").asText()));
            assertThat(queued.get("status").asText()).isEqualTo("queued");
            assertThat(queued.get("startedAt").isNull()).isTrue();
            assertThat(queued.get("elapsedMillis").asLong()).as("queued for 300 ms").isGreaterThanOrEqualTo(300);
            assertThat(queued.get("score").isNull()).isTrue();

            JsonNode solving;
            while (true) {
                long atLeast = (System.nanoTime() - accepted) / 1_000_000 - 20; // 20 ms for the two clocks
                solving = TestService.json(svc.get("/v1/plans/" + running.get("id").asText()));
                String status = solving.get("status").asText();
                // on a busy machine the only worker may not have taken the job yet: queued, then solving, never ended
                assertThat(status).as("the job ended before it was seen solving with a score: %s", solving).isIn("queued", "solving");
                // queued, while the problem is built, and after: the clock runs
                assertThat(solving.get("elapsedMillis").asLong()).as(solving.toString()).isGreaterThanOrEqualTo(atLeast);
                if (status.equals("solving") && !solving.get("score").isNull()) break;
                assertThat(atLeast).as("no score within a minute").isLessThan(60_000);
                Thread.sleep(20);
            }
            assertThat(solving.get("score").asText()).matches(FULL_SCORE);
            assertThat(solving.get("bestScore").asText()).isEqualTo(solving.get("score").asText());
            assertThat(solving.get("elapsedMillis").asLong()).as("counted from acceptance").isGreaterThanOrEqualTo(300);

            svc.delete("/v1/plans/" + waiting.get("id").asText());
            svc.delete("/v1/plans/" + running.get("id").asText());
            JsonNode ended = await(svc, running.get("id").asText(), Duration.ofSeconds(60));
            assertThat(ended.get("status").asText()).isEqualTo("cancelled");
            assertThat(ended.get("score").asText()).matches(FULL_SCORE).isEqualTo(ended.get("plan").get("summary").get("score").asText());
            assertThat(ended.get("elapsedMillis").asLong()).isGreaterThanOrEqualTo(solving.get("elapsedMillis").asLong());
            JsonNode later = TestService.json(svc.get("/v1/plans/" + running.get("id").asText()));
            assertThat(later.get("elapsedMillis").asLong()).as("stops at the end").isEqualTo(ended.get("elapsedMillis").asLong());
        }
    }

    /**
     * While a job solves, GET gives the plan of the best solution so far: a whole Plan, written as the final plan is
     * (its summary's score is the job's score), and one the verifier accepts, as it accepts the final plan.
     */
    @Test
    void whileSolvingGetGivesTheBestPlanSoFarAndTheVerifierAcceptsIt() throws Exception {
        FleetGenerator.Generated g = FleetGenerator.generate("s-frag", 1, 5);
        var fleet = io.devplace.cli.ServeCommand.checks(TestService.rules(), false).fleet("fleet.json", g.json()).view();
        try (TestService svc = TestService.start(g.json(), TestService.config(TestService.exampleConfig()), null)) {
            JsonNode job = submit(svc, "{\"evacuate\":" + TestService.JSON.writeValueAsString(g.evacuate()) + ",\"timeLimit\":\"5m\"}");
            String id = job.get("id").asText();
            long deadline = System.nanoTime() + 60_000_000_000L;
            JsonNode solving;
            while (true) {
                solving = TestService.json(svc.get("/v1/plans/" + id));
                // a job waits in the queue (its problem not yet built) before it solves; it must not end first
                assertThat(solving.get("status").asText()).as("ended before a plan was seen while solving: %s", solving.get("status"))
                        .isIn("queued", "solving");
                if (solving.get("status").asText().equals("solving") && !solving.get("plan").isNull()) break;
                assertThat(System.nanoTime()).as("no plan within a minute").isLessThan(deadline);
                Thread.sleep(20);
            }
            JsonNode plan = solving.get("plan");
            assertThat(plan.get("kind").asText()).isEqualTo("Plan");
            assertThat(plan.get("request").get("evacuate")).isEqualTo(TestService.JSON.valueToTree(g.evacuate()));
            assertThat(plan.get("summary").get("score").asText()).matches(FULL_SCORE).isEqualTo(solving.get("score").asText());
            assertThat(plan.get("summary").get("vms").asLong()).isEqualTo(g.stats().evacuees());
            assertThat(plan.get("moves").size()).isEqualTo(plan.get("summary").get("migrations").asInt());
            assertThat(plan.get("summary").get("placed").asLong() + plan.get("summary").get("unplaced").asLong())
                    .isEqualTo(plan.get("summary").get("vms").asLong());
            Plan parsed = PlanReader.parse("best-so-far.json", TestService.JSON.writeValueAsBytes(plan)).value();
            assertThat(PlanVerifier.verify(fleet.fleet(), fleet.rules(), parsed).list()).isEmpty();

            svc.delete("/v1/plans/" + id);
            JsonNode ended = await(svc, id, Duration.ofSeconds(60));
            assertThat(ended.get("status").asText()).isEqualTo("cancelled");
            assertThat(ended.has("violations")).isFalse();
            Plan last = PlanReader.parse("final.json", TestService.JSON.writeValueAsBytes(ended.get("plan"))).value();
            assertThat(PlanVerifier.verify(fleet.fleet(), fleet.rules(), last).list()).isEmpty();
        }
    }

    @Test
    void badPlanRequestsAre422Or404() {
        try (TestService svc = TestService.start()) {
            assertStatus(svc.post("/v1/plans", "{\"evacuate\":[\"nope\"]}"), 422, "host 'nope' is not in the fleet");
            assertStatus(svc.post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"timeLimit\":\"soon\"}"), 422, "timeLimit");
            assertStatus(svc.post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"spread\":\"wide\"}}"), 422, "invalid input");
            assertStatus(svc.post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"maxParalel\":3}}"), 422, "maxParalel");
            assertStatus(svc.post("/v1/plans", "{\"evacuate\":\"gpu-a1\"}"), 422, "evacuate");
            assertStatus(svc.get("/v1/plans/does-not-exist"), 404, "no plan");
            assertStatus(svc.delete("/v1/plans/does-not-exist"), 404, "no plan");
        }
    }

    static void assertStatus(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(message);
    }
}
