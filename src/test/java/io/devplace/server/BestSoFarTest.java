package io.devplace.server;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import io.devplace.model.Plan;
import io.devplace.solver.Evacuation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A solving job's best solution so far: only a better solution replaces the one held, its plan is rendered when asked
 * for and at most once per solution however many ask at once, and everything is let go when the job ends.
 */
class BestSoFarTest {
    static Evacuation solution() { return new Evacuation(List.of(), List.of(), List.of(), new Evacuation.Settings(0), null); }

    static HardMediumSoftLongScore medium(long m) { return HardMediumSoftLongScore.of(0, m, -5); }

    /** A renderer that counts its calls and writes the assignment's score into the plan, as the planner does. */
    static final class Counting implements BestSoFar.Renderer {
        final AtomicInteger calls = new AtomicInteger();
        volatile long sleepMillis;

        @Override
        public Plan render(io.devplace.solver.Assignment best) {
            calls.incrementAndGet();
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Plan("devplace/v1", "Plan", null,
                    new Plan.Summary(0, 0, 0, 0, 0, 0L, true, best.score(), best.solveMillis(), null), List.of(), List.of(), List.of());
        }
    }

    @Test
    void theBestSolutionIsRenderedOncePerVersionWhenAskedFor() {
        BestSoFar b = new BestSoFar();
        assertThat(b.plan()).isNull();
        assertThat(b.score()).isNull();

        b.offer(solution(), medium(-5), 10);
        assertThat(b.score()).isEqualTo("0hard/-5medium/-5soft");
        assertThat(b.plan()).as("no renderer yet: no plan").isNull();

        Counting r = new Counting();
        b.renderWith(r);
        assertThat(r.calls).as("nothing is rendered until asked").hasValue(0);
        Plan first = b.plan();
        assertThat(first.summary().score()).isEqualTo("0hard/-5medium/-5soft");
        assertThat(b.plan()).isSameAs(first);
        assertThat(r.calls).hasValue(1);

        b.offer(solution(), medium(-7), 20); // a later solver starting from scratch: worse, not taken
        b.offer(solution(), medium(-5), 30); // as good: not taken either
        assertThat(b.version()).isEqualTo(1);
        assertThat(b.plan()).isSameAs(first);
        assertThat(r.calls).hasValue(1);

        b.offer(solution(), medium(-3), 40);
        b.offer(solution(), medium(-2), 50); // improvements between two GETs are rendered once, the latest
        assertThat(b.score()).isEqualTo("0hard/-2medium/-5soft");
        Plan second = b.plan();
        assertThat(second.summary().score()).isEqualTo("0hard/-2medium/-5soft");
        assertThat(second.summary().solveMillis()).isEqualTo(50);
        assertThat(r.calls).hasValue(2);
    }

    @Test
    void concurrentRequestsShareOneRendering() throws Exception {
        BestSoFar b = new BestSoFar();
        Counting r = new Counting();
        r.sleepMillis = 200;
        b.renderWith(r);
        b.offer(solution(), medium(-5), 10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Plan>> asked = new ArrayList<>();
            for (int i = 0; i < 8; i++) asked.add(pool.submit(b::plan));
            Plan one = asked.get(0).get();
            for (Future<Plan> f : asked) assertThat(f.get()).isSameAs(one);
        } finally {
            pool.shutdownNow();
        }
        assertThat(r.calls).hasValue(1);
    }

    @Test
    void anEndedJobHoldsNothing() {
        BestSoFar b = new BestSoFar();
        Counting r = new Counting();
        b.renderWith(r);
        b.offer(solution(), medium(-5), 10);
        assertThat(b.plan()).isNotNull();
        b.close();
        assertThat(b.plan()).isNull();
        b.offer(solution(), medium(-1), 20);
        assertThat(b.version()).isEqualTo(1);
        assertThat(b.plan()).isNull();
        assertThat(r.calls).hasValue(1);
    }
}
