package io.devplace.rules;

/** An instance created with {@code attr=N} consumes N times the type's {@code consumes} (docs/reference/rulepack.md). */
public record Aggregation(String attr, Long min, Long max) {
    public String attrName() { return attr == null ? "aggregator" : attr; }

    public long minValue() { return min == null ? 1 : min; }
}
