package io.devplace.solver;

import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.problem.ParentClaim;
import io.devplace.problem.ParentView;
import io.devplace.rules.CapacitySpec;
import io.devplace.rules.TypeSpec;

import java.util.List;
import java.util.Map;

/**
 * {@link ParentLoad.Totals} of a rule-pack parent without slots (counters, instance limits, exclusive type: A16,
 * GVT-g, VFs...), without building lists or a {@code Fit}: the solver judges a touched parent on every move it
 * evaluates, and allocating there was most of the cost. It must give exactly {@link PackCapacity#fit}'s penalty;
 * {@code CountedParentTest} compares the two on random claim sets. Slot parents need the real placement search and
 * parents no pack governs have an order-dependent model: both keep the general path.
 */
final class CountedParent {
    private CountedParent() {}

    /** Whether {@code parent}'s capacity is one this class reproduces. */
    static boolean applies(ParentView parent) {
        // VF-based parents add a bound on the number of instances (one per VF): they keep the general path
        // parents whose instances hold exclusive resources (capacity.resources) need the instances' attrs: general path too
        return parent.capacity() instanceof PackCapacity pc && pc.slots() == 0 && pc.vfs() == null && !pc.holdsResources()
                && parent.governed().pack() != null;
    }

    static ParentLoad.Totals totals(ParentView parent, List<ParentClaim> claims) {
        int adds = 0, reuses = 0, gone = 0;
        for (int i = 0; i < claims.size(); i++) {
            switch (claims.get(i).kind()) {
                case ADD -> adds++;
                case REUSE -> reuses++;
                default -> gone++;
            }
        }
        List<Instance> existing = parent.existing();
        int present = 0;
        boolean allReused = true;
        for (int i = 0; i < existing.size(); i++) {
            Instance e = existing.get(i);
            if (gone > 0 && isGone(e, claims)) continue;
            present++;
            if (allReused && !isReused(e, claims)) allReused = false;
        }
        long after = present + adds;
        long violation = adds == 0 ? 0 : penalty(parent, existing, claims, gone > 0, adds);
        return new ParentLoad.Totals(violation, (adds > 0 || reuses > 0) && allReused, after * after - (long) present * present);
    }

    /** {@link PackCapacity#fit}'s penalty for the present instances and the added ones, term by term. */
    private static long penalty(ParentView parent, List<Instance> existing, List<ParentClaim> claims, boolean anyGone, int adds) {
        var pack = parent.governed().pack().pack();
        CapacitySpec spec = pack.capacity();
        Map<String, TypeSpec> types = parent.governed().types(); // the ids this parent uses
        long penalty = 0;
        for (int i = 0; i < claims.size(); i++) {
            ParentClaim c = claims.get(i);
            if (c.kind() == ParentClaim.Kind.ADD && !types.containsKey(c.type())) penalty += 1000;
        }
        if (spec.exclusiveType()) {
            String lock = null;
            for (int i = 0; i < existing.size() && lock == null; i++)
                if (!anyGone || !isGone(existing.get(i), claims)) lock = existing.get(i).type();
            if (lock == null) lock = majorityAddedType(claims);
            penalty += 1000L * (adds - countAdded(claims, lock));
        }
        for (var t : types.entrySet()) {
            Long max = t.getValue().maxInstances();
            if (max == null) continue;
            long n = countAdded(claims, t.getKey());
            for (int i = 0; i < existing.size(); i++) {
                Instance e = existing.get(i);
                if (e.type().equals(t.getKey()) && (!anyGone || !isGone(e, claims))) n++;
            }
            if (n > max) penalty += 1000 * (n - max);
        }
        if (spec.maxInstances() != null) { // the parent-level cap (PackCapacity: "at most N instances")
            long n = adds;
            for (int i = 0; i < existing.size(); i++) if (!anyGone || !isGone(existing.get(i), claims)) n++;
            if (n > spec.maxInstances()) penalty += 1000 * (n - spec.maxInstances());
        }
        for (var counter : spec.counters().entrySet()) {
            String name = counter.getKey();
            long used = 0;
            for (int i = 0; i < existing.size(); i++) {
                Instance e = existing.get(i);
                if (!anyGone || !isGone(e, claims)) used += consumption(types, e.type(), e.aggregation(), name);
            }
            for (int i = 0; i < claims.size(); i++) {
                ParentClaim c = claims.get(i);
                if (c.kind() == ParentClaim.Kind.ADD) used += consumption(types, c.type(), c.aggregation(), name);
            }
            if (used > counter.getValue()) {
                long cap = Math.max(1, counter.getValue());
                penalty += 1 + (used - counter.getValue()) * 1000 / cap;
            }
        }
        return penalty;
    }

    private static long consumption(Map<String, TypeSpec> types, String type, long aggregation, String counter) {
        TypeSpec t = types.get(type);
        if (t == null) return 0;
        return t.consumes().getOrDefault(counter, 0L) * Math.max(1, aggregation);
    }

    private static int countAdded(List<ParentClaim> claims, String type) {
        int n = 0;
        for (int i = 0; i < claims.size(); i++) {
            ParentClaim c = claims.get(i);
            if (c.kind() == ParentClaim.Kind.ADD && c.type().equals(type)) n++;
        }
        return n;
    }

    /** The most frequent added type, the alphabetically first on a tie: what {@code PackCapacity} locks an empty GPU to. */
    private static String majorityAddedType(List<ParentClaim> claims) {
        String best = null;
        int bestN = 0;
        for (int i = 0; i < claims.size(); i++) {
            ParentClaim c = claims.get(i);
            if (c.kind() != ParentClaim.Kind.ADD) continue;
            int n = countAdded(claims, c.type());
            if (best == null || n > bestN || (n == bestN && c.type().compareTo(best) < 0)) {
                best = c.type();
                bestN = n;
            }
        }
        return best;
    }

    private static boolean isGone(Instance e, List<ParentClaim> claims) {
        for (int i = 0; i < claims.size(); i++) {
            ParentClaim c = claims.get(i);
            if ((c.kind() == ParentClaim.Kind.RELEASE || c.kind() == ParentClaim.Kind.REMOVE) && c.uuid().equalsIgnoreCase(e.uuid()))
                return true;
        }
        return false;
    }

    private static boolean isReused(Instance e, List<ParentClaim> claims) {
        for (int i = 0; i < claims.size(); i++) {
            ParentClaim c = claims.get(i);
            if (c.kind() == ParentClaim.Kind.REUSE && c.uuid().equalsIgnoreCase(e.uuid())) return true;
        }
        return false;
    }
}
