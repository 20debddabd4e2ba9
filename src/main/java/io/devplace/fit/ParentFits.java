package io.devplace.fit;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.problem.ParentView;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Capacity answers ({@code ParentCapacity.fit}) on one {@link FleetState} that nobody changes any more, remembered per
 * parent and instances added. A scheduler service judges pod after pod against the same state (the fleet with the same
 * reservations): every migration target pod of a similar VM asks the same parents whether the same instance fits, and
 * without this memory that check is most of its cost. The answer depends only on the parent's present instances (fixed while the state
 * is) and the instances added, so it is exact.
 *
 * <p>Only for a state that is no longer changed (the service's, shared between requests); the planner changes its
 * states as it goes and never uses one. Dies with its state: a new state (another reservation, a new fleet) comes with
 * a new instance.
 */
public final class ParentFits {
    /** Distinct added-instance lists remembered per parent; beyond it answers are computed, not remembered. */
    private static final int MAX_PER_PARENT = 64;

    private final FleetState state;
    private final Map<ParentView, Map<List<Instance>, Fit>> fits = new ConcurrentHashMap<>();

    public ParentFits(FleetState state) { this.state = state; }

    /** Whether these answers are about {@code s} (the same object). */
    public boolean of(FleetState s) { return s == state; }

    /** {@code FleetState.fit(p.capacity(), state.instances(p), added)}, remembered. */
    public Fit fit(ParentView p, List<Instance> added) {
        Map<List<Instance>, Fit> byAdded = fits.computeIfAbsent(p, k -> new ConcurrentHashMap<>());
        Fit f = byAdded.get(added);
        if (f != null) return f;
        f = FleetState.fit(p.capacity(), state.instances(p), added);
        if (byAdded.size() < MAX_PER_PARENT) byAdded.putIfAbsent(List.copyOf(added), f);
        return f;
    }
}
