package io.devplace.solver;

import ai.timefold.solver.core.api.score.stream.uni.UniConstraintCollector;
import io.devplace.problem.ParentClaim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The claims on one parent, kept by Bavet one claim at a time, judged once per change for all three parent
 * constraints (capacity, consolidate, spread): they read the same {@link ParentLoad.Totals} from one shared node
 * instead of each re-collecting the parent's claims and re-running the capacity fit.
 */
final class ParentTally {
    /** One instance for every constraint, so that Bavet sees equal streams and shares the node. */
    static final UniConstraintCollector<ParentClaim, ParentTally, ParentLoad.Totals> COLLECTOR = new UniConstraintCollector<>() {
        @Override
        public Supplier<ParentTally> supplier() { return ParentTally::new; }

        @Override
        public BiFunction<ParentTally, ParentClaim, Runnable> accumulator() { return ParentTally::add; }

        @Override
        public Function<ParentTally, ParentLoad.Totals> finisher() { return ParentTally::totals; }
    };

    /** In arrival order, as {@code toList()} kept them (the capacity model may depend on order). */
    private final List<ParentClaim> claims = new ArrayList<>();

    private Runnable add(ParentClaim c) {
        claims.add(c);
        return () -> remove(c);
    }

    /** By identity: two claims that look alike are still two claims. The latest is the likeliest to go first. */
    private void remove(ParentClaim c) {
        for (int i = claims.size() - 1; i >= 0; i--) {
            if (claims.get(i) == c) {
                claims.remove(i);
                return;
            }
        }
    }

    private ParentLoad.Totals totals() {
        if (claims.isEmpty()) return ParentLoad.Totals.NONE;
        return ParentLoad.totals(claims.get(0).parent(), claims);
    }
}
