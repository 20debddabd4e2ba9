package io.devplace.capacity;

import java.util.List;

/** A parent's capacity model. One implementation per kind of model, used by the solver, the fit path and the verifier alike. */
public interface ParentCapacity {
    /**
     * Whether {@code added} new instances fit next to {@code present} ones (already placed, with offsets on slot
     * parents). Free existing instances are part of {@code present}: they consume and lock until removed.
     */
    Fit fit(List<Instance> present, List<Instance> added);

    /** Whether this parent can ever hold an instance of {@code type} (known type, non-zero capacity). */
    boolean canCreate(String type);

    /**
     * An upper bound on how many of {@code items} can be added next to {@code present} at the same time, each item
     * adding one instance chosen from its alternatives (an item without alternatives adds none). Never below the true
     * maximum, so an optimality proof may rely on it; it may be above it (it relaxes the model: each pool, the instance
     * limits and the slot count are judged on their own, fragmentation is ignored).
     */
    long countBound(List<Instance> present, List<List<Instance>> items);
}
