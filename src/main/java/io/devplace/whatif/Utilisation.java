package io.devplace.whatif;

import io.devplace.capacity.Instance;
import io.devplace.model.Mdev;
import io.devplace.model.SupportedType;
import io.devplace.problem.ParentView;
import io.devplace.rules.CapacitySpec;
import io.devplace.rules.TypeSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How full a parent is, as a fraction in [0, 1], from its capacity model (shown in the report's heat map).
 *
 * <p>A parent governed by a rule pack: the largest of its used fractions — each counter (consumption, aggregation
 * included, over the counter's size), the slots occupied (on slot parents), and for each type present, its instances
 * over its {@code maxInstances}, set VFs over VFs on a VF-based parent. An exclusive lock is not a fraction; a parent whose pack sets no bound at all shows 0.
 * A parent with no pack (docs/reference/rulepack.md, Parents no pack governs): its instances over the instances it had plus the observed
 * {@code availableInstances} of the type it holds (new instances first, else existing ones; the largest reported
 * availability when that type reports none); 1 when it holds instances and reports no availability at all.
 */
public final class Utilisation {
    private Utilisation() {}

    public static double of(ParentView p, List<Instance> instances) {
        if (p.governed().pack() == null) return observed(p, instances);
        CapacitySpec spec = p.governed().pack().pack().capacity();
        Map<String, TypeSpec> types = p.governed().types();
        double u = 0;
        for (var c : spec.counters().entrySet()) {
            if (c.getValue() <= 0) continue;
            long used = 0;
            for (Instance i : instances) {
                TypeSpec t = types.get(i.type());
                if (t != null) used += t.consumes().getOrDefault(c.getKey(), 0L) * Math.max(1, i.aggregation());
            }
            u = Math.max(u, (double) used / c.getValue());
        }
        if (spec.slots() > 0) {
            long used = 0;
            for (Instance i : instances) {
                TypeSpec t = types.get(i.type());
                used += t == null ? 1 : t.size();
            }
            u = Math.max(u, (double) used / spec.slots());
        }
        // a VF-based parent is as full as its VFs are set (docs/vf.md): one instance per VF
        if (p.parent().vfBased()) u = Math.max(u, (double) instances.size() / p.parent().vfs().size());
        Map<String, Long> count = new HashMap<>();
        for (Instance i : instances) count.merge(i.type(), 1L, Long::sum);
        for (var e : count.entrySet()) {
            TypeSpec t = types.get(e.getKey());
            if (t != null && t.maxInstances() != null && t.maxInstances() > 0) u = Math.max(u, (double) e.getValue() / t.maxInstances());
        }
        return Math.min(1.0, u);
    }

    private static double observed(ParentView p, List<Instance> instances) {
        if (instances.isEmpty()) return 0;
        int had = p.parent().instances().size();
        String type = null;
        for (Instance i : instances) if (i.uuid() == null || p.mdev(i.uuid()) == null) { type = i.type(); break; }
        if (type == null) for (Mdev m : p.parent().instances()) { type = m.type(); break; }
        long avail = 0;
        SupportedType st = type == null ? null : p.parent().supportedTypes().get(type);
        if (st != null && st.availableInstances() != null) avail = st.availableInstances();
        if (avail == 0) for (SupportedType s : p.parent().supportedTypes().values())
            if (s != null && s.availableInstances() != null) avail = Math.max(avail, s.availableInstances());
        long denom = had + avail;
        return denom == 0 ? 1.0 : Math.min(1.0, (double) instances.size() / denom);
    }
}
