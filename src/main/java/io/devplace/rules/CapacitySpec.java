package io.devplace.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-parent pools: counters shared by all instances, optional exclusive type, optional slot array, an optional
 * cap on instances of all types together ({@code maxInstances}; null = none), e.g. GVT-g's vGPUs per GPU, and optional
 * exclusive resources named by the instances' attrs ({@code resources}; null = none), e.g. vfio_ap's APQNs.
 */
public record CapacitySpec(Map<String, Long> counters, String exclusive, Long slots, Long maxInstances, ResourceSpec resources) {
    public CapacitySpec(Map<String, Long> counters, String exclusive, Long slots, Long maxInstances) {
        this(counters, exclusive, slots, maxInstances, null);
    }

    /** Slot arrays are held in memory per parent: a pack may declare at most this many slots. */
    public static final long MAX_SLOTS = 65_536;

    public CapacitySpec {
        counters = counters == null ? Map.of() : new LinkedHashMap<>(counters);
        exclusive = exclusive == null ? "none" : exclusive;
        slots = slots == null ? 0L : slots;
    }

    public boolean exclusiveType() { return "type".equals(exclusive); }
}
