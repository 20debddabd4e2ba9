package io.devplace.solver;

import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.devplace.solver.TestFleets.vm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long ejection chain: a staircase of {@value #N} VMs where placing the last one takes moving every other one, more
 * than any neighbourhood of the exact repair holds.
 */
class EjectionSearchTest {
    static final int N = 40;

    /**
     * Host h{i} has i CPUs, VM v{i} needs i (i = 1..N). The stuck plan holds v{i} on h{i+1} (one CPU left over on each)
     * and leaves v{N} unplaced; every VM placed means each v{i} on h{i}.
     */
    private static PlanningProblem problem() { return problem(1); }

    /** The staircase from host h{first} up: without h1, the CPUs of all hosts fall one short of all VMs'. */
    private static PlanningProblem problem(int first) {
        StringBuilder f = new StringBuilder("hosts:\n  - {name: src, cpus: 4096, memoryMiB: 1048576}\n");
        for (int i = first; i <= N; i++) f.append("  - {name: h").append(i).append(", cpus: ").append(i).append(", memoryMiB: 65536}\n");
        f.append("vms:\n");
        for (int i = 1; i <= N; i++) f.append("  - {name: v").append(i).append(", host: src, cpus: ").append(i).append(", memoryMiB: 512}\n");
        return TestFleets.problem(TestFleets.view(f.toString()), TestFleets.policy().build(), "src");
    }

    private static Evacuation stuck(PlanningProblem p) {
        Evacuation e = Planner.toSolution(p);
        for (VmPlacement v : e.getPlacements()) {
            int i = Integer.parseInt(v.getId().substring(1));
            if (i < N) v.setOption(TestFleets.option(p, v.getId(), "h" + (i + 1)));
        }
        return e;
    }


    @Test
    void theLastVmOfAStaircaseIsPlacedByMovingEveryOther() {
        PlanningProblem p = problem();
        Evacuation e = stuck(p);
        Occupancy occ = new Occupancy(e);
        // the largest neighbourhood of the exact repair is too small for it
        assertThat(new ExactRepair.Neighbourhood(occ, vm(e, "v" + N), ExactRepair.NEIGHBOURHOOD_WORK, 32, 0).solve()).isNull();

        EjectionSearch chain = new EjectionSearch(occ, ExactRepair.CHAIN_WORK);
        Map<VmPlacement, PlacementOption> change = chain.place(vm(e, "v" + N));
        assertThat(change).isNotNull();
        assertThat(change.get(vm(e, "v" + N)).hostName()).isEqualTo("h" + N);
        // applied, the change is a full plan within every host's CPUs
        for (var c : change.entrySet()) occ.set(c.getKey(), null);
        for (var c : change.entrySet()) {
            assertThat(occ.fits(c.getKey(), c.getValue())).as(c.getKey().getId()).isTrue();
            occ.set(c.getKey(), c.getValue());
        }
        assertThat(chain.work).isPositive().isLessThanOrEqualTo(ExactRepair.CHAIN_WORK);
    }

    @Test
    void theSearchLeavesTheCopyAsItWas() {
        PlanningProblem p = problem();
        Evacuation e = stuck(p);
        Occupancy occ = new Occupancy(e);
        assertThat(new EjectionSearch(occ, ExactRepair.CHAIN_WORK).place(vm(e, "v" + N))).isNotNull();
        for (VmPlacement v : e.getPlacements()) assertThat(occ.optionOf(v)).as(v.getId()).isSameAs(v.getOption());
        assertThat(occ.fits(vm(e, "v" + N), TestFleets.option(p, "v" + N, "h" + N))).isFalse();
    }

    @Test
    void withTooLittleWorkNothingChanges() {
        PlanningProblem p = problem();
        Evacuation e = stuck(p);
        assertThat(new EjectionSearch(new Occupancy(e), N).place(vm(e, "v" + N))).isNull();
    }

    @Test
    void whereNoPlanPlacesEveryVmTheChainFails() {
        PlanningProblem p = problem(2);
        Evacuation e = stuck(p);
        assertThat(vm(e, "v" + N).getOptions()).isNotEmpty();
        EjectionSearch chain = new EjectionSearch(new Occupancy(e), ExactRepair.CHAIN_WORK);
        assertThat(chain.place(vm(e, "v" + N))).isNull();
    }
}
