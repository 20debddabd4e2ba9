package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.VmRequest;
import io.devplace.fit.FleetState;
import io.devplace.fit.Room;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slot parents with mixed sizes: the plan keeps every VM whose final placement fits, although the sequencer fixes
 * offsets one wave at a time, and the replay never accepts a slot overcommit.
 */
class SlotSequencingTest {
    /**
     * The target's free slots are {0,1,4,6,7}: size-2 at 0 and 6, size-1 at 4 is the only arrangement. With one move
     * per wave, a-one goes first (same priority, name order); at the lowest free offset (0) it used to leave no aligned
     * pair for the second size-2 VM, and the sequencer dropped it.
     */
    @Test
    void aSmallInstanceScheduledFirstLeavesRoomForTheLargerOnesOfLaterWaves() {
        String yaml = QualityBarTest.fragmentedSlots();
        Plan p = Fixtures.plan(Fixtures.view(yaml, QualityBarTest.SLOTS8), Fixtures.policy(Map.of("maxParallel", 1L)), "src");
        assertThat(p.unplaced()).isEmpty();
        assertThat(p.summary().waves()).isEqualTo(3);
        assertThat(Fixtures.move(p, "a-one").wave()).isEqualTo(1);
        assertThat(Fixtures.move(p, "a-one").devices().get(0).target().placement()).isEqualTo(4L);
        assertThat(List.of(Fixtures.move(p, "b-two").devices().get(0).target().placement(),
                Fixtures.move(p, "c-two").devices().get(0).target().placement())).containsExactlyInAnyOrder(0L, 6L);
    }

    /**
     * Two size-4 VMs leave src; dst (8 slots) already holds one size-4 instance, so only one of them fits. After the
     * replay places the first one (its offset is only chosen later, by the sequencer), the second must not fit: the
     * capacity model ignores present instances without an offset, so they have to be judged as added ones.
     */
    @Test
    void theReplayCountsInstancesItPlacedWithoutAnOffset() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, devices: [{id: p0, driver: slotty, mdevs: [
                      {uuid: "%1$s", type: slotty-4, placement: 0}, {uuid: "%2$s", type: slotty-4, placement: 4}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, devices: [{id: p0, driver: slotty, mdevs: [
                      {uuid: "%3$s", type: slotty-4, placement: 4}]}]}
                vms:
                  - {name: a, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%1$s"}]}
                  - {name: b, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%2$s"}]}
                  - {name: resident, host: dst, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%3$s"}]}
                """.formatted(uuid(1), uuid(2), uuid(3));
        FleetView view = Fixtures.view(yaml, QualityBarTest.SLOTS8);
        Policy pol = Fixtures.policy(Map.of());
        PlanningProblem problem = ProblemBuilder.build(view, new PlanRequest(List.of("src"), pol));
        PlacementOption a = onDst(problem, "a"), b = onDst(problem, "b");
        FleetState state = new FleetState(view);
        state.release(a.request().vm());
        state.release(b.request().vm());
        assertThat(Room.fits(state, a.request().vm(), a.host().host(), a.targets(), pol)).isTrue();
        state.place(a.request().vm(), a.hostName(), a.targets(), null, null);
        assertThat(Room.fits(state, b.request().vm(), b.host().host(), b.targets(), pol)).as("b after a, on 4 free slots").isFalse();

        Plan p = Fixtures.plan(view, pol, "src"); // and the whole planner emits one move and a verified plan
        assertThat(p.summary().placed()).isEqualTo(1);
    }

    private static PlacementOption onDst(PlanningProblem problem, String vm) {
        VmRequest r = problem.evacuees().stream().filter(x -> x.name().equals(vm)).findFirst().orElseThrow();
        return r.options().stream().filter(o -> o.hostName().equals("dst") && o.targets().stream().noneMatch(t -> t.reuses()))
                .findFirst().orElseThrow(() -> new AssertionError("no option on dst for " + vm));
    }
}
