package io.devplace.model;

import java.util.List;
import java.util.Map;

/**
 * An existing mediated device (or configured VF) on a parent. Ownership is declared on the VM side.
 * {@code attrs} is an ordered list of one-key maps, exactly as mdevctl writes them. {@code start} is how mdevctl
 * starts its definition ({@code auto}: when the parent appears, {@code manual}: on request), or null when the source
 * did not say; an export creates the target mdev the same way.
 */
public record Mdev(String uuid, String type, List<Map<String, String>> attrs, Long iommuGroup, Long placement, String start) {
    public static final List<String> STARTS = List.of("auto", "manual");

    public Mdev {
        attrs = attrs == null ? List.of() : List.copyOf(attrs);
    }

    public Mdev(String uuid, String type, List<Map<String, String>> attrs, Long iommuGroup, Long placement) {
        this(uuid, type, attrs, iommuGroup, placement, null);
    }

    /** The value of attribute {@code name}, or null. The last write wins, as when mdevctl applies them in order. */
    public String attr(String name) {
        String v = null;
        for (Map<String, String> a : attrs) if (a.containsKey(name)) v = a.get(name);
        return v;
    }
}
