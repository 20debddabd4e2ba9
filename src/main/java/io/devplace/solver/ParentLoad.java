package io.devplace.solver;

import io.devplace.capacity.Instance;
import io.devplace.problem.ParentClaim;
import io.devplace.problem.ParentView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A parent's final state under a set of claims, judged by the one capacity implementation. */
final class ParentLoad {
    private ParentLoad() {}

    /** The three parent constraints' views of one parent, from one pass over its claims. */
    record Totals(long violation, boolean opensEmpty, long spreadCost) {
        static final Totals NONE = new Totals(0, false, 0);
    }

    static Totals totals(ParentView parent, List<ParentClaim> claims) {
        return CountedParent.applies(parent) ? CountedParent.totals(parent, claims) : fitted(parent, claims);
    }

    /** {@link #totals} by the capacity model's own fit: any parent, allocating lists on the way. */
    static Totals fitted(ParentView parent, List<ParentClaim> claims) {
        boolean adds = false, reuses = false;
        for (ParentClaim c : claims) {
            adds |= c.kind() == ParentClaim.Kind.ADD;
            reuses |= c.kind() == ParentClaim.Kind.REUSE;
        }
        List<Instance> present = present(parent, claims);
        return new Totals(adds ? violation(parent, present, claims) : 0,
                (adds || reuses) && allReused(present, claims), spreadCost(present, claims));
    }

    private static long violation(ParentView parent, List<Instance> present, List<ParentClaim> claims) {
        List<Instance> added = new ArrayList<>();
        for (ParentClaim c : claims) if (c.kind() == ParentClaim.Kind.ADD) added.add(c.asAdded());
        return added.isEmpty() ? 0 : parent.capacity().fit(present, added).penalty();
    }

    private static boolean allReused(List<Instance> present, List<ParentClaim> claims) {
        for (Instance i : present) if (!isReused(i, claims)) return false;
        return true;
    }

    /**
     * What the new instances add to this parent's share of Σ instances²: after² − before², where before is what
     * remains of the existing instances. Only the growth counts: a parent's existing load is the same whichever
     * parents the plan picks, so counting it would make one loaded GPU taking two VMs look cheaper than two equally
     * loaded GPUs taking one each. A parent that only loses instances (releases, removals) costs 0.
     */
    private static long spreadCost(List<Instance> present, List<ParentClaim> claims) {
        long before = present.size(), after = before;
        for (ParentClaim c : claims) if (c.kind() == ParentClaim.Kind.ADD) after++;
        return after * after - before * before;
    }

    private static boolean isReused(Instance i, List<ParentClaim> claims) {
        for (ParentClaim c : claims) if (c.kind() == ParentClaim.Kind.REUSE && c.uuid().equalsIgnoreCase(i.uuid())) return true;
        return false;
    }

    /** Existing instances minus those released by moving VMs and those removed. */
    static List<Instance> present(ParentView parent, List<ParentClaim> claims) {
        Set<String> gone = new HashSet<>();
        for (ParentClaim c : claims)
            if (c.kind() == ParentClaim.Kind.RELEASE || c.kind() == ParentClaim.Kind.REMOVE) gone.add(c.uuid().toLowerCase());
        if (gone.isEmpty()) return parent.existing();
        List<Instance> out = new ArrayList<>();
        for (Instance i : parent.existing()) if (!gone.contains(i.uuid().toLowerCase())) out.add(i);
        return out;
    }
}
