package io.devplace.problem;

import io.devplace.rules.GovernedParent;
import io.devplace.rules.ResourceSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attribute comparison as the contract defines it: last write wins, an absent aggregation attribute counts as 1, and
 * an attr naming exclusive resources (a pack's {@code capacity.resources.product}) keeps every value written to it, as
 * a set of values the driver reads alike.
 */
public final class Attrs {
    private Attrs() {}

    public static Map<String, String> normalized(List<Map<String, String>> attrs, Set<String> aggregationAttrs) {
        return normalized(attrs, aggregationAttrs, null);
    }

    public static Map<String, String> normalized(List<Map<String, String>> attrs, Set<String> aggregationAttrs, ResourceSpec resources) {
        Map<String, String> m;
        if (resources != null) m = resources.flatten(attrs);
        else {
            m = new LinkedHashMap<>();
            for (Map<String, String> a : attrs) m.putAll(a);
        }
        for (String agg : aggregationAttrs) {
            String v = m.get(agg);
            if (v == null || v.trim().equals("1")) m.remove(agg);
        }
        return m;
    }

    public static boolean same(List<Map<String, String>> a, List<Map<String, String>> b, Set<String> aggregationAttrs) {
        return normalized(a, aggregationAttrs).equals(normalized(b, aggregationAttrs));
    }

    /** {@link #same} under the pack governing {@code parent}: its aggregation attrs and its resource attrs. */
    public static boolean same(List<Map<String, String>> a, List<Map<String, String>> b, GovernedParent parent) {
        return normalized(a, parent.aggregationAttrs(), parent.resources()).equals(normalized(b, parent.aggregationAttrs(), parent.resources()));
    }
}
