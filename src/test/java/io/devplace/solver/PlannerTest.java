package io.devplace.solver;

import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import io.devplace.model.Policy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When the solver stops: the termination each mode gets (configuration only; no solving, no clock). */
class PlannerTest {
    private static TerminationConfig termination(String limit, Long seed, int entities) {
        return Planner.config(Policy.defaults().withTimeLimit(limit), seed, 10_000, entities).getTerminationConfig();
    }

    @Test
    void seededRunsStopOnStepsAndMovesOnlyWithTheClockAsACap() {
        TerminationConfig t = termination("10s", 7L, 600);
        assertThat(t.getUnimprovedStepCountLimit()).isEqualTo(Planner.SEEDED_UNIMPROVED_STEPS);
        assertThat(t.getMoveCountLimit()).isEqualTo(10_000);
        // an unimproved *time* would make the plan depend on machine speed (docs/reference/plan.md: same inputs, same plan)
        assertThat(t.getUnimprovedSpentLimit()).isNull();
        assertThat(t.getSpentLimit()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void clockRunsStopAfterAnUnimprovedTimeSizedToTheProblem() {
        TerminationConfig small = termination("1s", null, 7);
        assertThat(small.getUnimprovedStepCountLimit()).isNull();
        assertThat(small.getUnimprovedSpentLimit()).isEqualTo(Planner.MIN_PATIENCE);
        assertThat(small.getSpentLimit()).isEqualTo(Duration.ofSeconds(1));

        // 120 VMs: 5 ms each, below a tenth of the 10 s limit
        assertThat(termination("10s", null, 120).getUnimprovedSpentLimit()).isEqualTo(Duration.ofMillis(600));
        // a tenth of the limit still caps a big problem's patience ...
        assertThat(termination("10s", null, 5_000).getUnimprovedSpentLimit()).isEqualTo(Duration.ofSeconds(1));
        // ... and never beyond the maximum
        assertThat(termination("120s", null, 50_000).getUnimprovedSpentLimit()).isEqualTo(Planner.MAX_PATIENCE);
    }

    @Test
    void bigProblemsKeepTheFormerPatience() {
        // 1,000 VMs with a 2 s limit: a tenth of the limit is below the former 500 ms floor, which still holds
        assertThat(termination("2s", null, 1_000).getUnimprovedSpentLimit()).isEqualTo(Duration.ofMillis(500));
        assertThat(termination("10s", null, 650).getUnimprovedSpentLimit()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void patienceNeverExceedsATenthOfTheLimitNorFallsBelowTheFloor() {
        for (int entities : new int[]{1, 10, 100, 1_000, 10_000}) {
            for (String limit : new String[]{"1s", "5s", "30s", "300s"}) {
                Duration d = Planner.unimprovedTime(Policy.defaults().withTimeLimit(limit).timeLimitDuration(), entities);
                assertThat(d).as("%d VMs, limit %s", entities, limit).isBetween(Planner.MIN_PATIENCE, Planner.MAX_PATIENCE);
                Duration tenth = Policy.defaults().withTimeLimit(limit).timeLimitDuration().dividedBy(10);
                assertThat(d).isLessThanOrEqualTo(tenth.compareTo(Planner.LIMIT_PATIENCE_FLOOR) < 0 ? Planner.LIMIT_PATIENCE_FLOOR : tenth);
                assertThat(d).isLessThanOrEqualTo(Planner.PATIENCE_PER_ENTITY.multipliedBy(entities).compareTo(Planner.MIN_PATIENCE) < 0
                        ? Planner.MIN_PATIENCE : Planner.PATIENCE_PER_ENTITY.multipliedBy(entities));
            }
        }
    }

    @Test
    void ruinAndRecreateIsDrawnOnSmallPlansOnly() {
        var small = (ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig)
                Planner.localSearch(Planner.RUIN_MAX_VMS).getMoveSelectorConfig();
        var large = (ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig)
                Planner.localSearch(Planner.RUIN_MAX_VMS + 1).getMoveSelectorConfig();
        assertThat(small.getMoveSelectorList()).hasSize(4)
                .anySatisfy(c -> assertThat(c).isInstanceOf(ai.timefold.solver.core.config.heuristic.selector.move.generic.RuinRecreateMoveSelectorConfig.class));
        assertThat(large.getMoveSelectorList()).hasSize(3)
                .noneSatisfy(c -> assertThat(c).isInstanceOf(ai.timefold.solver.core.config.heuristic.selector.move.generic.RuinRecreateMoveSelectorConfig.class));
    }
}
