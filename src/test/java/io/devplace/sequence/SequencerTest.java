package io.devplace.sequence;

import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.model.MoveMode;
import io.devplace.rules.CapacitySpec;
import io.devplace.rules.TypeSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Waves keep every intermediate state feasible, respect the limits, and break cycles instead of emitting them. */
class SequencerTest {
    /** One-instance parents: a move onto an occupied parent must wait for its occupant to leave. */
    private static final PackCapacity ONE = new PackCapacity(new CapacitySpec(Map.of("n", 1L), "none", 0L, null),
            Map.of("t", new TypeSpec(null, null, "vfio-pci", Map.of("n", 1L), null, null, null, null, null)));

    private static SeqParent parent(String key, String... uuids) {
        List<Instance> l = new ArrayList<>();
        for (String u : uuids) l.add(new Instance(u, "t", 1, null));
        return new SeqParent(key, ONE, l);
    }

    private static SeqHost host(String name, long maxIn) { return new SeqHost(name, 100, 100_000, 0, 0, maxIn, maxIn, false); }

    private static SeqMove move(String vm, String from, String srcParent, String srcUuid, String to, String dstParent, long prio) {
        return new SeqMove(vm, MoveMode.LIVE, from, to, 1, 1, prio,
                List.of(new SeqDevice(srcParent, srcUuid, dstParent, "t", 1, null, vm + "-new", List.of())));
    }

    @Test
    void aMoveWaitsForTheVmThatFreesItsTarget() {
        // a: h1/p -> h2/q (q is free); b: h3/r -> h1/p (p is held by a until a's wave ends)
        Sequencer s = new Sequencer(List.of(parent("h1/p", "ua"), parent("h2/q"), parent("h3/r", "ub")),
                List.of(host("h1", 5), host("h2", 5), host("h3", 5)), 5);
        Schedule out = s.schedule(List.of(), List.of(move("b", "h3", "h3/r", "ub", "h1", "h1/p", 9), move("a", "h1", "h1/p", "ua", "h2", "h2/q", 0)));
        assertThat(out.dropped()).isEmpty();
        assertThat(out.waveOf().get("a")).isEqualTo(1);
        assertThat(out.waveOf().get("b")).isEqualTo(2);
        assertThat(out.waves()).isEqualTo(2);
    }

    @Test
    void maxParallelAndPerHostLimitsSplitWaves() {
        List<SeqParent> parents = new ArrayList<>();
        List<SeqMove> moves = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            parents.add(parent("src/p" + i, "u" + i));
            parents.add(parent("dst/p" + i));
            moves.add(move("v" + i, "src", "src/p" + i, "u" + i, "dst", "dst/p" + i, 0));
        }
        Schedule limited = new Sequencer(parents, List.of(host("src", 2), host("dst", 2)), 5).schedule(List.of(), moves);
        assertThat(limited.waves()).isEqualTo(3); // 2 inbound per wave
        Schedule parallel = new Sequencer(parents, List.of(host("src", 10), host("dst", 10)), 4).schedule(List.of(), moves);
        assertThat(parallel.waves()).isEqualTo(2); // 4 per wave cluster-wide
    }

    @Test
    void aSwapCycleIsBrokenNotEmitted() {
        // a: h1/p -> h2/q, b: h2/q -> h1/p; both parents full: neither can start first
        Sequencer s = new Sequencer(List.of(parent("h1/p", "ua"), parent("h2/q", "ub")), List.of(host("h1", 5), host("h2", 5)), 5);
        Schedule out = s.schedule(List.of(), List.of(move("a", "h1", "h1/p", "ua", "h2", "h2/q", 5), move("b", "h2", "h2/q", "ub", "h1", "h1/p", 1)));
        assertThat(out.dropped()).extracting(SeqMove::vm).containsExactly("b", "a");
        assertThat(out.scheduled()).isEmpty();
    }

    @Test
    void freeMdevRemovalsInWaveZeroMakeRoom() {
        Sequencer s = new Sequencer(List.of(parent("h1/p", "free"), parent("h2/q", "ua")), List.of(host("h1", 5), host("h2", 5)), 5);
        Schedule out = s.schedule(List.<String[]>of(new String[]{"h1/p", "free"}), List.of(move("a", "h2", "h2/q", "ua", "h1", "h1/p", 0)));
        assertThat(out.waveOf()).containsEntry("a", 1);
    }

    /** Eight slots, sizes 1 and 2, no counters: only the slot arrangement limits what fits. */
    private static final PackCapacity SLOTS8 = new PackCapacity(new CapacitySpec(Map.of(), "none", 8L, null), Map.of(
            "s1", new TypeSpec(null, null, "vfio-pci", Map.of(), null, 1L, null, null, null),
            "s2", new TypeSpec(null, null, "vfio-pci", Map.of(), null, 2L, null, null, null),
            "s4", new TypeSpec(null, null, "vfio-pci", Map.of(), null, 4L, null, null, null)));

    private static SeqMove slotMove(String vm, String srcUuid, String type, long prio) {
        return new SeqMove(vm, MoveMode.LIVE, "src", "dst", 1, 1, prio, List.of(new SeqDevice("src/p", srcUuid, "dst/p", type, 1, null, vm + "-new", List.of())));
    }

    @Test
    void offsetsChosenWaveByWaveLeaveRoomForTheInstancesOfLaterWaves() {
        // dst holds slots 2-3 and 5: free {0,1,4,6,7}. One move per wave, the size-1 VM first (higher priority).
        // Lowest free offset would put it at 0 and strand one size-2 VM; the final set fits only as 1@4, 2@0, 2@6.
        SeqParent src = new SeqParent("src/p", SLOTS8, List.of(new Instance("u1", "s1", 1, 0L), new Instance("u2", "s2", 1, 2L),
                new Instance("u3", "s2", 1, 4L)));
        SeqParent dst = new SeqParent("dst/p", SLOTS8, List.of(new Instance("r1", "s2", 1, 2L), new Instance("r2", "s1", 1, 5L)));
        Schedule out = new Sequencer(List.of(src, dst), List.of(host("src", 5), host("dst", 5)), 1)
                .schedule(List.of(), List.of(slotMove("one", "u1", "s1", 9), slotMove("two-a", "u2", "s2", 0), slotMove("two-b", "u3", "s2", 0)));
        assertThat(out.dropped()).isEmpty();
        assertThat(out.waveOf()).containsEntry("one", 1);
        assertThat(out.placementOf()).containsEntry("one-new", 4L);
        assertThat(List.of(out.placementOf().get("two-a-new"), out.placementOf().get("two-b-new"))).containsExactlyInAnyOrder(0L, 6L);
    }

    @Test
    void anArrivalWaitsForASourceToLeaveRatherThanStrandALaterOne() {
        // dst: "res" (size 2 at 0) leaves for "away"; "st" (size 2 at 2) stays; 4-7 free. "small" (size 2, first by
        // priority) and then "big" (size 4) arrive, one move per wave. Final set: small@0, st@2, big@4. Taking 4 or 6
        // at once would strand big; small waits until res has left, and never overlaps it while it is still there.
        SeqParent dst = new SeqParent("dst/p", SLOTS8, List.of(new Instance("res", "s2", 1, 0L), new Instance("st", "s2", 1, 2L)));
        SeqParent src = new SeqParent("src/p", SLOTS8, List.of(new Instance("u2", "s2", 1, 0L), new Instance("u4", "s4", 1, 4L)));
        SeqParent away = new SeqParent("away/p", SLOTS8, List.of());
        SeqMove leave = new SeqMove("leave", MoveMode.LIVE, "dst", "away", 1, 1, 0,
                List.of(new SeqDevice("dst/p", "res", "away/p", "s2", 1, null, "leave-new", List.of())));
        Schedule out = new Sequencer(List.of(src, dst, away), List.of(host("src", 5), host("dst", 5), host("away", 5)), 1)
                .schedule(List.of(), List.of(slotMove("small", "u2", "s2", 9), slotMove("big", "u4", "s4", 5), leave));
        assertThat(out.dropped()).isEmpty();
        assertThat(out.waveOf().get("small")).isGreaterThan(out.waveOf().get("leave"));
        assertThat(out.placementOf()).containsEntry("small-new", 0L).containsEntry("big-new", 4L);
    }
}
