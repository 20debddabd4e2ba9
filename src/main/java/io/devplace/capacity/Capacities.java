package io.devplace.capacity;

import io.devplace.model.InputProblem;
import io.devplace.model.Mdev;
import io.devplace.rules.GovernedParent;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.ResourceSpec;

import java.util.ArrayList;
import java.util.List;

/** Builds the capacity model of a governed parent and places its existing instances. */
public final class Capacities {
    private Capacities() {}

    public static ParentCapacity of(GovernedParent gp) {
        LoadedPack p = gp.pack();
        if (p == null) {
            java.util.Set<String> uuids = new java.util.HashSet<>();
            for (Mdev m : gp.parent().instances()) if (m.uuid() != null) uuids.add(m.uuid().toLowerCase());
            return new ObservedCapacity(gp.parent().supportedTypes(), uuids, vfBound(gp));
        }
        return new PackCapacity(p.pack().capacity(), gp.types(), vfBound(gp), offered(gp));
    }

    /**
     * The exclusive resources the parent offers, from the parent attribute its pack names; null = any. A list that
     * cannot be read offers nothing (validation reports it as invalid input, see {@link #existing}).
     */
    private static java.util.Set<String> offered(GovernedParent gp) {
        ResourceSpec rs = gp.pack().pack().capacity().resources();
        if (rs == null) return null;
        try {
            return rs.offeredBy(gp.parent().attributes());
        } catch (IllegalArgumentException e) {
            return java.util.Set.of();
        }
    }

    /** A VF-based parent holds at most one instance per VF (docs/vf.md); null for mdev parents. */
    private static Long vfBound(GovernedParent gp) {
        return gp.parent().vfBased() ? (long) gp.parent().vfs().size() : null;
    }

    /**
     * The parent's existing instances with their slot offsets (docs/reference/fleet.md): recorded placements first, then instances
     * without one at the lowest free offset their type may start at, in list order. Overlapping placements and those at
     * an offset the type may not start at (misaligned, or not in its pack's {@code placements}) are added to
     * {@code problems} (when given) with a message naming the mdev.
     */
    public static List<Instance> existing(GovernedParent gp, ParentCapacity cap, List<InputProblem> problems, String file, String path) {
        List<Instance> out = new ArrayList<>();
        List<Mdev> mdevs = gp.parent().instances();
        if (problems != null) checkResources(gp, problems, file, path);
        if (!(cap instanceof PackCapacity pc) || pc.slots() == 0) {
            for (Mdev m : mdevs) out.add(new Instance(m.uuid(), m.type(), gp.aggregationOf(m.type(), m.attrs()), null, m.attrs()));
            return out;
        }
        int s = (int) pc.slots();
        boolean[] used = new boolean[s];
        Long[] offs = new Long[mdevs.size()];
        for (int i = 0; i < mdevs.size(); i++) {
            Mdev m = mdevs.get(i);
            if (m.placement() == null) continue;
            long k = pc.sizeOf(m.type()), o = m.placement();
            String where = path + instancePath(gp.parent(), i, m.uuid()) + ".placement";
            if (!pc.allows(m.type(), o)) {
                if (problems != null) problems.add(new InputProblem(file, where, 0, 0, pc.declaredPlacements(m.type()) == null
                        ? "placement " + o + " of " + m.uuid() + " is not a multiple of its size " + k + " within " + s + " slots"
                        : "placement " + o + " of " + m.uuid() + " is not one its type " + m.type() + " may start at "
                          + pc.declaredPlacements(m.type()) + " (the pack's placements)"));
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
            for (int o : pc.offsets(m.type())) {
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
            out.add(new Instance(m.uuid(), m.type(), gp.aggregationOf(m.type(), m.attrs()), offs[i], m.attrs()));
        }
        return out;
    }

    /**
     * On a parent whose pack declares exclusive resources: the parent's list of offered resources must be readable, and
     * every value its instances write to a resource attr must be one the driver reads (else it would have refused the
     * write). Whether instances share a resource is a capacity question, judged with the other capacity overruns.
     */
    private static void checkResources(GovernedParent gp, List<InputProblem> problems, String file, String path) {
        if (gp.pack() == null || gp.pack().pack().capacity().resources() == null) return;
        ResourceSpec rs = gp.pack().pack().capacity().resources();
        try {
            rs.offeredBy(gp.parent().attributes());
        } catch (IllegalArgumentException e) {
            problems.add(new InputProblem(file, io.devplace.model.Locations.child(path + ".attributes", rs.offered().attribute()), 0, 0, e.getMessage()));
        }
        List<Mdev> mdevs = gp.parent().instances();
        for (int i = 0; i < mdevs.size(); i++)
            for (String bad : rs.held(mdevs.get(i).attrs()).unreadable())
                problems.add(new InputProblem(file, path + instancePath(gp.parent(), i, mdevs.get(i).uuid()) + ".attrs", 0, 0,
                        bad + " (pack " + gp.pack().name() + ", capacity.resources values: " + rs.values() + ")"));
    }

    /** Where instance {@code i} of the parent's instances sits in the document: {@code .mdevs[i]}, or the VF's {@code .vfs[j]}. */
    static String instancePath(io.devplace.model.ParentDevice p, int i, String id) {
        if (!p.vfBased()) return ".mdevs[" + i + "]";
        for (int j = 0; j < p.vfs().size(); j++) if (p.vfs().get(j) != null && id.equalsIgnoreCase(p.vfs().get(j).id())) return ".vfs[" + j + "]";
        return ".vfs";
    }
}
