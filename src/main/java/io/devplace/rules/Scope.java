package io.devplace.rules;

import java.util.List;

/** Resolves a reference such as {@code host.attributes.vgpu_manager} (as segments); null when undefined. */
@FunctionalInterface
public interface Scope {
    String lookup(List<String> segments);
}
