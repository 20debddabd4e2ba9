package io.devplace.whatif;

import io.devplace.capacity.Instance;
import io.devplace.capacity.ParentCapacity;
import io.devplace.problem.ParentView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Headroom by packing (docs/reference/whatif.md), always through the parent's own capacity model ({@link ParentCapacity#fit}):
 * exclusive locks, slots (with the real placement search) and counters with aggregation are all respected, so an
 * exclusive GPU locked to 8Q has no 4Q headroom however much framebuffer is free.
 *
 * <p>Per type: for each parent of each host not being emptied, how many more instances of exactly that type (no
 * attrs, aggregation 1) fit, found by adding one at a time until {@code fit} fails (a parent holds one new type at a
 * time, so this is exact), summed over parents. CPU and memory are not counted. Per template: a greedy first-fit of
 * whole VMs host by host (CPU and memory counted); exact for templates with at most one device, else a lower bound
 * unless it meets a simple upper bound.
 *
 * <p>Results are cached by capacity model and the instances on the parent (and, for templates, by host contents), so a
 * sweep recomputes only the parents and hosts its plans changed. Thread-safe.
 */
public final class Headroom {
    /** Per parent and type (and per host and template), counting stops here: some models set no bound at all. */
    public static final int CAP = 4096;

    private final Map<String, Long> parentCache = new ConcurrentHashMap<>();
    private final Map<String, long[]> hostCache = new ConcurrentHashMap<>();

    /** Template headroom: how many copies fit, and whether that is exact. */
    public record TemplateFit(long fits, boolean exact) {}

    /** For each type in {@code types}: how many more VMs each holding one new instance of it fit in {@code state}. */
    public Map<String, Long> perType(FinalState state, Iterable<String> types) {
        Map<String, Long> out = new TreeMap<>();
        for (String t : types) out.put(t, 0L);
        List<String> list = new ArrayList<>(out.keySet());
        for (FinalState.HostAfter h : state.hosts())
            for (FinalState.ParentAfter p : h.parents())
                for (String t : list) {
                    long n = maxAdd(p, t, 1);
                    if (n > 0) out.merge(t, n, Long::sum);
                }
        return out;
    }

    /** How many more instances of {@code type} with aggregation {@code agg} fit on this parent. */
    public long maxAdd(FinalState.ParentAfter pa, String type, long agg) {
        ParentCapacity cap = pa.parent().capacity();
        if (!cap.canCreate(type)) return 0;
        List<Instance> fixed = pa.fixed(), added = pa.added();
        String key = modelKey(pa.parent()) + "|" + type + "|" + agg + "|" + signature(fixed) + "|" + signature(added);
        Long hit = parentCache.get(key);
        if (hit != null) return hit;
        List<Instance> trial = new ArrayList<>(added);
        long n = 0;
        while (n < CAP) {
            trial.add(Instance.added(type, agg));
            if (!cap.fit(fixed, trial).fits()) break;
            n++;
        }
        parentCache.put(key, n);
        return n;
    }

    /** Greedy whole-VM packing of {@code template} into {@code state}, host by host in fleet order. */
    public TemplateFit template(FinalState state, WhatIf.VmTemplate template) {
        long total = 0;
        boolean exact = true;
        for (FinalState.HostAfter h : state.hosts()) {
            long[] r = onHost(h, template);
            total += r[0];
            exact &= r[1] == 1;
        }
        return new TemplateFit(total, exact);
    }

    private long[] onHost(FinalState.HostAfter h, WhatIf.VmTemplate t) {
        StringBuilder key = new StringBuilder(t.toString()).append('|').append(h.host().name()).append('|').append(h.host().cpus())
                .append('/').append(h.host().memoryMiB()).append('|').append(h.usedCpus()).append('/').append(h.usedMemoryMiB());
        for (FinalState.ParentAfter p : h.parents())
            key.append('|').append(modelKey(p.parent())).append(':').append(signature(p.fixed())).append(':').append(signature(p.added()));
        return hostCache.computeIfAbsent(key.toString(), k -> computeOnHost(h, t));
    }

    private long[] computeOnHost(FinalState.HostAfter h, WhatIf.VmTemplate t) {
        long cpu = h.freeCpus(), mem = h.freeMemoryMiB();
        List<FinalState.ParentAfter> parents = h.parents();
        Map<FinalState.ParentAfter, List<Instance>> extra = new HashMap<>();
        for (FinalState.ParentAfter p : parents) extra.put(p, new ArrayList<>(p.added()));
        long n = 0;
        outer:
        while (n < CAP) {
            if (t.cpusOrZero() > cpu || t.memoryOrZero() > mem) break;
            Map<FinalState.ParentAfter, Integer> took = new LinkedHashMap<>();
            for (WhatIf.DeviceTemplate d : t.devices()) {
                boolean placed = false;
                for (FinalState.ParentAfter p : parents) {
                    ParentCapacity cap = p.parent().capacity();
                    if (!cap.canCreate(d.type())) continue;
                    List<Instance> l = extra.get(p);
                    l.add(Instance.added(d.type(), p.parent().governed().aggregationOf(d.type(), d.attrs()), d.attrs()));
                    if (cap.fit(p.fixed(), l).fits()) {
                        took.merge(p, 1, Integer::sum);
                        placed = true;
                        break;
                    }
                    l.remove(l.size() - 1);
                }
                if (!placed) {
                    for (var e : took.entrySet()) {
                        List<Instance> l = extra.get(e.getKey());
                        for (int i = 0; i < e.getValue(); i++) l.remove(l.size() - 1);
                    }
                    break outer;
                }
            }
            cpu -= t.cpusOrZero();
            mem -= t.memoryOrZero();
            n++;
        }
        boolean exact = t.devices().size() <= 1 || n >= upperBound(h, t);
        return new long[]{n, exact ? 1 : 0};
    }

    /** A bound no packing can beat: CPU, memory, and per device kind the instances the host's parents could take alone. */
    private long upperBound(FinalState.HostAfter h, WhatIf.VmTemplate t) {
        long ub = CAP;
        if (t.cpusOrZero() > 0) ub = Math.min(ub, Math.max(0, h.freeCpus()) / t.cpusOrZero());
        if (t.memoryOrZero() > 0) ub = Math.min(ub, Math.max(0, h.freeMemoryMiB()) / t.memoryOrZero());
        Map<String, Integer> need = new LinkedHashMap<>();
        for (WhatIf.DeviceTemplate d : t.devices()) need.merge(d.type() + "\u0000" + d.attrs(), 1, Integer::sum);
        for (var e : need.entrySet()) {
            WhatIf.DeviceTemplate d = null;
            for (WhatIf.DeviceTemplate x : t.devices()) if ((x.type() + "\u0000" + x.attrs()).equals(e.getKey())) d = x;
            long sum = 0;
            for (FinalState.ParentAfter p : h.parents()) sum += maxAdd(p, d.type(), p.parent().governed().aggregationOf(d.type(), d.attrs()));
            ub = Math.min(ub, sum / e.getValue());
        }
        return ub;
    }

    /** Parents with the same pack share a capacity model; parents without a pack each have their own (observed). */
    private static String modelKey(ParentView p) {
        return p.governed().pack() != null ? "pack:" + p.governed().pack().name() : "parent:" + p.key();
    }

    private static String signature(List<Instance> list) {
        StringBuilder b = new StringBuilder();
        for (Instance i : list) {
            b.append(i.type()).append('*').append(i.aggregation());
            if (i.placement() != null) b.append('@').append(i.placement());
            b.append(',');
        }
        return b.toString();
    }
}
