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
            .thenComparingInt(p -> -p.getOptions().size())
            .thenComparingLong(p -> p.getRequest().vm().devices().size())
            .thenComparing(VmPlacement::getId, Comparator.reverseOrder());

    @Override
    public int compare(VmPlacement a, VmPlacement b) { return ORDER.compare(a, b); }
}
