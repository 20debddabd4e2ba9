package io.devplace.model;

import java.util.List;
import java.util.Map;

/**
 * An existing mediated device (or configured VF) on a parent. Ownership is declared on the VM side.
 * {@code attrs} is an ordered list of one-key maps, exactly as mdevctl writes them.
 */
public record Mdev(String uuid, String type, List<Map<String, String>> attrs, Long iommuGroup, Long placement) {
    public Mdev {
        attrs = attrs == null ? List.of() : List.copyOf(attrs);
    }

    /** The value of attribute {@code name}, or null. The last write wins, as when mdevctl applies them in order. */
    public String attr(String name) {
        String v = null;
        for (Map<String, String> a : attrs) if (a.containsKey(name)) v = a.get(name);
        return v;
    }
}
