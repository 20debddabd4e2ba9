package io.devplace.capacity;

import io.devplace.model.InputProblem;
import io.devplace.model.Mdev;
import io.devplace.rules.GovernedParent;
import io.devplace.rules.LoadedPack;

import java.util.ArrayList;
import java.util.List;

/** Builds the capacity model of a governed parent and places its existing instances. */
public final class Capacities {
    private Capacities() {}

    public static ParentCapacity of(GovernedParent gp) {
        LoadedPack p = gp.pack();
        if (p == null) {
            java.util.Set<String> uuids = new java.util.HashSet<>();
            for (Mdev m : gp.parent().mdevs()) if (m.uuid() != null) uuids.add(m.uuid().toLowerCase());
            return new ObservedCapacity(gp.parent().supportedTypes(), uuids);
        }
        return new PackCapacity(p.pack().capacity(), gp.types());
    }

    /**
     * The parent's existing instances with their slot offsets (docs/reference/fleet.md): recorded placements first, then instances
     * without one at the lowest free aligned offsets in list order. Overlapping or misaligned placements are added to
     * {@code problems} (when given) with a message naming the mdev.
     */
    public static List<Instance> existing(GovernedParent gp, ParentCapacity cap, List<InputProblem> problems, String file, String path) {
        List<Instance> out = new ArrayList<>();
        List<Mdev> mdevs = gp.parent().mdevs();
        if (!(cap instanceof PackCapacity pc) || pc.slots() == 0) {
            for (Mdev m : mdevs) out.add(new Instance(m.uuid(), m.type(), gp.aggregationOf(m.type(), m.attrs()), null));
            return out;
        }
        int s = (int) pc.slots();
        boolean[] used = new boolean[s];
        Long[] offs = new Long[mdevs.size()];
        for (int i = 0; i < mdevs.size(); i++) {
            Mdev m = mdevs.get(i);
            if (m.placement() == null) continue;
            long k = pc.sizeOf(m.type()), o = m.placement();
            String where = path + ".mdevs[" + i + "].placement";
            if (o < 0 || o % k != 0 || o > s - k) { // not o + k > s: that overflows for offsets near 2^63
                if (problems != null) problems.add(new InputProblem(file, where, 0, 0, "placement " + o + " of " + m.uuid()
                        + " is not a multiple of its size " + k + " within " + s + " slots"));
                continue;
            }
            boolean clash = false;
            for (long j = o; j < o + k; j++) clash |= used[(int) j];
            if (clash) {
                if (problems != null) problems.add(new InputProblem(file, where, 0, 0, "placement " + o + " of " + m.uuid() + " overlaps another instance"));
                continue;
            }
            for (long j = o; j < o + k; j++) used[(int) j] = true;
            offs[i] = o;
        }
        for (int i = 0; i < mdevs.size(); i++) {
            Mdev m = mdevs.get(i);
            if (m.placement() != null) continue;
            int k = (int) pc.sizeOf(m.type());
            for (int o = 0; o + k <= s; o += k) {
                boolean free = true;
                for (int j = o; j < o + k; j++) free &= !used[j];
                if (free) {
                    for (int j = o; j < o + k; j++) used[j] = true;
                    offs[i] = (long) o;
                    break;
                }
            }
        }
        for (int i = 0; i < mdevs.size(); i++) {
            Mdev m = mdevs.get(i);
            out.add(new Instance(m.uuid(), m.type(), gp.aggregationOf(m.type(), m.attrs()), offs[i]));
        }
        return out;
    }
}
