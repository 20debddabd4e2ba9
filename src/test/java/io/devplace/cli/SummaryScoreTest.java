package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code summary.score} describes the plan that is emitted (docs/reference/plan.md), also when the planner's repairs after solving
 * placed a VM the solver's best solution had left out. The case: the only VM placed, the plan verified,
 * and the score once read {@code -1medium} (one VM unplaced).
 */
class SummaryScoreTest {
    private static final String DIR = "src/test/resources/plans/free-mdev-repair/";

    @Test
    void theScoreOfAPlanRepairedAfterSolvingCountsWhatItPlaces() {
        // h2's only parent holds a free mtty-2 that takes both ports: vm1 fits there only once that free mdev is removed,
        // a two-step move local search does not take; the planner's removal repair does
        Cli.Result r = Cli.run("plan", "evacuate", "h1", "-f", DIR + "fleet.yaml", "--rules", DIR + "rules",
                "--policy", DIR + "policy.yaml", "--seed", "1", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode summary = r.json().get("summary");
        assertThat(summary.get("placed").asInt()).isEqualTo(1);
        assertThat(summary.get("unplaced").asInt()).isZero();
        assertThat(summary.get("score").asText()).as("nothing unplaced").startsWith("0hard/0medium/");
        assertThat(r.json().get("actions").toString()).contains("remove-mdev").contains("22222222-1111-4111-8111-111111111111");
    }
}
