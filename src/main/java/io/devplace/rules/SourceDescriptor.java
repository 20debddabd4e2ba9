package io.devplace.rules;

import java.util.List;
import java.util.Map;

/**
 * A source device's instantiated descriptor: its {@code self} and every concrete compatible entry (one per
 * applicable variable binding). Identical descriptors are equal, which is what makes matching cacheable.
 */
public record SourceDescriptor(String rule, Map<String, String> self, List<ConcreteEntry> entries) {}
