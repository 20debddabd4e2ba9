package io.devplace.rules;

import java.util.List;
import java.util.Map;

/** How to create a compatible target: the parent, the type, the attributes to write in order, and the rule that allowed it. */
public record Recipe(String parent, String type, List<Map<String, String>> attrs, String rule) {
    public Recipe {
        attrs = List.copyOf(attrs);
    }
}
