package io.devplace.problem;

import io.devplace.model.Policy;

import java.util.Comparator;
import java.util.function.ToLongFunction;

/**
 * The one preference among ways to place a VM (the Score half of a scheduler, docs/reference/plan.md item 7 in its
 * order): fewer new instances (reuse first), then packing per the policy's {@code spread} — fuller parents first
 * under {@code consolidate}, emptier under {@code spread} — then less estimated downtime. The problem builder orders
 * each VM's options by it (the construction heuristic tries them in that order), the fit code orders a new VM's
 * targets by it, and the service ranks hosts by it. What "load" counts is the caller's: instances on the target
 * parents, as it knows them.
 */
public final class Preference {
    private Preference() {}

    /** Ascending = preferred first; ties stay ties (callers add their own stable tie-break). */
    public static <T> Comparator<T> of(Policy pol, ToLongFunction<T> newInstances, ToLongFunction<T> load, ToLongFunction<T> downtimeMs) {
        Comparator<T> packing = pol.spreadMode() ? Comparator.comparingLong(load) : Comparator.comparingLong(t -> -load.applyAsLong(t));
        return Comparator.comparingLong(newInstances).thenComparing(packing).thenComparingLong(downtimeMs);
    }
}
