package io.devplace.rules;

import java.util.List;
import java.util.Map;

/** A compatible entry after substituting one binding of its variables: field patterns and attrs to write. */
public record ConcreteEntry(int index, Map<String, FieldPattern> fields, List<Map<String, String>> attrs) {}
