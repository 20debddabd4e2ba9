package io.devplace.capacity;

import java.util.List;
import java.util.Map;

/**
 * One instance on a parent, for capacity purposes: its type, aggregation value (it consumes that many times the
 * type's {@code consumes}), slot offset (null for a new instance not yet placed), and the attrs it is created with
 * (they name the exclusive resources it holds on packs that declare {@code capacity.resources}).
 */
public record Instance(String uuid, String type, long aggregation, Long placement, List<Map<String, String>> attrs) {
    public Instance {
        attrs = attrs == null ? List.of() : attrs;
    }

    public Instance(String uuid, String type, long aggregation, Long placement) { this(uuid, type, aggregation, placement, List.of()); }

    public static Instance added(String type, long aggregation) { return new Instance(null, type, aggregation, null); }

    public static Instance added(String type, long aggregation, List<Map<String, String>> attrs) {
        return new Instance(null, type, aggregation, null, attrs);
    }
}
