package io.devplace.planning;

import io.devplace.model.MoveMode;
import io.devplace.model.Vf;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.ParentView;
import io.devplace.sequence.Schedule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the VF each new instance on a VF-based parent is configured on (docs/vf.md), once the waves are known: a VF
 * is free when it is set to no type, or once the VF holding it has been reset (wave 0 for free instances removed to
 * make room, the end of its move's wave for a moved VM's source). Capacity already bounds the instances per parent by
 * its VFs in every intermediate state, so a free VF is always there; the lowest free address in the fleet's order is
 * taken, which keeps plans stable.
 */
final class VfAssigner {
    private VfAssigner() {}

    /** Placeholder id of each new VF instance → the address of the VF it is configured on. */
    static Map<String, String> assign(List<FreeMdev> removals, Schedule schedule, List<PlannedMove> scheduled) {
        Map<String, Deque<String>> free = new HashMap<>();
        Map<String, String> out = new HashMap<>();
        for (FreeMdev f : removals) if (f.parent().parent().vfBased()) freeList(free, f.parent()).addLast(f.uuid());
        List<List<PlannedMove>> waves = WaveOrder.byWave(schedule, scheduled);
        for (int w = 1; w <= waves.size(); w++) {
            List<PlannedMove> in = waves.get(w - 1);
            for (PlannedMove m : in) {
                List<DeviceTarget> ts = m.option().targets();
                for (int i = 0; i < ts.size(); i++) {
                    DeviceTarget t = ts.get(i);
                    if (t.reuses() || !t.parent().parent().vfBased()) continue;
                    String vf = freeList(free, t.parent()).pollFirst();
                    if (vf == null) throw new IllegalStateException("no free VF on " + t.parent().key() + " in wave " + w);
                    out.put(m.targetUuids().get(i), vf);
                }
            }
            for (PlannedMove m : in) {
                if (m.request().mode() == MoveMode.RESTART) continue; // the host is gone: nothing is reset there
                for (DeviceTarget t : m.option().targets())
                    if (t.source().parent().parent().vfBased()) freeList(free, t.source().parent()).addLast(t.source().mdev().uuid());
            }
        }
        return out;
    }

    private static Deque<String> freeList(Map<String, Deque<String>> free, ParentView p) {
        return free.computeIfAbsent(p.key(), k -> {
            Deque<String> d = new ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            for (Vf v : p.parent().vfs()) if (!v.configured() && seen.add(v.id().toLowerCase())) d.addLast(v.id());
            return d;
        });
    }
}
