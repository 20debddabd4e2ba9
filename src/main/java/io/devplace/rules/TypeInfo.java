package io.devplace.rules;

import java.util.Map;

/** What devplace knows of one type on one parent, whether from a rule pack or from observed supportedTypes. */
public record TypeInfo(String id, String name, String deviceApi, long stateMiB, Aggregation aggregation, Map<String, Object> props) {}
