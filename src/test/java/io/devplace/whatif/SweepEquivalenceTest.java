package io.devplace.whatif;

import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.planning.PlanListeners;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlanRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's shortcuts (solves in parallel, one headroom base per sweep with only touched parents measured again per
 * failure, the heat map only for the worst failure, shared caches) must not change its answers: for every host, the
 * same unplaced VMs with the same reasons, and the same per-type minimum headroom, as planning each failure on its
 * own from scratch, measured on the full fleet state with a fresh {@link Headroom}.
 */
class SweepEquivalenceTest {
    static Stream<Arguments> fleets() throws Exception {
        String[][] g = {{"nvidia-715", "nvidia-711"}, {"nvidia-715", "nvidia-711"}};
        String tight = Fixtures.HEADER + "hosts:\n" + Fixtures.a16Host("x", "r1", "17.4", 64, g[0]) + Fixtures.a16Host("y", "r1", "17.4", 64, g[1])
                + Fixtures.a16Host("z", "r1", "17.4", 64, "nvidia-711") + "vms:\n" + Fixtures.vmsFor("x", 4, g[0]) + Fixtures.vmsFor("y", 4, g[1])
                + Fixtures.vmsFor("z", 4, "nvidia-711");
        String example = Files.readString(Fixtures.example("fleet.yaml"));
        String sweep = "scenarios:\n  - {name: sweep, eachHostDown: true}\n";
        return Stream.of(
                Arguments.of("three A16 hosts", ScenarioKeysTest.FLEET, sweep, 7L),
                Arguments.of("a failure that leaves a 16Q unplaced", tight, sweep, 7L),
                Arguments.of("the example fleet", example, sweep, 7L),
                Arguments.of("the example fleet, no seed", example, sweep, null),
                Arguments.of("the example fleet, each rack down", example, "scenarios:\n  - {name: sweep, eachLabelDown: rack}\n", 7L),
                Arguments.of("synthetic, 24 hosts, each rack down", Fixtures.syntheticFleet(24), "scenarios:\n  - {name: sweep, eachLabelDown: rack}\n", 3L),
                Arguments.of("synthetic, 14 hosts", Fixtures.syntheticFleet(14), sweep, 3L),
                Arguments.of("synthetic, 12 hosts, rack r0 draining as well", Fixtures.syntheticFleet(12),
                        "scenarios:\n  - {name: sweep, eachHostDown: true, drain: {labels: {rack: r0}}}\n", 3L),
                Arguments.of("synthetic, 6 hosts, sweep with added VMs", Fixtures.syntheticFleet(6),
                        "scenarios:\n  - name: sweep\n    eachHostDown: true\n    add: [{count: 3, vm: {cpus: 4, memoryMiB: 8192, devices: [{type: nvidia-713}]}}]\n", 3L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fleets")
    void theSweepAnswersAsPlanningEachFailureOnItsOwn(String label, String fleetYaml, String scenarios, Long seed) {
        FleetView view = Fixtures.view(fleetYaml);
        WhatIf doc = Fixtures.whatIf(scenarios, view);
        Policy policy = Policy.defaults().withTimeLimit("20s");
        WhatIfAnalysis.Result r = WhatIfAnalysis.run(view, doc, new WhatIfAnalysis.Options(policy, seed, 2, null), "fleet.yaml");
        WhatIfReport.ScenarioResult s = r.report().scenarios().get(0);

        // straightforward: each failure alone, nothing shared, the full final state measured
        WhatIf.Scenario sc = doc.scenarios().get(0);
        Fleet before = Scenarios.transform(view.fleet(), sc);
        Set<String> types = WhatIfReader.creatableTypes(view);
        Map<String, List<Plan.Unplaced>> expected = new LinkedHashMap<>();
        Map<String, Long> minHeadroom = new TreeMap<>();
        Long templateMin = null;
        // the failures: every host alone, or every value of the label with all its hosts (hosts without it never)
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (sc.eachLabelDown() == null) for (Host h : view.fleet().hosts()) groups.put(h.name(), List.of(h.name()));
        else {
            Map<String, List<String>> byValue = new TreeMap<>();
            for (Host h : view.fleet().hosts())
                if (h.labels().containsKey(sc.eachLabelDown()))
                    byValue.computeIfAbsent(h.labels().get(sc.eachLabelDown()), k -> new java.util.ArrayList<>()).add(h.name());
            byValue.forEach((value, hosts) -> groups.put(sc.eachLabelDown() + "=" + value, hosts));
        }
        for (var g : groups.entrySet()) {
            Scenarios.Built b = Scenarios.add(Scenarios.fail(before, g.getValue()), sc.add());
            FleetView v = new FleetView(b.fleet(), view.rules());
            Plan plan = EvacuationPlanner.plan(v, new PlanRequest(List.of(), policy), seed != null ? seed : WhatIfAnalysis.SWEEP_SEED, null, PlanListeners.NONE);
            expected.put(g.getKey(), plan.unplaced());
            FinalState fs = FinalState.of(v, plan, b.synthetic());
            new Headroom().perType(fs, types).forEach((t, n) -> minHeadroom.merge(t, n, Math::min));
            for (WhatIf.AddSpec a : sc.add()) {
                long fits = new Headroom().template(fs, a.vm()).fits();
                templateMin = templateMin == null ? fits : Math.min(templateMin, fits);
            }
        }

        assertThat(s.failures()).hasSize(groups.size());
        Map<String, List<Plan.Unplaced>> actual = new LinkedHashMap<>();
        for (WhatIfReport.Failure f : s.failures()) {
            assertThat(f.unplaced()).isEqualTo(f.unplacedVms().size());
            actual.put(f.title(), f.unplacedVms());
            if (f.label() != null) assertThat(f.hosts()).isEqualTo(groups.get(f.title()));
        }
        assertThat(actual).isEqualTo(expected);
        if (sc.eachLabelDown() != null) assertThat(actual.keySet()).as("sorted by value").containsExactlyElementsOf(groups.keySet());
        assertThat(s.headroom()).isEqualTo(minHeadroom);
        long worst = expected.values().stream().mapToLong(List::size).max().orElse(0);
        assertThat(s.unplaced()).isEqualTo(worst);
        assertThat(s.unplacedVms()).isEqualTo(expected.values().stream().filter(l -> l.size() == worst).findFirst().orElseThrow());
        if (templateMin != null) assertThat(s.templateHeadroom().get(0).fits()).isEqualTo(templateMin);
    }
}
