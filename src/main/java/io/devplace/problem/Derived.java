package io.devplace.problem;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What is worked out from one planning problem once and then asked for again, one value per kind: the bound's
 * relaxation, which the repair's proof and the plan's summary both need and which costs about as much as building the
 * problem. Lives and dies with its problem.
 */
public final class Derived {
    private final Map<Class<?>, Object> byKind = new ConcurrentHashMap<>();

    /** The value of {@code kind}, made by {@code make} the first time it is asked for. */
    public <T> T get(Class<T> kind, Supplier<T> make) {
        return kind.cast(byKind.computeIfAbsent(kind, k -> make.get()));
    }
}
