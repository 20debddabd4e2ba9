package io.devplace.sequence;

import java.util.Arrays;
import java.util.List;

/**
 * Slot offsets (each one its type may start at) for the new instances a wave creates on one slot parent, chosen so that the instances still to come
 * (later waves) fit too. Picking the lowest free offset per wave is not enough on mixed-size parents: a small
 * instance placed early at offset 0 can split the only aligned run a later large one needs, although the parent's
 * final set of instances fits. So the search places the wave's instances ("now") and the later ones together:
 * now-instances must avoid every instance present at this moment (including sources that leave only when their wave
 * ends, docs/reference/plan.md, check 3); later ones only the instances that stay. Only the now-offsets are kept: the later ones are
 * chosen again when their wave comes.
 */
final class FinalSlots {
    /** Beyond this many search steps, report "no joint placement" and let the caller fall back (never hang). */
    private static final int BUDGET = 20_000;

    private FinalSlots() {}

    /** What the search needs of an instance: its size in slots and the slots it may start at, ascending. */
    record Shape(int size, int[] offsets) {}

    /**
     * @param staying  occupied by instances that stay until the end (true = taken)
     * @param leaving  occupied now by instances that leave in some wave (sources still present)
     * @param now      shapes of the instances this wave creates, in the caller's order
     * @param later    shapes of the instances pending moves will create on this parent afterwards
     * @return the offset of each now-instance (in the order given), or null when no joint placement was found
     */
    static long[] place(boolean[] staying, boolean[] leaving, List<Shape> now, List<Shape> later) {
        int n = now.size(), total = n + later.size();
        int[] size = new int[total];
        int[][] offsets = new int[total][];
        boolean[] isNow = new boolean[total];
        for (int i = 0; i < total; i++) {
            Shape sh = i < n ? now.get(i) : later.get(i - n);
            size[i] = sh.size();
            offsets[i] = sh.offsets();
            isNow[i] = i < n;
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) order[i] = i;
        // largest first (the hardest to fit); at equal size, now-instances first: they have the stricter constraint;
        // then grouped by offset list, so that interchangeable instances are neighbours (symmetry breaking below)
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a])
                : isNow[a] != isNow[b] ? Boolean.compare(isNow[b], isNow[a])
                : Integer.compare(System.identityHashCode(offsets[a]), System.identityHashCode(offsets[b])));
        boolean[] taken = staying.clone();
        int[] out = new int[total];
        if (!search(order, 0, size, offsets, isNow, taken, leaving, out, new int[]{0})) return null;
        long[] res = new long[n];
        for (int i = 0; i < n; i++) res[i] = out[i];
        return res;
    }

    private static boolean search(Integer[] order, int i, int[] size, int[][] offsets, boolean[] isNow, boolean[] taken,
                                  boolean[] leaving, int[] out, int[] budget) {
        if (i == order.length) return true;
        if (++budget[0] > BUDGET) return false;
        int x = order[i], k = size[x];
        if (k <= 0 || k > taken.length) return false;
        // equal size, offsets and kind are interchangeable: only offsets after the previous one's (symmetry breaking)
        int start = 0;
        if (i > 0) {
            int p = order[i - 1];
            if (size[p] == k && offsets[p] == offsets[x] && isNow[p] == isNow[x]) start = out[p] + k;
        }
        for (int off : offsets[x]) {
            if (off < start || off + k > taken.length) continue;
            boolean free = true;
            for (int j = off; j < off + k && free; j++) free = !taken[j] && !(isNow[x] && leaving[j]);
            if (!free) continue;
            for (int j = off; j < off + k; j++) taken[j] = true;
            out[x] = off;
            if (search(order, i + 1, size, offsets, isNow, taken, leaving, out, budget)) return true;
            for (int j = off; j < off + k; j++) taken[j] = false;
        }
        return false;
    }
}
