package io.devplace.planning;

import io.devplace.sequence.Schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scheduled moves in plan order: by wave, then by VM name. One order for the plan's moves, its actions and the
 * choice of VFs, so that the VF a configure-vf action names is the one the move lists.
 */
final class WaveOrder {
    private WaveOrder() {}

    /** Every scheduled move, wave by wave, by VM name within a wave. */
    static List<PlannedMove> all(Schedule schedule, List<PlannedMove> scheduled) {
        List<PlannedMove> out = new ArrayList<>(scheduled);
        out.sort(Comparator.comparingInt((PlannedMove m) -> wave(schedule, m)).thenComparing(m -> m.request().name()));
        return out;
    }

    /** Element w - 1 holds the moves of wave w (1 ≤ w ≤ waves), in plan order. */
    static List<List<PlannedMove>> byWave(Schedule schedule, List<PlannedMove> scheduled) {
        List<List<PlannedMove>> out = new ArrayList<>();
        for (int w = 1; w <= schedule.waves(); w++) out.add(new ArrayList<>());
        for (PlannedMove m : all(schedule, scheduled)) out.get(wave(schedule, m) - 1).add(m);
        return out;
    }

    private static int wave(Schedule schedule, PlannedMove m) { return schedule.waveOf().get(m.request().name()); }
}
