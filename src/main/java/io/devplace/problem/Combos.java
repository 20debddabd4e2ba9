package io.devplace.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The one walk over combinations of device targets (one target per source device, never one free instance twice),
 * depth first in the order the targets are given, so that a caller who orders them by preference meets the preferred
 * combination first. The problem builder collects the first few of them as options; the fit code stops at the first
 * that fits.
 */
public final class Combos {
    private Combos() {}

    /** The first {@code limit} combinations, in order. */
    public static List<List<DeviceTarget>> of(List<List<DeviceTarget>> perDevice, int limit) {
        List<List<DeviceTarget>> out = new ArrayList<>();
        first(perDevice, limit, combo -> {
            out.add(List.copyOf(combo));
            return null;
        });
        return out;
    }

    /**
     * The first non-null answer of {@code probe} over the first {@code limit} combinations, or null. The list handed
     * to {@code probe} is only valid during the call (it is reused for the next combination): copy it to keep it.
     */
    public static <R> R first(List<List<DeviceTarget>> perDevice, int limit, Function<List<DeviceTarget>, R> probe) {
        Walk<R> w = new Walk<>(perDevice, limit, probe);
        w.expand(0);
        return w.answer;
    }

    private static final class Walk<R> {
        final List<List<DeviceTarget>> perDevice;
        final int limit;
        final Function<List<DeviceTarget>, R> probe;
        final DeviceTarget[] cur;
        final List<DeviceTarget> view;
        int visited;
        R answer;

        Walk(List<List<DeviceTarget>> perDevice, int limit, Function<List<DeviceTarget>, R> probe) {
            this.perDevice = perDevice;
            this.limit = limit;
            this.probe = probe;
            this.cur = new DeviceTarget[perDevice.size()];
            this.view = Arrays.asList(cur);
        }

        /** Whether the walk is over (an answer found or the limit reached). */
        boolean expand(int i) {
            if (answer != null || visited >= limit) return true;
            if (i == cur.length) {
                visited++;
                answer = probe.apply(view);
                return answer != null || visited >= limit;
            }
            for (DeviceTarget t : perDevice.get(i)) {
                if (t.reuses() && reusedAbove(i, t.reuseUuid())) continue;
                cur[i] = t;
                if (expand(i + 1)) return true;
            }
            return false;
        }

        private boolean reusedAbove(int i, String uuid) {
            for (int k = 0; k < i; k++) if (uuid.equals(cur[k].reuseUuid())) return true;
            return false;
        }
    }
}
