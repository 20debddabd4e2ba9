package io.devplace.capacity;

/**
 * One instance on a parent, for capacity purposes: its type, aggregation value (it consumes that many times the
 * type's {@code consumes}), slot size, and slot offset (null for a new instance not yet placed).
 */
public record Instance(String uuid, String type, long aggregation, Long placement) {
    public static Instance added(String type, long aggregation) { return new Instance(null, type, aggregation, null); }
}
