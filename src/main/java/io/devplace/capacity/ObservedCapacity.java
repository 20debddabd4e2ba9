package io.devplace.capacity;

import io.devplace.model.SupportedType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conservative model for a parent no rule pack governs (docs/reference/rulepack.md): observed availableInstances already account
 * for what exists, so at most that many new instances of one type, and only one new type per parent.
 */
public final class ObservedCapacity implements ParentCapacity {
    private final Map<String, SupportedType> supported;
    /** UUIDs (lower case) of the parent's existing instances; a present instance not among them is new. Null: all are existing. */
    private final Set<String> existing;

    public ObservedCapacity(Map<String, SupportedType> supported) { this(supported, null); }

    /** VF-based parents: at most this many instances in all (one per VF); null = no such bound. */
    private final Long vfs;

    public ObservedCapacity(Map<String, SupportedType> supported, Set<String> existingUuids) { this(supported, existingUuids, null); }

    public ObservedCapacity(Map<String, SupportedType> supported, Set<String> existingUuids, Long vfs) {
        this.supported = supported;
        this.existing = existingUuids;
        this.vfs = vfs;
    }

    @Override
    public boolean canCreate(String type) {
        SupportedType t = supported.get(type);
        return t != null && t.availableInstances() != null && t.availableInstances() > 0;
    }

    @Override
    public long countBound(List<Instance> present, List<List<Instance>> items) {
        // as fit: new instances of one type only, at most its observed availableInstances, created ones included
        String lock = null;
        long fresh = 0;
        for (Instance i : present) {
            if (existing == null || (i.uuid() != null && existing.contains(i.uuid().toLowerCase()))) continue;
            if (lock != null && !lock.equals(i.type())) return 0;
            lock = i.type();
            fresh++;
        }
        Map<String, Long> wanting = new java.util.TreeMap<>();
        for (List<Instance> alts : items)
            for (String t : alts.stream().map(Instance::type).distinct().toList()) wanting.merge(t, 1L, Long::sum);
        long best = 0;
        for (var e : wanting.entrySet()) {
            if (lock != null && !lock.equals(e.getKey())) continue;
            SupportedType t = supported.get(e.getKey());
            long avail = t == null || t.availableInstances() == null ? 0 : t.availableInstances();
            best = Math.max(best, Math.min(e.getValue(), Math.max(0, avail - fresh)));
        }
        return best;
    }

    @Override
    public Fit fit(List<Instance> present, List<Instance> added) {
        List<Long> nulls = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) nulls.add(null);
        if (added.isEmpty()) return Fit.ok(nulls);
        // instances created earlier in a plan (present, but not existing) count as new ones too
        List<Instance> fresh = new ArrayList<>();
        if (existing != null)
            for (Instance i : present) if (i.uuid() == null || !existing.contains(i.uuid().toLowerCase())) fresh.add(i);
        fresh.addAll(added);
        String type = fresh.get(0).type();
        long other = fresh.stream().filter(i -> !i.type().equals(type)).count();
        if (other > 0)
            return new Fit(Shortfall.TYPE_LOCKED, 1000 * other, nulls, "no rule pack: only one new type per parent");
        SupportedType t = supported.get(type);
        long avail = t == null || t.availableInstances() == null ? 0 : t.availableInstances();
        if (vfs != null && present.size() + added.size() > vfs)
            return new Fit(Shortfall.INSUFFICIENT_DEVICE_CAPACITY, 1000 * (present.size() + added.size() - vfs), nulls,
                    "no free VF: " + vfs + " VFs, " + (present.size() + added.size()) + " instances needed");
        if (fresh.size() > avail)
            return new Fit(Shortfall.INSUFFICIENT_DEVICE_CAPACITY, 1000 * (fresh.size() - avail), nulls,
                    "no rule pack: " + avail + " available instances of " + type + " observed");
        return Fit.ok(nulls);
    }
}
