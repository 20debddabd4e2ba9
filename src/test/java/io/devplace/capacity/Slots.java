package io.devplace.capacity;

import io.devplace.rules.Aggregation;
import io.devplace.rules.CapacitySpec;
import io.devplace.rules.TypeSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for capacity tests, and an independent brute-force slot placer to check the real one against. */
final class Slots {
    private Slots() {}

    static TypeSpec type(long size) { return new TypeSpec(null, null, "vfio-pci", null, null, size, null, null, null); }

    static TypeSpec counted(Map<String, Long> consumes, Long maxInstances, Aggregation aggregation) {
        return new TypeSpec(null, null, "vfio-pci", consumes, maxInstances, null, aggregation, null, null);
    }

    /** A slot parent whose types are named "s" + size, e.g. s2 for size 2. */
    static PackCapacity slotParent(long slots, long... sizes) {
        Map<String, TypeSpec> types = new LinkedHashMap<>();
        for (long k : sizes) types.put("s" + k, type(k));
        return new PackCapacity(new CapacitySpec(null, null, slots, null), types);
    }

    static Instance at(String type, long offset) { return new Instance("u-" + type + "@" + offset, type, 1, offset); }

    static Instance add(String type) { return Instance.added(type, 1); }

    static long sizeOf(Instance i) { return Long.parseLong(i.type().substring(1)); }

    /**
     * Every assignment of aligned offsets to {@code added}, tried exhaustively (no ordering, no symmetry breaking):
     * whether one exists that overlaps neither {@code present} nor itself.
     */
    static boolean bruteForceFits(int slots, List<Instance> present, List<Instance> added) {
        boolean[] used = new boolean[slots];
        for (Instance p : present) for (long j = p.placement(); j < p.placement() + sizeOf(p); j++) used[(int) j] = true;
        return tryAll(slots, used, added, 0);
    }

    private static boolean tryAll(int slots, boolean[] used, List<Instance> added, int i) {
        if (i == added.size()) return true;
        int k = (int) sizeOf(added.get(i));
        for (int o = 0; o + k <= slots; o += k) {
            boolean free = true;
            for (int j = o; j < o + k; j++) free &= !used[j];
            if (!free) continue;
            for (int j = o; j < o + k; j++) used[j] = true;
            boolean ok = tryAll(slots, used, added, i + 1);
            for (int j = o; j < o + k; j++) used[j] = false;
            if (ok) return true;
        }
        return false;
    }

    /** Checks that {@code placements} put every added instance aligned, in range, and clear of everything else. */
    static List<String> placementProblems(int slots, List<Instance> present, List<Instance> added, List<Long> placements) {
        List<String> problems = new ArrayList<>();
        if (placements == null || placements.size() != added.size()) {
            problems.add("expected " + added.size() + " placements, got " + placements);
            return problems;
        }
        int[] owner = new int[slots];
        java.util.Arrays.fill(owner, -1);
        for (int i = 0; i < present.size(); i++)
            for (long j = present.get(i).placement(); j < present.get(i).placement() + sizeOf(present.get(i)); j++) owner[(int) j] = 1000 + i;
        for (int i = 0; i < added.size(); i++) {
            Long o = placements.get(i);
            long k = sizeOf(added.get(i));
            if (o == null) { problems.add("added[" + i + "] has no placement"); continue; }
            if (o < 0 || o % k != 0 || o + k > slots) { problems.add("added[" + i + "] at " + o + " is not aligned to " + k + " within " + slots); continue; }
            for (long j = o; j < o + k; j++) {
                if (owner[(int) j] != -1) problems.add("added[" + i + "] at " + o + " overlaps " + owner[(int) j] + " at slot " + j);
                owner[(int) j] = i;
            }
        }
        return problems;
    }
}
