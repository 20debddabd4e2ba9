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
}
