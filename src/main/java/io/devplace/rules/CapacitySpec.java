package io.devplace.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-parent pools: counters shared by all instances, optional exclusive type, optional slot array. */
public record CapacitySpec(Map<String, Long> counters, String exclusive, Long slots) {
    public CapacitySpec {
        counters = counters == null ? Map.of() : new LinkedHashMap<>(counters);
        exclusive = exclusive == null ? "none" : exclusive;
        slots = slots == null ? 0L : slots;
    }

    public boolean exclusiveType() { return "type".equals(exclusive); }
}
