package io.devplace.solver;

import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningSolutionMetaModel;
import ai.timefold.solver.core.preview.api.move.MoveTester;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.devplace.solver.TestFleets.NVIDIA_OK;
import static io.devplace.solver.TestFleets.vm;
import static org.assertj.core.api.Assertions.assertThat;

/** The compound moves: what they build on a known state, that what they place fits, and that they undo cleanly. */
class CompoundMovesTest {
    private static String uuid(int n) { return String.format("00000000-0000-4000-8000-%012d", n); }



    private static final Reassign.Variables VARS = variables();

    private static Reassign.Variables variables() {
        PlanningSolutionMetaModel<Evacuation> m = PlanningSolutionMetaModel.of(Evacuation.class, VmPlacement.class, FreeMdevRemoval.class);
        return new Reassign.Variables(m.genuineEntity(VmPlacement.class).basicVariable("option", PlacementOption.class),
                m.genuineEntity(FreeMdevRemoval.class).basicVariable("remove", Boolean.class));
    }

    /** Draws moves until one that is not null; a bounded number of draws, fixed seed. */
    private static List<Reassign> draw(CompoundMoves kind, Occupancy occ, int n) {
        Random r = new Random(42);
        List<Reassign> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Reassign m = kind.build(occ, VARS, r);
            if (m != null) out.add(m);
        }
        return out;
    }

    @Test
    void occupancyNamesWhatStandsInTheWay() {
        PlanningProblem p = TestFleets.problem(TestFleets.view(TestFleets.noPack(64)), TestFleets.policy().build(), "src");
        Evacuation e = TestFleets.noPackStuck(p);
        Occupancy occ = new Occupancy(e);
        PlacementOption smallOnT1 = TestFleets.option(p, "small2", "t1", "d0");
        assertThat(occ.fits(vm(e, "small2"), smallOnT1)).isFalse(); // t1 took the large type
        assertThat(occ.blockers(vm(e, "small2"), smallOnT1)).containsExactly(vm(e, "large"));
        occ.set(vm(e, "large"), null);
        assertThat(occ.fits(vm(e, "small2"), smallOnT1)).isTrue();
        occ.set(vm(e, "large"), TestFleets.option(p, "large", "t1", "d0"));
        assertThat(occ.fits(vm(e, "small2"), smallOnT1)).isFalse(); // put back as it was
    }

    @Test
    void anEjectionChainReachesThePlanWhereEveryVmIsPlaced() {
        PlanningProblem p = TestFleets.problem(TestFleets.view(TestFleets.noPack(64)), TestFleets.policy().build(), "src");
        Evacuation e = TestFleets.noPackStuck(p);
        Occupancy occ = new Occupancy(e);
        List<Reassign> moves = draw(new EjectionChainMoves(), occ, 200);
        assertThat(moves).isNotEmpty();
        // every VM a chain places fits where it goes, given everything else the chain does
        for (Reassign m : moves) {
            List<Object> es = m.getPlanningEntities();
            Occupancy after = new Occupancy(e);
            for (Object x : es) after.set((VmPlacement) x, null);
            for (Object x : es) {
                VmPlacement v = (VmPlacement) x;
                PlacementOption to = targetOf(m, v);
                if (to == null) continue;
                assertThat(after.fits(v, to)).as("%s in %s", v.getId(), m).isTrue();
                after.set(v, to);
            }
        }
        // and among them, the one that places all three (large to t2, small1 to t1 next to small2)
        assertThat(moves).anySatisfy(m -> assertThat(m.toString())
                .contains("small2 -> small2->t1").contains("large -> large->t2").contains("small1 -> small1->t1"));
        // building moves left the copy as it was
        assertThat(occ.fits(vm(e, "small2"), TestFleets.option(p, "small2", "t1", "d0"))).isFalse();
    }

    private static PlacementOption targetOf(Reassign m, VmPlacement v) {
        String s = m.toString();
        for (PlacementOption o : v.getOptions()) if (s.contains(v.getId() + " -> " + o)) return o;
        return null;
    }

    @Test
    void aSwapExchangesTwoVmsPositions() {
        PlanningProblem p = TestFleets.problem(TestFleets.view(TestFleets.noPack(64)), TestFleets.policy().build(), "src");
        Evacuation e = TestFleets.noPackStuck(p);
        List<Reassign> moves = draw(new SwapMoves(), new Occupancy(e), 100);
        assertThat(moves).isNotEmpty().allSatisfy(m -> assertThat(m.getPlanningEntities()).hasSize(2));
        Reassign swap = new Reassign("Swap", VARS, List.of(vm(e, "large"), vm(e, "small1")),
                List.of(TestFleets.option(p, "large", "t2", "d0"), TestFleets.option(p, "small1", "t1", "d0")), List.of(), List.of());
        assertThat(moves).contains(swap);
    }

    @Test
    void aChainRemovesTheFreeMdevThatLocksAGpuToAnotherType() {
        String fleet = """
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%2$s", type: nvidia-713}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%3$s", type: nvidia-714}]}]}
                vms:
                  - {name: a, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%2$s"}]}
                """.formatted(NVIDIA_OK, uuid(1), uuid(9));
        PlanningProblem p = TestFleets.problem(TestFleets.view(fleet), TestFleets.policy().removeFreeMdevs().build(), "src");
        Evacuation e = Planner.toSolution(p);
        for (FreeMdevRemoval r : e.getRemovals()) r.setRemove(false);
        List<Reassign> moves = draw(new EjectionChainMoves(), new Occupancy(e), 20);
        assertThat(moves).isNotEmpty().allSatisfy(m -> {
            assertThat(m.getPlanningEntities()).containsExactlyInAnyOrder(vm(e, "a"), e.getRemovals().get(0));
            assertThat(m.toString()).contains(" removed");
        });
    }

    @Test
    void aMoveChangesItsVariablesAndIsUndoneCompletely() {
        PlanningProblem p = TestFleets.problem(TestFleets.view(TestFleets.noPack(64)), TestFleets.policy().build(), "src");
        Evacuation e = TestFleets.noPackStuck(p);
        PlacementOption largeOnT2 = TestFleets.option(p, "large", "t2", "d0"), smallOnT1 = TestFleets.option(p, "small1", "t1", "d0");
        Reassign swap = new Reassign("Swap", VARS, List.of(vm(e, "large"), vm(e, "small1")), List.of(largeOnT2, smallOnT1), List.of(), List.of());
        assertThat(swap.isMoveDoable(null)).isTrue();
        MoveTester.build(PlanningSolutionMetaModel.of(Evacuation.class, VmPlacement.class, FreeMdevRemoval.class)).using(e)
                .executeTemporarily(swap, view -> {
                    assertThat(vm(e, "large").getOption()).isSameAs(largeOnT2);
                    assertThat(vm(e, "small1").getOption()).isSameAs(smallOnT1);
                });
        assertThat(vm(e, "large").getOption()).isEqualTo(TestFleets.option(p, "large", "t1", "d0"));
        assertThat(vm(e, "small1").getOption()).isEqualTo(TestFleets.option(p, "small1", "t2", "d0"));
        assertThat(Reassign.none("Swap", VARS).isMoveDoable(null)).isFalse();
    }

    @Test
    void aChainRefillsTheRoomItFreesWithAnotherWaitingEvacuee() {
        // t1's GPU holds b's A16-8Q, which locks it to that type; a and c (A16-4Q) wait. Putting a there ejects b (to
        // t2's empty GPU) and leaves room for c too: one move places both.
        String fleet = """
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%2$s", type: nvidia-713}, {uuid: "%3$s", type: nvidia-713}]}, {id: "0000:02:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%4$s", type: nvidia-714}]}]}
                  - {name: t1, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
                  - {name: t2, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
                vms:
                  - {name: a, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%2$s"}]}
                  - {name: c, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%3$s"}]}
                  - {name: b, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%4$s"}]}
                """.formatted(NVIDIA_OK, uuid(1), uuid(2), uuid(3));
        PlanningProblem p = TestFleets.problem(TestFleets.view(fleet), TestFleets.policy().build(), "src");
        Evacuation e = Planner.toSolution(p);
        vm(e, "b").setOption(TestFleets.option(p, "b", "t1", "0000:01:00.0"));
        List<Reassign> moves = draw(new EjectionChainMoves(), new Occupancy(e), 200);
        assertThat(moves).anySatisfy(m -> assertThat(m.toString())
                .contains("b -> b->t2").contains("a -> a->t1").contains("c -> c->t1"));
    }

    @Test
    void withNoVmToMoveThereIsNoCompoundMove() {
        // a plan can have free mdevs to decide and no VM that moves: local search still draws from these selectors
        Evacuation e = new Evacuation(new ArrayList<>(), new ArrayList<>(), List.of(), new Evacuation.Settings(0), null);
        assertThat(draw(new EjectionChainMoves(), new Occupancy(e), 10)).isEmpty();
        assertThat(draw(new SwapMoves(), new Occupancy(e), 10)).isEmpty();
    }
}
