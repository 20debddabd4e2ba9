package io.devplace.solver;

import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;
import org.junit.jupiter.api.Test;

import static io.devplace.solver.TestFleets.policy;
import static io.devplace.solver.TestFleets.problem;
import static io.devplace.solver.TestFleets.view;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The construction portfolio: when most-constrained-first construction leaves a VM unplaced and local search cannot
 * repair it, a one-VM-at-a-time first fit or best fit that places more is where local search continues from.
 */
class ConstructionPortfolioTest {
    /**
     * CPU only: {@code big} (3 CPUs) fits either target but only {@code small} (4 CPUs) leaves room for the two
     * {@code s} VMs (2 CPUs each); {@code b} (3 CPUs) is listed first. Everything fits only as b on small, s1 and s2 on
     * big. Every VM has both targets as options, so most constrained first has no reason to put b on small.
     */
    private static PlanningProblem fleet() {
        String y = """
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 65536}
                  - {name: tgt-small, cpus: 3, memoryMiB: 65536}
                  - {name: tgt-big, cpus: 4, memoryMiB: 65536}
                vms:
                  - {name: b, host: src, cpus: 3, memoryMiB: 1024}
                  - {name: s1, host: src, cpus: 2, memoryMiB: 1024}
                  - {name: s2, host: src, cpus: 2, memoryMiB: 1024}
                """;
        return problem(view(y), policy().build(), "src");
    }

    /**
     * The move budget counts every phase's moves: enough for the construction (three VMs, each tried on its two options
     * and on none) and one local search move, too few to trade places.
     */
    private static final long CONSTRUCTION_MOVES = 9;

    @Test
    void aOneVmAtATimeFitThatPlacesMoreIsKeptOverMostConstrainedFirst() {
        Assignment a = Planner.solve(fleet(), 1L, null, null, budget -> CONSTRUCTION_MOVES + 1);
        assertThat(a.chosen().keySet()).extracting(VmRequest::name).containsExactlyInAnyOrder("b", "s1", "s2");
        assertThat(a.feasible()).isTrue();
    }
}
