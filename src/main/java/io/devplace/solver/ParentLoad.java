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

    /** 0 when the claims fit; otherwise the capacity model's penalty. Claims that only free room never violate. */
    static long violation(ParentView parent, List<ParentClaim> claims) {
        List<Instance> added = new ArrayList<>();
        for (ParentClaim c : claims) if (c.kind() == ParentClaim.Kind.ADD) added.add(c.asAdded());
        if (added.isEmpty()) return 0;
        return parent.capacity().fit(present(parent, claims), added).penalty();
    }

    static boolean opensEmptyParent(ParentView parent, List<ParentClaim> claims) {
        boolean adds = false;
        for (ParentClaim c : claims) adds |= c.kind() == ParentClaim.Kind.ADD || c.kind() == ParentClaim.Kind.REUSE;
        return adds && present(parent, claims).stream().allMatch(i -> isReused(i, claims));
    }

    static long instancesAfter(ParentView parent, List<ParentClaim> claims) {
        long n = present(parent, claims).size();
        for (ParentClaim c : claims) if (c.kind() == ParentClaim.Kind.ADD) n++;
        return n;
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
