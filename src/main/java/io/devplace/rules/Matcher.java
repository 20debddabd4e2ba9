package io.devplace.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a source descriptor may migrate to a target offer (docs/reference/rulepack.md). Results are cached by value: a fleet
 * has few distinct descriptors and few distinct offers, so 10,000 devices over 8,000 parents cost a few thousand
 * matches, not 80 million.
 */
public final class Matcher {
    private record Key(SourceDescriptor source, TargetOffer target) {}

    /**
     * A (source, target) pair by reference: hashing and comparing it costs nothing, where the value {@link Key} hashes
     * and compares whole descriptors. Planning asks about the same few objects millions of times.
     */
    private static final class Same {
        private final SourceDescriptor source;
        private final TargetOffer target;
        private final int hash;

        Same(SourceDescriptor source, TargetOffer target) {
            this.source = source;
            this.target = target;
            this.hash = 31 * System.identityHashCode(source) + System.identityHashCode(target);
        }

        @Override
        public boolean equals(Object o) { return o instanceof Same s && s.source == source && s.target == target; }

        @Override
        public int hashCode() { return hash; }
    }

    /** Bound on the by-reference front cache (callers that build fresh objects every time just fall through to the value cache). */
    static final int SAME_LIMIT = 1 << 17;

    private final Map<Key, Match> cache = new ConcurrentHashMap<>();
    private final Map<Same, Match> bySame = new ConcurrentHashMap<>();
    private final Map<TargetOffer, TargetOffer> offers = new ConcurrentHashMap<>();

    public Match match(SourceDescriptor source, TargetOffer target) {
        Same same = new Same(source, target);
        Match m = bySame.get(same);
        if (m != null) return m;
        m = cache.computeIfAbsent(new Key(source, target), k -> compute(k.source, k.target));
        if (bySame.size() < SAME_LIMIT) bySame.putIfAbsent(same, m);
        return m;
    }

    /** The one instance of an offer equal to {@code t}: parents that offer the same target share it (see {@link #match}). */
    TargetOffer canonical(TargetOffer t) { return offers.computeIfAbsent(t, x -> x); }

    public int cachedPairs() { return cache.size(); }

    static Match compute(SourceDescriptor source, TargetOffer target) {
        // per original entry index: the explanation from the binding that got furthest
        Map<Integer, EntryFailure> best = new LinkedHashMap<>();
        Map<Integer, Integer> bestDepth = new LinkedHashMap<>();
        for (ConcreteEntry e : source.entries()) {
            int depth = 0;
            EntryFailure failure = null;
            for (var f : e.fields().entrySet()) {
                String have = target.self().get(f.getKey());
                if (!f.getValue().matches(have)) {
                    failure = new EntryFailure(e.index(), f.getKey(), have == null ? "the target has no field '" + f.getKey() + "'"
                            : "target value \"" + have + "\" does not match \"" + f.getValue().text() + "\"");
                    break;
                }
                depth++;
            }
            if (failure == null) {
                failure = aggregationProblem(e, target);
                if (failure == null) return new Match(e, source.rule(), List.of());
                depth = Integer.MAX_VALUE;
            }
            if (depth >= bestDepth.getOrDefault(e.index(), -1)) {
                bestDepth.put(e.index(), depth);
                best.put(e.index(), failure);
            }
        }
        List<EntryFailure> failures = new ArrayList<>(best.values());
        if (failures.isEmpty()) failures.add(new EntryFailure(-1, "compatible", "the source descriptor has no entry that applies (no binding of its vars gives whole numbers)"));
        return new Match(null, source.rule(), failures);
    }

    /**
     * Whether one concrete entry matches a target, ignoring the cache and entry order: the verifier uses this to
     * accept any entry that allows a recipe, independently of which one the planner happened to pick.
     */
    public static boolean entryMatches(ConcreteEntry e, TargetOffer t) {
        for (var f : e.fields().entrySet()) if (!f.getValue().matches(t.self().get(f.getKey()))) return false;
        return aggregationProblem(e, t) == null;
    }

    /** Aggregation attrs must lie in the target type's [min, max]; on types without aggregation they must be 1 ({@link AggregationRule}). */
    static EntryFailure aggregationProblem(ConcreteEntry e, TargetOffer t) {
        AggregationRule.Problem p = AggregationRule.check(e.attrs(), t.aggregationAttr(), t.aggregationMin(), t.aggregationMax(),
                t.packAggregationAttrs());
        return p == null ? null : new EntryFailure(e.index(), "attrs." + p.attr(), p.why() + " for the target type");
    }
}
