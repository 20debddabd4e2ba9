package io.devplace.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which aggregation values an instance may carry (docs/reference/rulepack.md, Aggregation): every write of the
 * type's declared aggregation attribute is a whole number in the type's [min, max]; every write of an attribute the
 * pack names as the aggregation attribute of another type is 1 on a type that does not declare it; an absent
 * declared attribute counts as 1, which must lie in [min, max] too. The driver refuses any other write, so no plan may
 * create such an instance and no fleet can hold one. One rule for recipes (the matcher), existing instances (fleet
 * validation), planned instances and the verifier.
 */
public final class AggregationRule {
    private AggregationRule() {}

    /**
     * The first write the driver would refuse. {@code index}: its position in the attrs list, or -1 when the declared
     * attribute is absent (= 1) and 1 is below {@code min}; {@code value}: as written (null when absent);
     * {@code number}: the value read, or null when it is not a whole number.
     */
    public record Problem(int index, String attr, String value, Long number, long min, long max, boolean declared) {
        /** Why, for people: {@code "9" is outside [1, 8]}, {@code "x" is not a whole number}, {@code absent (= 1) is outside [2, 4]}. */
        public String why() {
            if (value == null) return "absent (= 1) is outside [" + min + ", " + max + "]";
            if (number == null) return "\"" + value + "\" is not a whole number";
            return number + " is outside [" + min + ", " + max + "]";
        }
    }

    /**
     * Checks {@code attrs} against a type whose own aggregation attribute is {@code declared} (null: it declares none)
     * with [{@code min}, {@code max}], in a pack whose types name {@code packAttrs}; null when every write is allowed.
     */
    public static Problem check(List<Map<String, String>> attrs, String declared, long min, long max, Set<String> packAttrs) {
        for (int i = 0; i < attrs.size(); i++) {
            for (var kv : attrs.get(i).entrySet()) {
                String name = kv.getKey();
                boolean own = name.equals(declared);
                if (!own && !packAttrs.contains(name)) continue;
                long lo = own ? min : 1, hi = own ? max : 1;
                Long n = wholeNumber(kv.getValue());
                if (n == null || n < lo || n > hi) return new Problem(i, name, kv.getValue(), n, lo, hi, own);
            }
        }
        if (declared != null && min > 1 && GovernedParent.attrValue(attrs, declared) == null)
            return new Problem(-1, declared, null, 1L, min, max, true);
        return null;
    }

    /** The whole number written (surrounding white space ignored), or null. */
    static Long wholeNumber(String v) {
        if (v == null) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
