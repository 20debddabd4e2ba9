package io.devplace.solver;

import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.devplace.solver.TestFleets.vm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact repair: an unplaced evacuee whose only place is held by a VM that can move only where a third VM is. Placing
 * it takes two other VMs moving at once, in the right order of thought (C out of h2, B into h2, A into h1): no single
 * move gains, and the repair finds it by searching the VMs in the way together.
 */
class ExactRepairTest {
    /**
     * CPU only: h1 takes 3, h2 takes 2, h3 takes 1 CPU. A (3 CPUs) fits only h1, B (2) h1 or h2, C (1) any of them.
     * Every VM placed means A on h1, B on h2, C on h3.
     */
    private static final String FLEET = """
            hosts:
              - {name: src, cpus: 64, memoryMiB: 65536}
              - {name: h1, cpus: 3, memoryMiB: 65536}
              - {name: h2, cpus: 2, memoryMiB: 65536}
              - {name: h3, cpus: 1, memoryMiB: 65536}
            vms:
              - {name: a, host: src, cpus: 3, memoryMiB: 1024}
              - {name: b, host: src, cpus: 2, memoryMiB: 1024}
              - {name: c, host: src, cpus: 1, memoryMiB: 1024}
            """;

    private static PlanningProblem problem() {
        return TestFleets.problem(TestFleets.view(FLEET), TestFleets.policy().build(), "src");
    }

    /** B on h1, C on h2, A unplaced: every VM but A placed, and no single change places A without losing one. */
    private static Evacuation stuck(PlanningProblem p) {
        Evacuation e = Planner.toSolution(p);
        for (VmPlacement v : e.getPlacements()) {
            if (v.getId().equals("b")) v.setOption(TestFleets.option(p, "b", "h1"));
            if (v.getId().equals("c")) v.setOption(TestFleets.option(p, "c", "h2"));
        }
        return e;
    }


    @Test
    void theVmsInTheWayAreSearchedTogetherAndEveryVmIsPlaced() {
        PlanningProblem p = problem();
        Evacuation e = stuck(p);
        Occupancy occ = new Occupancy(e);
        ExactRepair.Neighbourhood n = new ExactRepair.Neighbourhood(occ, vm(e, "a"), 10_000, 8, 0);
        Map<VmPlacement, PlacementOption> change = n.solve();
        assertThat(change).isNotNull();
        assertThat(change.get(vm(e, "a")).hostName()).isEqualTo("h1");
        assertThat(change.get(vm(e, "b")).hostName()).isEqualTo("h2");
        assertThat(change.get(vm(e, "c")).hostName()).isEqualTo("h3");
        // the search left the copy as it was: A still does not fit h1
        assertThat(occ.fits(vm(e, "a"), TestFleets.option(p, "a", "h1"))).isFalse();
    }

    @Test
    void withTooLittleWorkTheNeighbourhoodChangesNothing() {
        PlanningProblem p = problem();
        Evacuation e = stuck(p);
        ExactRepair.Neighbourhood n = new ExactRepair.Neighbourhood(new Occupancy(e), vm(e, "a"), 1, 8, 0);
        assertThat(n.solve()).isNull();
    }

    @Test
    void aNeighbourhoodWithNoBetterPlacementChangesNothing() {
        // without h3, C has nowhere to go but h1 or h2: A and B cannot both be placed
        PlanningProblem p = TestFleets.problem(TestFleets.view(FLEET.replace("  - {name: h3, cpus: 1, memoryMiB: 65536}\n", "")),
                TestFleets.policy().build(), "src");
        Evacuation e = stuck(p);
        assertThat(new ExactRepair.Neighbourhood(new Occupancy(e), vm(e, "a"), 10_000, 8, 0).solve()).isNull();
    }

    @Test
    void aHigherPriorityVmIsPlacedAtTheCostOfALowerOne() {
        // without h3, as above, but A has priority: placing A and B and leaving C out is better in priority order
        String fleet = FLEET.replace("  - {name: h3, cpus: 1, memoryMiB: 65536}\n", "")
                .replace("{name: a, host: src, cpus: 3, memoryMiB: 1024}", "{name: a, host: src, cpus: 3, memoryMiB: 1024, priority: 100}");
        PlanningProblem p = TestFleets.problem(TestFleets.view(fleet), TestFleets.policy().build(), "src");
        Evacuation e = stuck(p);
        Map<VmPlacement, PlacementOption> change = new ExactRepair.Neighbourhood(new Occupancy(e), vm(e, "a"), 10_000, 8, 0).solve();
        assertThat(change).isNotNull();
        assertThat(change.get(vm(e, "a")).hostName()).isEqualTo("h1");
        assertThat(change.get(vm(e, "b")).hostName()).isEqualTo("h2");
        assertThat(change).containsEntry(vm(e, "c"), null);
    }
}
