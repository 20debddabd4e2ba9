package io.devplace.capacity;

import io.devplace.rules.CapacitySpec;
import io.devplace.rules.ResourceSpec;
import io.devplace.rules.TypeSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Capacity per a rule pack (docs/reference/rulepack.md): shared counters with aggregation scaling, maxInstances, exclusive
 * type, aligned slots, exclusive resources named by attrs.
 */
public final class PackCapacity implements ParentCapacity {
    private final CapacitySpec spec;
    private final Map<String, TypeSpec> types;

    private final java.util.Set<String> creatable = new java.util.HashSet<>();
    /** Allowed start slots per type, ascending; types on the default rule share one array per size (see {@link #offsets}). */
    private final Map<String, int[]> offsets = new HashMap<>();
    private final Map<Long, int[]> aligned = new HashMap<>();
    /** VF-based parents (docs/vf.md): every instance is a VF set to a type, so at most this many instances; null = no such bound. */
    private final Long vfs;
    /** The exclusive resources this parent offers (canonical, see {@link ResourceSpec}); null = any. */
    private final java.util.Set<String> offered;

    public PackCapacity(CapacitySpec spec, Map<String, TypeSpec> types) { this(spec, types, null); }

    public PackCapacity(CapacitySpec spec, Map<String, TypeSpec> types, Long vfs) { this(spec, types, vfs, null); }

    public PackCapacity(CapacitySpec spec, Map<String, TypeSpec> types, Long vfs, java.util.Set<String> offered) {
        this.spec = spec;
        this.types = types;
        this.vfs = vfs;
        this.offered = offered;
        for (String t : types.keySet()) if (computeCanCreate(t)) creatable.add(t);
        if (spec.slots() > 0) for (var e : types.entrySet()) offsets.put(e.getKey(), computeOffsets(e.getValue()));
    }

    /**
     * The slots an instance of {@code type} may start at, ascending: the type's {@code placements} when the pack lists
     * them, otherwise every multiple of its size that leaves room for it. Types without a list share the array of their
     * size, so two types are interchangeable in a placement search exactly when they return the same array.
     */
    public int[] offsets(String type) {
        int[] o = offsets.get(type);
        return o != null ? o : alignedOffsets(sizeOf(type));
    }

    /** Whether an instance of {@code type} may start at slot {@code offset} (the fleet check of recorded placements). */
    public boolean allows(String type, long offset) {
        return offset >= 0 && offset <= Integer.MAX_VALUE && Arrays.binarySearch(offsets(type), (int) offset) >= 0;
    }

    /** The type's declared start slots as the pack lists them, or null when it declares none (every multiple of its size). */
    public List<Long> declaredPlacements(String type) {
        TypeSpec t = types.get(type);
        return t == null ? null : t.placements();
    }

    private int[] computeOffsets(TypeSpec t) {
        if (t.placements() == null) return alignedOffsets(t.size());
        return t.placements().stream().filter(o -> o != null && o >= 0 && o <= spec.slots() - t.size())
                .mapToInt(Long::intValue).sorted().distinct().toArray();
    }

    private int[] alignedOffsets(long size) {
        return aligned.computeIfAbsent(size, k -> {
            if (k <= 0 || k > spec.slots()) return new int[0];
            int n = (int) (spec.slots() / k);
            int[] a = new int[n];
            for (int i = 0; i < n; i++) a[i] = (int) (i * k);
            return a;
        });
    }

    public long slots() { return spec.slots(); }

    /** Whether instances on this parent hold exclusive resources named by their attrs ({@code capacity.resources}). */
    public boolean holdsResources() { return spec.resources() != null; }

    /** The number of VFs of a VF-based parent (a bound on its instances), or null for an mdev parent. */
    public Long vfs() { return vfs; }

    public long sizeOf(String type) {
        TypeSpec t = types.get(type);
        return t == null ? 1 : t.size();
    }

    @Override
    public boolean canCreate(String type) { return creatable.contains(type); }

    private boolean computeCanCreate(String type) {
        TypeSpec t = types.get(type);
        if (t == null) return false;
        if (t.maxInstances() != null && t.maxInstances() == 0) return false;
        if (spec.maxInstances() != null && spec.maxInstances() == 0) return false;
        if (vfs != null && vfs == 0) return false;
        for (var c : t.consumes().entrySet()) if (c.getValue() > spec.counters().getOrDefault(c.getKey(), 0L)) return false;
        return spec.slots() == 0 || t.size() <= spec.slots();
    }

    @Override
    public Fit fit(List<Instance> present, List<Instance> added) {
        long penalty = 0;
        Shortfall worst = Shortfall.NONE;
        List<String> why = new ArrayList<>();
        for (Instance i : added) {
            if (!types.containsKey(i.type())) {
                penalty += 1000;
                worst = Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
                why.add("type " + i.type() + " is not one this parent can create");
            }
        }
        if (spec.exclusiveType()) {
            String lock = null;
            for (Instance i : present) { lock = i.type(); break; }
            if (lock == null) lock = majorityType(added);
            long off = 0;
            for (Instance i : added) if (!i.type().equals(lock)) off++;
            if (off > 0) {
                penalty += 1000 * off;
                worst = Shortfall.TYPE_LOCKED;
                why.add("locked to " + lock);
            }
        }
        Map<String, Long> count = new HashMap<>();
        for (Instance i : present) count.merge(i.type(), 1L, Long::sum);
        for (Instance i : added) count.merge(i.type(), 1L, Long::sum);
        for (var e : count.entrySet()) {
            TypeSpec t = types.get(e.getKey());
            if (t != null && t.maxInstances() != null && e.getValue() > t.maxInstances()) {
                penalty += 1000 * (e.getValue() - t.maxInstances());
                if (worst == Shortfall.NONE) worst = Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
                why.add(e.getKey() + " allows at most " + t.maxInstances() + " instances");
            }
        }
        if (spec.maxInstances() != null && present.size() + added.size() > spec.maxInstances()) {
            long over = present.size() + added.size() - spec.maxInstances();
            penalty += 1000 * over;
            if (worst == Shortfall.NONE) worst = Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
            why.add("the parent allows at most " + spec.maxInstances() + " instances");
        }
        if (vfs != null && present.size() + added.size() > vfs) {
            long over = present.size() + added.size() - vfs;
            penalty += 1000 * over;
            if (worst == Shortfall.NONE) worst = Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
            why.add("no free VF: " + vfs + " VFs, " + (present.size() + added.size()) + " instances needed");
        }
        if (spec.resources() != null) {
            long clashes = resourceClashes(spec.resources(), present, added, why);
            if (clashes > 0) {
                penalty += 1000 * clashes;
                if (worst == Shortfall.NONE) worst = Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
            }
        }
        for (var c : spec.counters().entrySet()) {
            long used = 0;
            for (Instance i : present) used += consumption(i, c.getKey());
            for (Instance i : added) used += consumption(i, c.getKey());
            if (used > c.getValue()) {
                long cap = Math.max(1, c.getValue());
                penalty += 1 + (used - c.getValue()) * 1000 / cap;
                if (worst == Shortfall.NONE) worst = Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
                why.add(c.getKey() + " " + used + " of " + c.getValue());
            }
        }
        List<Long> placements = null;
        if (spec.slots() > 0) {
            placements = place(present, added);
            if (placements == null) {
                long used = 0;
                for (Instance i : present) used += sizeOf(i.type());
                for (Instance i : added) used += sizeOf(i.type());
                if (used > spec.slots()) {
                    penalty += 1000 * (used - spec.slots());
                    if (worst == Shortfall.NONE) worst = Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
                    why.add("slots " + used + " of " + spec.slots());
                } else {
                    penalty += 500;
                    if (worst == Shortfall.NONE) worst = Shortfall.FRAGMENTED;
                    why.add("free slots are not contiguous at an offset the type may start at");
                }
            }
        }
        if (worst == Shortfall.NONE) return Fit.ok(placements == null ? nulls(added.size()) : placements);
        return new Fit(worst, penalty, nulls(added.size()), String.join("; ", why));
    }

    @Override
    public long countBound(List<Instance> present, List<List<Instance>> items) {
        if (!spec.exclusiveType()) return countBound(present, items, null);
        // one type per parent: the locked type, or the best single type on an empty parent
        if (!present.isEmpty()) return countBound(present, items, present.get(0).type());
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (List<Instance> alts : items) for (Instance i : alts) seen.add(i.type());
        long best = 0;
        for (String t : seen) best = Math.max(best, countBound(present, items, t));
        return best;
    }

    /** The count bound over the alternatives of type {@code only} (null: any type). */
    private long countBound(List<Instance> present, List<List<Instance>> items, String only) {
        List<List<Instance>> usable = new ArrayList<>();
        java.util.Set<String> typesUsed = new java.util.HashSet<>();
        for (List<Instance> alts : items) {
            List<Instance> ok = new ArrayList<>();
            for (Instance i : alts) if (types.containsKey(i.type()) && (only == null || only.equals(i.type()))) ok.add(i);
            if (ok.isEmpty()) continue;
            usable.add(ok);
            for (Instance i : ok) typesUsed.add(i.type());
        }
        long bound = usable.size();
        // instance limits: each added instance takes one of its type's remaining instances
        long room = 0;
        for (String t : typesUsed) {
            Long max = types.get(t).maxInstances();
            if (max == null) { room = Long.MAX_VALUE; break; }
            long n = present.stream().filter(i -> i.type().equals(t)).count();
            room += Math.max(0, max - n);
        }
        bound = Math.min(bound, room);
        // each pool (and the slot count) on its own: the smallest demands first
        for (var c : spec.counters().entrySet()) {
            long used = 0;
            for (Instance i : present) used += consumption(i, c.getKey());
            bound = Math.min(bound, smallestFirst(usable, i -> consumption(i, c.getKey()), c.getValue() - used));
        }
        if (spec.slots() > 0) {
            long used = 0;
            for (Instance i : present) used += sizeOf(i.type());
            bound = Math.min(bound, smallestFirst(usable, i -> sizeOf(i.type()), spec.slots() - used));
        }
        return bound;
    }

    /** How many items fit {@code left} units when each takes its least demanding alternative: a bound for one pool. */
    private static long smallestFirst(List<List<Instance>> items, java.util.function.ToLongFunction<Instance> demand, long left) {
        long[] least = new long[items.size()];
        for (int k = 0; k < least.length; k++) {
            long m = Long.MAX_VALUE;
            for (Instance i : items.get(k)) m = Math.min(m, demand.applyAsLong(i));
            least[k] = m;
        }
        Arrays.sort(least);
        long n = 0;
        for (long d : least) {
            if (d > left) break;
            left -= d;
            n++;
        }
        return n;
    }

    /** The most clashes a detail names one by one; the rest are counted. */
    private static final int NAMED_CLASHES = 3;

    /**
     * The added instances' claims on exclusive resources: each resource one added instance holds must be offered by
     * the parent (when it says what it offers), held by no present instance and by no other added one, and every value
     * must be one the driver reads. Returns the number of failed claims; names the first few in {@code why}.
     */
    private long resourceClashes(ResourceSpec rs, List<Instance> present, List<Instance> added, List<String> why) {
        Map<String, String> holder = new HashMap<>();
        for (Instance i : present) for (String r : rs.held(i.attrs()).resources()) holder.putIfAbsent(r, holderName(i));
        long clashes = 0;
        List<String> named = new ArrayList<>();
        for (Instance i : added) {
            ResourceSpec.Held h = rs.held(i.attrs());
            for (String bad : h.unreadable()) {
                clashes++;
                named.add(bad);
            }
            for (String r : h.resources()) {
                if (offered != null && !offered.contains(r)) {
                    clashes++;
                    named.add(rs.describe(r) + " is not one this parent offers (attribute " + rs.offered().attribute() + ")");
                }
                String prev = holder.putIfAbsent(r, holderName(i));
                if (prev != null) {
                    clashes++;
                    named.add(rs.describe(r) + " is held by " + prev);
                }
            }
        }
        for (int k = 0; k < Math.min(NAMED_CLASHES, named.size()); k++) why.add(named.get(k));
        if (named.size() > NAMED_CLASHES) why.add((named.size() - NAMED_CLASHES) + " more " + rs.name() + " claim(s) fail");
        return clashes;
    }

    private static String holderName(Instance i) {
        return i.uuid() == null ? "another new " + i.type() + " instance" : "mdev " + i.uuid();
    }

    private static List<Long> nulls(int n) {
        List<Long> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(null);
        return l;
    }

    private long consumption(Instance i, String counter) {
        TypeSpec t = types.get(i.type());
        if (t == null) return 0;
        return t.consumes().getOrDefault(counter, 0L) * Math.max(1, i.aggregation());
    }

    private static String majorityType(List<Instance> added) {
        Map<String, Integer> n = new HashMap<>();
        String best = null;
        for (Instance i : added) {
            int c = n.merge(i.type(), 1, Integer::sum);
            if (best == null || c > n.get(best) || (c == n.get(best) && i.type().compareTo(best) < 0)) best = i.type();
        }
        return best;
    }

    /**
     * A real placement search: every added instance gets {@code size} contiguous slots starting at one of its
     * {@link #offsets allowed offsets}, around the fixed present ones. Largest first with backtracking; lowest offsets first, so results are stable.
     */
    List<Long> place(List<Instance> present, List<Instance> added) {
        int s = spec.slots().intValue();
        boolean[] used = new boolean[s];
        for (Instance i : present) {
            if (i.placement() == null) continue;
            int k = (int) sizeOf(i.type());
            for (int j = 0; j < k && i.placement() + j < s; j++) used[(int) (i.placement() + j)] = true;
        }
        Integer[] order = new Integer[added.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // largest first; same-type instances next to each other, so the symmetry breaking below applies to them
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(sizeOf(added.get(b).type()), sizeOf(added.get(a).type()));
            return c != 0 ? c : added.get(a).type().compareTo(added.get(b).type());
        });
        long[] out = new long[added.size()];
        if (!backtrack(order, 0, added, used, out, new int[]{0})) return null;
        List<Long> res = new ArrayList<>();
        for (long o : out) res.add(o);
        return res;
    }

    private boolean backtrack(Integer[] order, int i, List<Instance> added, boolean[] used, long[] out, int[] budget) {
        if (i == order.length) return true;
        if (++budget[0] > 200_000) return false; // pathological inputs: report as not placeable rather than hang
        String type = added.get(order[i]).type();
        int k = (int) sizeOf(type);
        if (k <= 0 || k > used.length) return false;
        int[] allowed = offsets(type);
        // instances with the same size and offsets are interchangeable: only try offsets after the previous one's
        // (symmetry breaking)
        int start = 0;
        if (i > 0) {
            String prev = added.get(order[i - 1]).type();
            if (sizeOf(prev) == k && offsets(prev) == allowed) start = (int) out[order[i - 1]] + k;
        }
        for (int off : allowed) {
            if (off < start) continue;
            boolean free = true;
            for (int j = off; j < off + k; j++) if (used[j]) { free = false; break; }
            if (!free) continue;
            for (int j = off; j < off + k; j++) used[j] = true;
            out[order[i]] = off;
            if (backtrack(order, i + 1, added, used, out, budget)) return true;
            for (int j = off; j < off + k; j++) used[j] = false;
        }
        return false;
    }
}
