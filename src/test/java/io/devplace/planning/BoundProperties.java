package io.devplace.planning;

import io.devplace.bound.Optimality;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.optimal.ExhaustiveSearch;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.VmRequest;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof in every plan (summary.placedBound, summary.optimal) against an exhaustive search of the final states of
 * small random fleets: the bound is never below the most any final state holds (so never below any plan), "optimal"
 * is never claimed for a placement some final state beats, and on these small instances the exact search closes
 * the gap (bound equal to the true maximum; the best placement is proven optimal).
 */
class BoundProperties {
    private static final long MAX_NODES = 3_000_000;

    private static PlanningProblem problem(long seed, int policyBits) {
        // half the tries on the shared random fleets, half on fleets built for contention
        FleetView view = Fixtures.view(seed % 2 == 0 ? RandomFleets.fleet(seed, 3 + (int) (seed % 3)) : ContendedFleets.fleet(seed));
        Policy pol = Fixtures.policy(Map.of(
                "removeFreeMdevs", (policyBits & 1) != 0,
                "antiAffinity", (policyBits & 2) != 0 ? "soft" : "hard",
                "allowCold", (policyBits & 4) != 0));
        return ProblemBuilder.build(view, new PlanRequest(List.of("h0"), pol));
    }

    @Property(tries = 200, seed = "20261207")
    void boundIsNeverBelowTheExhaustiveSearchAndOptimalIsNeverWrong(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                                      @ForAll @IntRange(min = 0, max = 7) int policyBits) {
        PlanningProblem problem = problem(seed, policyBits);
        Assume.that(problem.evacuees().size() <= 8);
        ExhaustiveSearch.Result truth = ExhaustiveSearch.solve(problem, MAX_NODES);
        Assume.that(truth.complete());

        net.jqwik.api.statistics.Statistics.label("evacuees/most/bound").collect(problem.evacuees().size() + "/" + truth.most());
        // nothing placed: the bound is an upper bound on every final state; "optimal" only when nothing could move
        Optimality.Proof none = Optimality.prove(problem, Set.of());
        assertThat(none.placedBound()).as("bound").isGreaterThanOrEqualTo(truth.most());
        assertThat(none.optimal()).as("optimal with nothing placed").isEqualTo(truth.most() == 0);

        // the lexicographically best final state: never refuted, and on instances this small, proven
        Optimality.Proof best = Optimality.prove(problem, truth.bestPlaced());
        assertThat(best.placedBound()).isGreaterThanOrEqualTo(truth.most());
        assertThat(best.optimal()).as("best placement %s proven optimal", truth.bestPlaced()).isTrue();
        assertThat(best.placedBound()).as("bound tight").isEqualTo(truth.most());

        // one VM fewer than the best: never called optimal, and the exact search shows a better placement
        if (!truth.bestPlaced().isEmpty()) {
            Set<String> fewer = new HashSet<>(truth.bestPlaced());
            fewer.remove(fewer.iterator().next());
            Optimality.Proof worse = Optimality.prove(problem, fewer);
            assertThat(worse.optimal()).as("optimal claimed for %s", fewer).isFalse();
            assertThat(worse.placedBound()).isGreaterThanOrEqualTo(truth.most());
            assertThat(worse.better()).isNotEmpty();
        }
    }

    @Property(tries = 15, seed = "20261207")
    void everyPlanCarriesASoundProof(@ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 0, max = 7) int policyBits) {
        PlanningProblem problem = problem(seed, policyBits);
        Assume.that(problem.evacuees().size() <= 8);
        ExhaustiveSearch.Result truth = ExhaustiveSearch.solve(problem, MAX_NODES);
        Assume.that(truth.complete());
        Plan p = Fixtures.plan(problem.view(), problem.request().policy(), "h0"); // verified
        assertThat(p.summary().placedBound()).isGreaterThanOrEqualTo(p.summary().placed()).isGreaterThanOrEqualTo(truth.most());
        if (p.summary().optimal()) {
            long[] vec = new long[truth.priorities().size()];
            Set<String> moved = new HashSet<>();
            for (Plan.Move m : p.moves()) moved.add(m.vm());
            for (VmRequest r : problem.evacuees())
                if (moved.contains(r.name())) vec[truth.priorities().indexOf(r.vm().priority())]++;
            assertThat(vec).as("optimal plan's placed per priority").containsExactly(truth.best());
        }
    }
}
