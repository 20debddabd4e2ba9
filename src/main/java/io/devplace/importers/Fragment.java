package io.devplace.importers;

import io.devplace.model.Fleet;
import io.devplace.model.Locations;

/**
 * One source's view of the fleet, as {@link FleetMerger} combines it with others. {@code source} names it in
 * conflict messages (a file, usually); {@code locations} is known when the fragment was read from a Fleet document,
 * so that a conflict can point at the line, and null when an importer built it.
 */
public record Fragment(String source, Fleet fleet, Locations locations) {
    public Fragment {
        if (source == null || fleet == null) throw new IllegalArgumentException("a fragment needs a source and a fleet");
    }

    public Fragment(String source, Fleet fleet) { this(source, fleet, null); }
}
