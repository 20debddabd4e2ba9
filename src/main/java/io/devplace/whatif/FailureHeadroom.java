package io.devplace.whatif;

import io.devplace.model.Plan;
import io.devplace.problem.FleetView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-type headroom (docs/reference/whatif.md) of the single-host failures of one sweep, computed incrementally. Headroom is a sum over
 * parents of what each parent can still take, and a failure's plan changes few parents: the failed host's parents
 * count for nothing, the parents on hosts the plan touches (targets of its moves, hosts where it removes mdevs) are
 * measured again, every other parent is exactly as in the fleet before the failure. So the fleet before the failure is
 * measured once per sweep and each failure costs only what its plan touched, instead of every parent of the fleet.
 *
 * <p>The result is the same number {@link Headroom#perType} gives for the failure's full {@link FinalState}: the
 * per-parent figure comes from the same {@link Headroom#maxAdd}, and the parents not touched hold the same instances.
 * Only for sweeps without {@code add} templates (template headroom also counts CPU and memory host by host, and the
 * sweep then takes the full path).
 */
final class FailureHeadroom {
    private final Headroom headroom;
    private final List<String> types;
    /** Parent key → per type (in {@link #types} order), in the fleet before any failure. */
    private final Map<String, long[]> byParent = new HashMap<>();
    private final Map<String, List<String>> parentsByHost = new HashMap<>();
    private final long[] total;

    /** {@code before}: the sweep's fleet ({@code set}, {@code down}, {@code drain} applied) with no host failed yet. */
    FailureHeadroom(FleetView before, Headroom headroom, Set<String> types) {
        this.headroom = headroom;
        this.types = new ArrayList<>(new TreeMap<String, Long>(toZero(types)).keySet());
        this.total = new long[this.types.size()];
        for (FinalState.HostAfter h : FinalState.of(before, null, Set.of()).hosts()) {
            List<String> keys = new ArrayList<>();
            for (FinalState.ParentAfter p : h.parents()) {
                long[] v = measure(p);
                byParent.put(p.parent().key(), v);
                keys.add(p.parent().key());
                for (int i = 0; i < v.length; i++) total[i] += v[i];
            }
            parentsByHost.put(h.host().name(), keys);
        }
    }

    /** The headroom after the hosts {@code failed} went down and {@code plan} (made on {@code view}) restarted their VMs. */
    Map<String, Long> after(List<String> failed, FleetView view, Plan plan, Set<String> synthetic) {
        long[] sum = total.clone();
        Set<String> gone = new java.util.HashSet<>();
        for (String host : failed)
            for (String k : parentsByHost.getOrDefault(host, List.of())) if (gone.add(k)) subtract(sum, byParent.get(k));
        for (FinalState.HostAfter h : FinalState.touched(view, plan, synthetic).hosts()) {
            for (FinalState.ParentAfter p : h.parents()) {
                long[] old = byParent.get(p.parent().key());
                if (old != null && !gone.contains(p.parent().key())) subtract(sum, old);
                long[] now = measure(p);
                for (int i = 0; i < now.length; i++) sum[i] += now[i];
            }
        }
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < types.size(); i++) out.put(types.get(i), sum[i]);
        return out;
    }

    private long[] measure(FinalState.ParentAfter p) {
        long[] v = new long[types.size()];
        for (int i = 0; i < v.length; i++) v[i] = headroom.maxAdd(p, types.get(i), 1);
        return v;
    }

    private static void subtract(long[] sum, long[] v) {
        for (int i = 0; i < v.length; i++) sum[i] -= v[i];
    }

    private static Map<String, Long> toZero(Set<String> types) {
        Map<String, Long> m = new HashMap<>();
        for (String t : types) m.put(t, 0L);
        return m;
    }
}
