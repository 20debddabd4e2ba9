package io.devplace.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mdev type (or VF profile) a pack's parents can create. {@code placements}: on slot parents, the slots an
 * instance may start at (a driver such as NVIDIA's in mixed-size mode allows only a fixed list per type); null = every
 * multiple of {@code size}.
 */
public record TypeSpec(String name, String description, String deviceApi, Map<String, Long> consumes,
                       Long maxInstances, Long size, Aggregation aggregation, Map<String, Object> props, Long stateMiB,
                       List<Long> placements) {
    public TypeSpec(String name, String description, String deviceApi, Map<String, Long> consumes,
                    Long maxInstances, Long size, Aggregation aggregation, Map<String, Object> props, Long stateMiB) {
        this(name, description, deviceApi, consumes, maxInstances, size, aggregation, props, stateMiB, null);
    }

    public TypeSpec {
        placements = placements == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(placements));
        consumes = consumes == null ? Map.of() : new LinkedHashMap<>(consumes);
        props = props == null ? Map.of() : new LinkedHashMap<>(props);
        size = size == null ? 1L : size;
        stateMiB = stateMiB == null ? 0L : stateMiB;
    }
}
