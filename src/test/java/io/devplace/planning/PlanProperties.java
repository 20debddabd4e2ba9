package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the fleet and policy, every plan the planner emits passes the independent verifier (docs/reference/plan.md, What the verifier checks). */
class PlanProperties {

    @Property(tries = 25, seed = "20261125")
    void everyPlanVerifies(@ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 0, max = 7) int policyBits) {
        FleetView view = Fixtures.view(RandomFleets.fleet(seed, 4 + (int) (seed % 3)));
        Policy pol = Fixtures.policy(Map.of(
                "allowRebalance", (policyBits & 1) != 0,
                "removeFreeMdevs", (policyBits & 2) != 0,
                "allowCold", (policyBits & 4) != 0,
                "maxParallel", 1L + seed % 4));
        Plan p = Fixtures.plan(view, pol, "h0"); // asserts the verifier finds nothing
        assertThat(p.summary().vms()).isEqualTo(view.vmsOn("h0").size());
        assertThat(p.summary().placed() + p.summary().unplaced()).isEqualTo(p.summary().vms());
        for (Plan.Unplaced u : p.unplaced()) assertThat(u.reasons()).as("reasons of " + u.vm()).isNotEmpty();
    }
}
