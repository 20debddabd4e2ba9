package io.devplace.sequence;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Per wave, how many moves leave and arrive on each parent, against the parent's {@code maxParallelPerParent}
 * (docs/reference/plan.md, check 4). A move counts once per parent however many of its devices are there.
 */
final class ParentMoveLimits {
    private final Map<String, SeqParent> parents;
    private final Map<String, Integer> out = new HashMap<>(), in = new HashMap<>();

    ParentMoveLimits(Map<String, SeqParent> parents) { this.parents = parents; }

    /** Whether {@code m} can join the wave without taking a parent past its limit. */
    boolean admits(SeqMove m) {
        for (String p : sources(m)) if (full(p, out)) return false;
        for (String p : targets(m)) if (full(p, in)) return false;
        return true;
    }

    void add(SeqMove m) {
        for (String p : sources(m)) out.merge(p, 1, Integer::sum);
        for (String p : targets(m)) in.merge(p, 1, Integer::sum);
    }

    private boolean full(String parent, Map<String, Integer> counts) {
        SeqParent p = parents.get(parent);
        return p != null && p.maxParallel() > 0 && counts.getOrDefault(parent, 0) >= p.maxParallel();
    }

    private static Set<String> sources(SeqMove m) {
        Set<String> s = new HashSet<>();
        for (SeqDevice d : m.devices()) s.add(d.sourceParent());
        return s;
    }

    private static Set<String> targets(SeqMove m) {
        Set<String> s = new HashSet<>();
        for (SeqDevice d : m.devices()) s.add(d.targetParent());
        return s;
    }
}
