package io.devplace.solver;

import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.devplace.solver.TestFleets.vm;
import static org.assertj.core.api.Assertions.assertThat;

/** CP-SAT over a group of hosts: what it places, that it keeps every capacity model, and that it leaves the copy alone. */
class CpSatNeighbourhoodTest {
    private static PlanningProblem problem(int t2Cpus) {
        return TestFleets.problem(TestFleets.view(TestFleets.noPack(t2Cpus)), TestFleets.policy().build(), "src");
    }



    @Test
    void theGroupIsPlacedAgainWithOneTypePerParent() {
        PlanningProblem p = problem(64);
        Evacuation e = TestFleets.noPackStuck(p);
        Occupancy occ = new Occupancy(e);
        CpSatNeighbourhood group = new CpSatNeighbourhood(occ, vm(e, "small2"), 12, 1.0, Long.MAX_VALUE);
        assertThat(group.hosts).containsExactlyInAnyOrder("t1", "t2");
        Map<VmPlacement, PlacementOption> change = group.solve();
        assertThat(change).isNotNull();
        assertThat(change.get(vm(e, "large")).hostName()).isEqualTo("t2");
        assertThat(change.get(vm(e, "small2")).hostName()).isEqualTo("t1");
        String small1 = change.containsKey(vm(e, "small1")) ? change.get(vm(e, "small1")).hostName() : "t2";
        assertThat(small1).isEqualTo("t1");
        assertThat(group.spent).isPositive();
        // the copy is as it was: small2 still does not fit t1 next to large
        for (VmPlacement v : e.getPlacements()) assertThat(occ.optionOf(v)).as(v.getId()).isSameAs(v.getOption());
        // and the change, applied, fits: each VM next to the others
        for (var c : change.entrySet()) occ.set(c.getKey(), null);
        for (var c : change.entrySet()) {
            assertThat(occ.fits(c.getKey(), c.getValue())).as(c.getKey().getId()).isTrue();
            occ.set(c.getKey(), c.getValue());
        }
    }

    @Test
    void hostCpuIsACapacityToo() {
        // t2 has 1 CPU: large cannot go there, so no placement of all three exists
        PlanningProblem p = problem(1);
        Evacuation e = Planner.toSolution(p);
        for (VmPlacement v : e.getPlacements())
            if (v.getId().equals("large")) v.setOption(TestFleets.option(p, "large", "t1", "d0"));
        Occupancy occ = new Occupancy(e);
        // small1 and small2 both unplaced; the best is large on t1 and nothing else, or both small on t1: one more placed
        Map<VmPlacement, PlacementOption> change = new CpSatNeighbourhood(occ, vm(e, "small1"), 12, 1.0, Long.MAX_VALUE).solve();
        assertThat(change).isNotNull();
        long placed = e.getPlacements().stream().filter(v -> (change.containsKey(v) ? change.get(v) : v.getOption()) != null).count();
        assertThat(placed).isEqualTo(2);
        assertThat(change.getOrDefault(vm(e, "large"), TestFleets.option(p, "large", "t1", "d0"))).isNull();
    }

    @Test
    void whenNothingBetterExistsNothingChanges() {
        PlanningProblem p = problem(1);
        Evacuation e = Planner.toSolution(p);
        for (VmPlacement v : e.getPlacements()) {
            if (v.getId().equals("small1")) v.setOption(TestFleets.option(p, "small1", "t1", "d0"));
            if (v.getId().equals("small2")) v.setOption(TestFleets.option(p, "small2", "t1", "d0"));
        }
        // large has no room: t1 holds two small, t2 has too little CPU
        assertThat(new CpSatNeighbourhood(new Occupancy(e), vm(e, "large"), 12, 1.0, Long.MAX_VALUE).solve()).isNull();
    }
}
