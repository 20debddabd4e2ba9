package io.devplace.capacity;

import java.util.List;

/**
 * The answer to "do these instances fit this parent?": the shortfall (NONE when they fit), a penalty that grows with
 * how far from fitting they are (for the solver's gradient), the chosen slot offset of every added instance (in the
 * order given; null on parents without slots), and a sentence for people.
 */
public record Fit(Shortfall shortfall, long penalty, List<Long> placements, String detail) {
    public boolean fits() { return shortfall == Shortfall.NONE; }

    static Fit ok(List<Long> placements) { return new Fit(Shortfall.NONE, 0, placements, "fits"); }
}
