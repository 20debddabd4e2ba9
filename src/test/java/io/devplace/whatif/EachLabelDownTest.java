package io.devplace.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.cli.Output;
import io.devplace.problem.FleetView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.devplace.whatif.Fixtures.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eachLabelDown: LABEL} (the N+rack question): one failure per distinct value, all its hosts down together, hosts
 * without the label never down, failures sorted by value, each answered as the {@code down: {labels: ...}} scenario
 * of that value would be.
 */
class EachLabelDownTest {
    // a (r1): 2 × 4Q; b (r2): empty; c (r2): one 8Q; d (no rack label): one 8Q; e (r10): empty
    static final String FLEET = HEADER + "hosts:\n"
            + Fixtures.a16Host("a", "r1", "17.4", 64, "nvidia-749,nvidia-749", "") + Fixtures.a16Host("b", "r2", "17.4", 64, "", "")
            + Fixtures.a16Host("c", "r2", "17.4", 64, "nvidia-750", "")
            + Fixtures.a16Host("d", "rX", "17.4", 64, "nvidia-750", "").replace("labels: {rack: rX}", "labels: {}")
            + Fixtures.a16Host("e", "r10", "17.4", 64, "", "")
            + "vms:\n" + Fixtures.vmsFor("a", 4, "nvidia-749,nvidia-749", "") + Fixtures.vmsFor("c", 4, "nvidia-750", "")
            + Fixtures.vmsFor("d", 4, "nvidia-750", "");

    static WhatIfAnalysis.Result result;

    @BeforeAll
    static void run() {
        FleetView view = Fixtures.view(FLEET);
        result = Fixtures.run(view, """
                scenarios:
                  - name: n-plus-rack
                    eachLabelDown: rack
                  - {name: r1, down: {labels: {rack: r1}}}
                  - {name: r10, down: {labels: {rack: r10}}}
                  - {name: r2, down: {labels: {rack: r2}}}
                """);
    }

    @Test
    void oneFailurePerValueSortedByValueWithItsHosts() throws Exception {
        WhatIfReport.ScenarioResult s = Fixtures.scenario(result, "n-plus-rack");
        List<String> seen = new ArrayList<>();
        for (WhatIfReport.Failure f : s.failures()) seen.add(f.value() + f.hosts());
        assertThat(seen).containsExactly("r1[a]", "r10[e]", "r2[b, c]"); // d has no rack: never down
        assertThat(s.placed()).isNull();
        assertThat(s.moves()).isNull();
        assertThat(s.immobile()).isNull();
        JsonNode json = Output.JSON.readTree(Output.json(result.report())).get("scenarios").get(0).get("failures").get(2);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("label", "value", "hosts", "unplaced", "unplacedVms");
        assertThat(json.get("label").asText()).isEqualTo("rack");
    }

    @Test
    void eachValueIsAnsweredAsDownOfThatValue() {
        WhatIfReport.ScenarioResult s = Fixtures.scenario(result, "n-plus-rack");
        long worst = 0;
        for (WhatIfReport.Failure f : s.failures()) {
            WhatIfReport.ScenarioResult down = Fixtures.scenario(result, f.value());
            assertThat(f.unplacedVms()).as(f.value()).isEqualTo(down.unplacedVms());
            assertThat(f.unplaced()).isEqualTo(down.unplaced());
            worst = Math.max(worst, f.unplaced());
        }
        assertThat(s.unplaced()).isEqualTo(worst);
        assertThat(s.feasible()).isEqualTo(worst == 0);
        // rack r2 down: c's 8Q goes to a (b is down too), and 8Q headroom is the minimum over the three failures
        for (var e : s.headroom().entrySet())
            for (WhatIfReport.Failure f : s.failures())
                assertThat(e.getValue()).isLessThanOrEqualTo(Fixtures.scenario(result, f.value()).headroom().get(e.getKey()));
    }
}
