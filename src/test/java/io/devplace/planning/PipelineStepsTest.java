package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.problem.FleetView;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.VmRequest;
import io.devplace.solver.Assignment;
import io.devplace.solver.Planner;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.devplace.planning.Fixtures.A16;
import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each step of the planner's pipeline on its own, on a fleet small enough to know every answer: three VMs of 2 vCPUs
 * leave {@code src}; {@code dst} has room for two of them (4 vCPUs), its GPU for all three. {@code b} has the highest
 * priority.
 */
class PipelineStepsTest {
    private static final String FLEET = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                  mdevs: [{uuid: "%2$s", type: nvidia-713}, {uuid: "%3$s", type: nvidia-713}, {uuid: "%4$s", type: nvidia-713}]}]}
              - {name: dst, cpus: 4, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
            vms:
              - {name: a, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%2$s"}]}
              - {name: b, host: src, cpus: 2, memoryMiB: 4096, priority: 5, devices: [{mdev: "%3$s"}]}
              - {name: c, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%4$s"}]}
            """.formatted(A16, uuid(1), uuid(2), uuid(3));

    private final FleetView view = Fixtures.view(FLEET);
    private final Policy pol = Fixtures.policy(Map.of());
    private final PlanningProblem problem = ProblemBuilder.build(view, new PlanRequest(List.of("src"), pol));

    private VmRequest request(String vm) { return problem.evacuees().stream().filter(r -> r.name().equals(vm)).findFirst().orElseThrow(); }

    /** The solver's answer putting the given VMs on their first option. */
    private Assignment solved(String score, String... vms) {
        Map<VmRequest, PlacementOption> chosen = new LinkedHashMap<>();
        for (String vm : vms) chosen.put(request(vm), request(vm).options().get(0));
        return new Assignment(chosen, List.of(), score, 0, true);
    }

    @Test
    void replayKeepsWhatFitsByPriorityAndDropsTheRest() {
        Placement p = Replay.of(view, solved("0hard/0medium/0soft", "a", "b", "c"), pol);
        assertThat(p.placed.keySet()).containsExactly("b", "a");
        assertThat(p.state.usedCpus("dst")).isEqualTo(4);
        assertThat(p.state.usedCpus("src")).as("c stays where it was").isEqualTo(2);
        assertThat(p.waiting(problem)).extracting(VmRequest::name).containsExactly("c");
    }

    @Test
    void firstFitPlacesTheWaitingByPriorityThenName() {
        Placement p = Replay.of(view, solved("0hard/0medium/0soft"), pol);
        assertThat(p.waiting(problem)).extracting(VmRequest::name).containsExactly("b", "a", "c");
        new FirstFitRepair().repair(problem, p);
        assertThat(p.placed.keySet()).containsExactly("b", "a");
    }

    @Test
    void sequenceGivesNewUuidsInVmNameOrderAndWavesWithinTheLimits() {
        Placement p = Replay.of(view, solved("0hard/0medium/0soft", "a", "b"), pol);
        Sequence.Sequenced seq = Sequence.of(view, p, 7L);
        UuidSource uuids = new UuidSource(7L);
        Map<String, String> uuidOf = new HashMap<>();
        for (PlannedMove m : seq.moves()) uuidOf.put(m.request().name(), m.targetUuids().get(0));
        assertThat(uuidOf).containsExactlyInAnyOrderEntriesOf(Map.of("a", uuids.next(), "b", uuids.next()));
        assertThat(seq.schedule().waveOf()).containsOnlyKeys("a", "b");
        assertThat(seq.schedule().waveOf().values()).allMatch(w -> w >= 1);
    }

    @Test
    void explainJudgesEveryCandidateHostOnTheFinalState() {
        // c would fit on dst but for b, of higher priority, that the plan moved there
        Placement p = Replay.of(view, solved("0hard/0medium/0soft", "a", "b"), pol);
        List<Plan.Unplaced> unplaced = Explain.unplaced(view, problem, Sequence.of(view, p, 7L));
        assertThat(unplaced).extracting(Plan.Unplaced::vm).containsExactly("c");
        assertThat(unplaced.get(0).reasons()).containsExactly(
                new Reason(Reason.DISPLACED_BY_PRIORITY, "dst", null, "b", "c would fit on dst but for higher-priority VMs this plan moves there (b)"));
    }

    @Test
    void scoreIsTheSolversWhenThePlanIsItsAnswerElseTheEmittedPlansOwn() {
        Assignment same = solved("solver's own", "a", "b");
        assertThat(Score.of(problem, same, Sequence.of(view, Replay.of(view, same, pol), 7L))).isEqualTo("solver's own");

        Assignment overfull = solved("solver's own", "a", "b", "c"); // c is dropped by the replay
        Sequence.Sequenced seq = Sequence.of(view, Replay.of(view, overfull, pol), 7L);
        Map<String, PlacementOption> emitted = new HashMap<>();
        for (PlannedMove m : seq.moves()) emitted.put(m.request().name(), m.option());
        assertThat(Score.of(problem, overfull, seq)).isEqualTo(Planner.scoreOf(problem, emitted, List.of())).isNotEqualTo("solver's own");
    }

    @Test
    void theRepairsAPolicyAllowsRunInOrder() {
        assertThat(Repair.of(pol)).extracting(r -> r.getClass().getSimpleName()).containsExactly("FirstFitRepair");
        Policy both = Fixtures.policy(Map.of("removeFreeMdevs", true, "allowRebalance", true));
        assertThat(Repair.of(both)).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("FirstFitRepair", "FreeMdevRepair", "RebalanceRepair");
    }

    @Test
    void freeMdevRepairRemovesOnlyTheFreeMdevThatLocksTheTarget() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%2$s", type: nvidia-713}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%3$s", type: nvidia-714}]}]}
                vms:
                  - {name: vm, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%2$s"}]}
                """.formatted(A16, uuid(1), uuid(2));
        FleetView v = Fixtures.view(yaml);
        Policy removing = Fixtures.policy(Map.of("removeFreeMdevs", true));
        PlanningProblem pr = ProblemBuilder.build(v, new PlanRequest(List.of("src"), removing));
        Placement p = Replay.of(v, new Assignment(Map.of(), List.of(), "", 0, true), removing);
        new FirstFitRepair().repair(pr, p);
        assertThat(p.placed).as("the free nvidia-714 locks dst's GPU").isEmpty();
        new FreeMdevRepair().repair(pr, p);
        assertThat(p.placed).containsOnlyKeys("vm");
        assertThat(p.removals).extracting(FreeMdev::uuid).containsExactly(uuid(2));
    }
}
