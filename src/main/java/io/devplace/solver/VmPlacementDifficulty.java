package io.devplace.solver;

import java.util.Comparator;

/**
 * Ascending difficulty for First Fit Decreasing: evacuees before rebalance candidates, higher priority first, then VMs
 * down to their last few options (anything placed before them could take those), then the smallest GPU share
 * ({@link DeviceShare}: when devices are the bottleneck, small ones first leaves the fewest VMs unplaced), then the
 * fewest options (most constrained), then the biggest device state.
 */
public class VmPlacementDifficulty implements Comparator<VmPlacement> {
    /** At most this many options: placed before any VM with more, whatever its size. */
    static final int FEW_OPTIONS = 3;

    private static final Comparator<VmPlacement> ORDER = Comparator
            .comparing(VmPlacement::isEvacuee)
            .thenComparingLong(p -> p.getRequest().vm().priority())
            .thenComparing(p -> p.getOptions().size() <= FEW_OPTIONS)
            .thenComparingDouble(p -> -DeviceShare.of(p.getRequest()))
            .thenComparingInt(p -> -p.getOptions().size())
            .thenComparingLong(p -> p.getRequest().vm().devices().size())
            .thenComparing(VmPlacement::getId, Comparator.reverseOrder());

    @Override
    public int compare(VmPlacement a, VmPlacement b) { return ORDER.compare(a, b); }
}
