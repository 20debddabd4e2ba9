package io.devplace.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compatibility descriptor as written: {@code self} fields and {@code compatible} entries, both still
 * templates. Entries are kept as raw maps (fields, {@code vars}, {@code attrs}); the rules package compiles them.
 */
public record Descriptor(Map<String, String> self, List<Map<String, Object>> compatible) {
    public Descriptor {
        self = self == null ? Map.of() : new LinkedHashMap<>(self);
        compatible = compatible == null ? List.of() : List.copyOf(compatible);
    }
}
