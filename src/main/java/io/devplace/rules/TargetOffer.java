package io.devplace.rules;

import java.util.Map;
import java.util.Set;

/**
 * What a candidate target (a parent and a type it can create) looks like to the matcher: its {@code self}, and the
 * aggregation limits a recipe's attrs must respect. Identical offers on many parents are matched once.
 */
public record TargetOffer(Map<String, String> self, String aggregationAttr, long aggregationMin, long aggregationMax,
                          Set<String> packAggregationAttrs) {}
