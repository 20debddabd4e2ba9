package io.devplace.planning;

import io.devplace.bench.FleetGenerator;
import io.devplace.cli.FleetInput;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.VmRequest;
import io.devplace.rules.RuleBook;
import io.devplace.solver.Assignment;
import io.devplace.verify.PlanVerifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planted fleets (profile s-tight: every VM on the evacuated hosts fits by construction, L40S slot parents with
 * mixed sizes among them): every VM the solver places reaches the plan, and the plan verifies in every wave.
 * Seeded, so the solver stops on an unimproved step count; the time limit is only a safety cap.
 */
class PlantedFleetPlanTest {
    @ParameterizedTest(name = "s-tight seed {0}")
    @ValueSource(longs = {3, 4, 5})
    void everyVmTheSolverPlacesIsInTheVerifiedPlan(long seed) {
        RuleBook rules = io.devplace.rules.TestPacks.withAggregatingGvtg();
        FleetGenerator.Generated g = FleetGenerator.generate(FleetGenerator.profile("s-tight"), seed, 0, rules);
        FleetInput.Loaded loaded = FleetInput.load("s-tight-" + seed + ".json", g.json(), rules, false);
        AtomicReference<Assignment> solved = new AtomicReference<>();
        Plan plan = EvacuationPlanner.plan(loaded.view(), new PlanRequest(g.evacuate(), Policy.defaults().withTimeLimit("120s")), seed,
                "sha256:test", PlanListeners.NONE.withSolved(solved::set));

        assertThat(PlanVerifier.verify(loaded.view().fleet(), loaded.view().rules(), plan).list()).as("verifier violations").isEmpty();
        List<String> moved = plan.moves().stream().map(Plan.Move::vm).toList();
        List<String> solverPlaced = solved.get().chosen().keySet().stream().filter(VmRequest::evacuee).map(VmRequest::name).toList();
        assertThat(moved).containsAll(solverPlaced);
        assertThat(plan.summary().placed()).isEqualTo(g.plantedOptimum().longValue());
    }
}
