package io.devplace.whatif;

import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.planning.PlanListeners;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlanRequest;
import io.devplace.verify.PlanVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.devplace.whatif.Fixtures.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/** Each scenario key on a small A16 fleet, then combinations and the order they apply in. */
class ScenarioKeysTest {
    // a (rack r1): GPU0 2 × 4Q, GPU1 empty; b (rack r2): two empty GPUs; c (rack r2): GPU0 one 8Q, GPU1 empty
    static final String[][] GPUS = {{"nvidia-713,nvidia-713", ""}, {"", ""}, {"nvidia-714", ""}};
    static final String FLEET = HEADER + "hosts:\n"
            + Fixtures.a16Host("a", "r1", "17.4", 64, GPUS[0]) + Fixtures.a16Host("b", "r2", "17.4", 64, GPUS[1])
            + Fixtures.a16Host("c", "r2", "17.4", 64, GPUS[2])
            + "vms:\n" + Fixtures.vmsFor("a", 4, GPUS[0]) + Fixtures.vmsFor("c", 4, GPUS[2]);

    static FleetView view;
    static WhatIfAnalysis.Result result;

    @BeforeAll
    static void runAll() {
        view = Fixtures.view(FLEET);
        result = Fixtures.run(view, """
                scenarios:
                  - name: as-is
                  - name: lose-r1
                    down: {labels: {rack: r1}}
                  - name: drain-c
                    drain: {names: [c]}
                  - name: grow
                    add: [{count: 3, vm: {cpus: 4, memoryMiB: 8192, devices: [{type: nvidia-713}]}}]
                  - name: upgrade-r2
                    set: {hosts: {labels: {rack: r2}}, attributes: {vgpu_manager: "18.0"}}
                  - name: n-plus-1
                    eachHostDown: true
                """);
    }

    @Test
    void baseIsTheFleetAsIs() {
        // 4Q: a GPU0 2 more + GPU1 4, b 8, c GPU1 4 (GPU0 is locked to 8Q)
        assertThat(result.report().base().headroom()).containsEntry("nvidia-713", 18L).containsEntry("nvidia-714", 1L + 2 + 4 + 2);
        assertThat(result.report().base().immobile()).isEmpty();
        WhatIfReport.ScenarioResult s = Fixtures.scenario(result, "as-is");
        assertThat(s.feasible()).isTrue();
        assertThat(s.placed()).isZero();
        assertThat(s.moves()).isZero();
        assertThat(s.headroom()).isEqualTo(result.report().base().headroom());
        assertThat(s.failures()).isNull();
        assertThat(s.templateHeadroom()).isEmpty();
    }

    @Test
    void downRestartsTheVmsElsewhereAndTheHostCountsForNothing() {
        WhatIfReport.ScenarioResult s = Fixtures.scenario(result, "lose-r1");
        assertThat(s.feasible()).isTrue();
        assertThat(s.placed()).isEqualTo(2);
        assertThat(s.moves()).isEqualTo(2);
        assertThat(s.unplaced()).isZero();
        // a's 6 are gone, and the two restarted 4Q take one GPU's worth of 4Q headroom at least
        assertThat(s.headroom().get("nvidia-713")).isBetween(6L, 10L);
        assertThat(s.headroom().get("nvidia-715")).isLessThanOrEqualTo(2L);
    }

    @Test
    void drainMigratesLive() {
        WhatIfReport.ScenarioResult s = Fixtures.scenario(result, "drain-c");
        assertThat(s.feasible()).isTrue();
        assertThat(s.placed()).isEqualTo(1);
        assertThat(s.moves()).isEqualTo(1);
        // c counts for nothing: a 6 + b 8 minus the 8Q that landed on one of b's GPUs (or a's empty one)
        assertThat(s.headroom().get("nvidia-713")).isEqualTo(6 + 8 - 4);
    }

    @Test
    void addPlacesNewVmsThatAreNotMovesAndReportsTemplateHeadroom() {
        WhatIfReport.ScenarioResult s = Fixtures.scenario(result, "grow");
        assertThat(s.feasible()).isTrue();
        assertThat(s.placed()).isEqualTo(3);
        assertThat(s.moves()).isZero();
        assertThat(s.headroom().get("nvidia-713")).isEqualTo(18 - 3);
        assertThat(s.templateHeadroom()).containsExactly(new WhatIfReport.TemplateHeadroom(0, 15, "exact"));
        assertThat(s.immobile()).noneMatch(v -> v.startsWith("add["));
        // the synthetic host that carried the new VMs is nowhere in the report
        assertThat(Fixtures.scenario(result, "grow").headroom()).isEqualTo(Fixtures.scenario(result, "grow").headroom());
    }

    @Test
    void setChangesAttributesAndImmobileShowsWhatBreaks() {
        WhatIfReport.ScenarioResult s = Fixtures.scenario(result, "upgrade-r2");
        assertThat(s.feasible()).isTrue();
        assertThat(s.placed()).isZero();
        // a stays on 17.4 and no other host does: its VMs cannot live-migrate anywhere; c's 8Q can still go to b
        assertThat(s.immobile()).containsExactly("a-0-0", "a-0-1");
    }

    @Test
    void eachHostDownHasOneFailurePerHost() {
        WhatIfReport.ScenarioResult s = Fixtures.scenario(result, "n-plus-1");
        assertThat(s.failures()).extracting(WhatIfReport.Failure::host).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(s.feasible()).isTrue();
        assertThat(s.unplaced()).isZero();
        assertThat(s.placed()).isNull();
        assertThat(s.moves()).isNull();
        assertThat(s.immobile()).isNull();
        // headroom is the minimum over the failures, so never above any single-failure scenario's
        assertThat(s.headroom().get("nvidia-713")).isLessThanOrEqualTo(Fixtures.scenario(result, "lose-r1").headroom().get("nvidia-713"));
        assertThat(s.headroom().keySet()).isEqualTo(result.report().base().headroom().keySet());
    }

    @Test
    void sweepFailuresAreRankedWorstFirstAndCountEveryHost() {
        // x and y: a 16Q and a 1Q each; z: a 1Q. Losing x or y leaves its 16Q with no empty GPU; losing z is fine
        String[][] g = {{"nvidia-715", "nvidia-711"}, {"nvidia-715", "nvidia-711"}};
        String fleet = HEADER + "hosts:\n" + Fixtures.a16Host("x", "r1", "17.4", 64, g[0]) + Fixtures.a16Host("y", "r1", "17.4", 64, g[1])
                + Fixtures.a16Host("z", "r1", "17.4", 64, "nvidia-711") + "vms:\n" + Fixtures.vmsFor("x", 4, g[0]) + Fixtures.vmsFor("y", 4, g[1])
                + Fixtures.vmsFor("z", 4, "nvidia-711");
        WhatIfAnalysis.Result r = Fixtures.run(Fixtures.view(fleet), "scenarios:\n  - {name: sweep, eachHostDown: true}\n");
        WhatIfReport.ScenarioResult s = r.report().scenarios().get(0);
        assertThat(s.failures()).hasSize(3);
        assertThat(s.failures()).extracting(WhatIfReport.Failure::unplaced).containsExactly(1L, 1L, 0L);
        assertThat(s.failures()).extracting(WhatIfReport.Failure::host).containsExactly("x", "y", "z");
        assertThat(s.feasible()).isFalse();
        assertThat(s.unplaced()).isEqualTo(1);
        assertThat(s.unplacedVms()).extracting(Plan.Unplaced::vm).containsExactly("x-0-0");
        assertThat(s.failures().get(0).unplacedVms().get(0).reasons()).extracting(Reason::code).contains(Reason.TYPE_LOCKED);
    }

    @Test
    void setAppliesBeforeDrainAndDownWinsOverDrain() {
        WhatIfAnalysis.Result r = Fixtures.run(view, """
                scenarios:
                  - name: upgrade-then-drain
                    set: {hosts: {names: [b, c]}, attributes: {vgpu_manager: "18.0"}}
                    drain: {names: [a]}
                  - name: upgrade-then-down
                    set: {hosts: {names: [b, c]}, attributes: {vgpu_manager: "18.0"}}
                    drain: {names: [a]}
                    down: {names: [a]}
                """);
        // live migration needs the same vGPU manager: with b and c on 18.0 first, a's VMs have nowhere to go
        WhatIfReport.ScenarioResult drain = Fixtures.scenario(r, "upgrade-then-drain");
        assertThat(drain.feasible()).isFalse();
        assertThat(drain.unplacedVms()).extracting(Plan.Unplaced::vm).containsExactly("a-0-0", "a-0-1");
        assertThat(drain.unplacedVms().get(0).reasons()).extracting(Reason::code).containsOnly(Reason.NO_COMPATIBLE_DEVICE);
        // a host both drained and down is down: its VMs restart (same type, no version check) and fit
        WhatIfReport.ScenarioResult down = Fixtures.scenario(r, "upgrade-then-down");
        assertThat(down.feasible()).isTrue();
        assertThat(down.placed()).isEqualTo(2);
    }

    @Test
    void addAppliesAfterDownAndTakesTheTemplatePriority() {
        // a down: its two 4Q VMs (priority 0) and three new 16Q VMs (priority 10) compete for b's and c's GPUs.
        // Three free GPUs remain (b0, b1, c1): the 16Q VMs take them all; a's VMs are displaced.
        WhatIfAnalysis.Result r = Fixtures.run(view, """
                scenarios:
                  - name: down-and-grow
                    down: {names: [a]}
                    add: [{count: 3, vm: {cpus: 4, memoryMiB: 8192, priority: 10, devices: [{type: nvidia-715}]}}]
                """);
        WhatIfReport.ScenarioResult s = r.report().scenarios().get(0);
        assertThat(s.placed()).isEqualTo(3);
        assertThat(s.unplaced()).isEqualTo(2);
        assertThat(s.unplacedVms()).extracting(Plan.Unplaced::vm).containsExactly("a-0-0", "a-0-1");
        assertThat(s.moves()).isZero();
        assertThat(s.templateHeadroom()).containsExactly(new WhatIfReport.TemplateHeadroom(0, 0, "exact"));
        // reasons name real candidate hosts only (never a down host, never the synthetic one of the new VMs)
        for (Plan.Unplaced u : s.unplacedVms())
            assertThat(u.reasons()).extracting(Reason::host).allMatch(h -> h.equals("b") || h.equals("c"));
    }

    @Test
    void addedVmsThatDoNotFitAreUnplacedWithReasons() {
        WhatIfAnalysis.Result r = Fixtures.run(view, "scenarios:\n  - name: too-many\n    add: [{count: 6, vm: {cpus: 1, memoryMiB: 1024, devices: [{type: nvidia-715}]}}]\n");
        WhatIfReport.ScenarioResult s = r.report().scenarios().get(0);
        assertThat(s.placed()).isEqualTo(4); // a1, b0, b1, c1
        assertThat(s.unplaced()).isEqualTo(2);
        assertThat(s.unplacedVms()).allSatisfy(u -> {
            assertThat(u.vm()).startsWith("add[0]#");
            assertThat(u.reasons()).isNotEmpty().extracting(Reason::host).doesNotContainNull().allMatch(h -> Set.of("a", "b", "c").contains(h));
        });
    }

    @Test
    void scenarioPlansWithAddedVmsPassTheIndependentVerifier() {
        WhatIf doc = Fixtures.whatIf("""
                scenarios:
                  - name: s
                    down: {names: [a]}
                    add: [{count: 2, vm: {cpus: 4, memoryMiB: 8192, devices: [{type: nvidia-713}, {type: nvidia-713}]}}]
                """, view);
        WhatIf.Scenario sc = doc.scenarios().get(0);
        Scenarios.Built b = Scenarios.add(Scenarios.transform(view.fleet(), sc), sc.add());
        FleetView v = new FleetView(b.fleet(), view.rules());
        Plan plan = EvacuationPlanner.plan(v, new PlanRequest(List.of(), Policy.defaults().withTimeLimit("5s")), 3L, null, PlanListeners.NONE);
        assertThat(PlanVerifier.verify(b.fleet(), view.rules(), plan).list()).isEmpty();
        assertThat(plan.summary().placed()).isEqualTo(4);
        assertThat(plan.moves()).allSatisfy(m -> assertThat(b.isSynthetic(m.to())).isFalse());
    }
}
