package io.devplace.importers;

import io.devplace.model.Fleet;

import java.util.List;

/**
 * The result of an import: the Fleet it built and what it noticed but could still use (skipped devices, types an
 * mdev uses that its parent does not list). Warnings go to stderr; only unusable input is an error.
 */
public record Imported(Fleet fleet, List<String> warnings) {
    public Imported {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
