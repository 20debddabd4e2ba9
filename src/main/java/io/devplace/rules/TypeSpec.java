package io.devplace.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** One mdev type (or VF profile) a pack's parents can create. */
public record TypeSpec(String name, String description, String deviceApi, Map<String, Long> consumes,
                       Long maxInstances, Long size, Aggregation aggregation, Map<String, Object> props, Long stateMiB) {
    public TypeSpec {
        consumes = consumes == null ? Map.of() : new LinkedHashMap<>(consumes);
        props = props == null ? Map.of() : new LinkedHashMap<>(props);
        size = size == null ? 1L : size;
        stateMiB = stateMiB == null ? 0L : stateMiB;
    }
}
