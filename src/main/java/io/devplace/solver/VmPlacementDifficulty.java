package io.devplace.solver;

import java.util.Comparator;

/**
 * Ascending difficulty for First Fit Decreasing: evacuees before rebalance candidates, higher priority first, then
 * the VMs with the fewest options (most constrained), then the biggest device state.
 */
public class VmPlacementDifficulty implements Comparator<VmPlacement> {
    private static final Comparator<VmPlacement> ORDER = Comparator
            .comparing(VmPlacement::isEvacuee)
            .thenComparingLong(p -> p.getRequest().vm().priority())
            .thenComparingInt(p -> -p.getRequest().options().size())
            .thenComparingLong(p -> p.getRequest().vm().devices().size())
            .thenComparing(VmPlacement::getId, Comparator.reverseOrder());

    private static final SmallestShareFirst SMALLEST_SHARE_FIRST = new SmallestShareFirst();

    /** The entities of one solution all carry the same order flag (see {@link Planner}). */
    @Override
    public int compare(VmPlacement a, VmPlacement b) {
        return a.isSmallestShareFirst() ? SMALLEST_SHARE_FIRST.compare(a, b) : ORDER.compare(a, b);
    }
}
