package io.devplace.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devplace.cli.FleetInput;
import io.devplace.fuzz.Hardening;
import io.devplace.model.Documents;
import io.devplace.model.Locations;
import io.devplace.model.Plan;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Numbers at the edge of a long in a plan (found by fuzzing): the verifier still answers, and still catches them. */
class VerifierLimitsTest {
    static final long MAX = Long.MAX_VALUE;

    static List<String> verify(Consumer<ObjectNode> tamper) throws Exception {
        FleetInput.Loaded fleet = FleetInput.load(Hardening.SMALL_FLEET, Hardening.bytes(Hardening.SMALL_FLEET), io.devplace.rules.TestPacks.withAggregatingGvtg(), false);
        ObjectNode plan = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(Hardening.smallPlanJson());
        tamper.accept(plan);
        Plan p = Documents.bind(plan, Plan.class, new Locations("plan.json"));
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PlanVerifier.verify(fleet.view().fleet(), fleet.view().rules(), p).list());
    }

    @Test
    void theSeededPlanVerifies() throws Exception {
        assertThat(verify(p -> {})).isEmpty();
    }

    @Test
    void anActionInWaveTwoToThe63MinusOneIsAViolationNotAnEndlessCount() throws Exception {
        List<String> v = verify(p -> {
            var actions = p.withArray("actions");
            ((ObjectNode) actions.get(actions.size() - 1)).put("wave", MAX);
        });
        assertThat(v).anyMatch(s -> s.startsWith("wave " + MAX + ": action remove-mdev") && s.endsWith("does not follow from the moves"));
    }

    @Test
    void aMoveInWaveTwoToThe63MinusOneIsChecked() throws Exception {
        List<String> v = verify(p -> ((ObjectNode) p.withArray("moves").get(0)).put("wave", MAX));
        assertThat(v).anyMatch(s -> s.contains("wave " + MAX + ": missing action"));
    }

    @Test
    void aPlacementNearTwoToThe63IsNotAligned() throws Exception {
        long offset = MAX - 3; // a multiple of the type's size 4: offset + size overflowed and the check passed
        List<String> v = verify(p -> {
            for (JsonNode m : p.get("moves"))
                for (JsonNode d : m.get("devices"))
                    if (!d.get("target").get("placement").isNull()) ((ObjectNode) d.get("target")).put("placement", offset);
            for (JsonNode a : p.get("actions")) if (a.has("placement")) ((ObjectNode) a).put("placement", offset);
        });
        // the L40S-4Q lists its placement IDs, so the offset is judged against them
        assertThat(v).anyMatch(s -> s.matches("wave [0-9]+: placement " + offset + " of .* is not one its type nvidia-1150 may start at \\[.*\\]"));
    }
}
