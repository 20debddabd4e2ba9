package io.devplace.problem;

import java.util.ArrayList;
import java.util.List;

/** Combinations of one device target per source device, never reusing one free mdev twice, up to a limit. */
public final class Combos {
    private Combos() {}

    public static List<List<DeviceTarget>> of(List<List<DeviceTarget>> perDevice, int limit) {
        List<List<DeviceTarget>> out = new ArrayList<>();
        expand(perDevice, 0, new ArrayList<>(), out, limit);
        return out;
    }

    private static void expand(List<List<DeviceTarget>> perDevice, int i, List<DeviceTarget> cur, List<List<DeviceTarget>> out, int limit) {
        if (out.size() >= limit) return;
        if (i == perDevice.size()) { out.add(List.copyOf(cur)); return; }
        for (DeviceTarget t : perDevice.get(i)) {
            if (t.reuses() && cur.stream().anyMatch(c -> t.reuseUuid().equals(c.reuseUuid()))) continue;
            cur.add(t);
            expand(perDevice, i + 1, cur, out, limit);
            cur.remove(cur.size() - 1);
        }
    }
}
