package io.devplace.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Attribute comparison as the contract defines it: last write wins, and an absent aggregation attribute counts as 1. */
public final class Attrs {
    private Attrs() {}

    public static Map<String, String> normalized(List<Map<String, String>> attrs, Set<String> aggregationAttrs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map<String, String> a : attrs) m.putAll(a);
        for (String agg : aggregationAttrs) {
            String v = m.get(agg);
            if (v == null || v.trim().equals("1")) m.remove(agg);
        }
        return m;
    }

    public static boolean same(List<Map<String, String>> a, List<Map<String, String>> b, Set<String> aggregationAttrs) {
        return normalized(a, aggregationAttrs).equals(normalized(b, aggregationAttrs));
    }
}
