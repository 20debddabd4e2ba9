package io.devplace.solver;

import java.util.Comparator;

/**
 * The second construction order (ascending difficulty, sorted descending like {@link VmPlacementDifficulty}):
 * evacuees before rebalance candidates, higher priority first, then VMs down to their last few options (anything
 * placed before them could take those), then the smallest GPU share ({@link DeviceShare}), then the fewest options.
 *
 * <p>Why a second order: when devices are the bottleneck (GPUs ~80 % used, fragmented) not every VM can be placed, and
 * the medium score counts unplaced VMs: small vGPUs first leaves the fewest unplaced (a 16Q takes a whole A16 that
 * sixteen 1Q could share), and change-move local search cannot trade one placed VM for several. When everything can be
 * placed (a tight but complete packing), most-constrained-first finds it more often. {@link Planner} runs the
 * most-constrained order first and this one only when that left a VM unplaced, and keeps the better.
 */
public class SmallestShareFirst implements Comparator<VmPlacement> {
    /** At most this many options: placed before any VM with more, whatever its size. */
    static final int FEW_OPTIONS = 3;

    private static final Comparator<VmPlacement> ORDER = Comparator
            .comparing(VmPlacement::isEvacuee)
            .thenComparingLong(p -> p.getRequest().vm().priority())
            .thenComparing(p -> p.getRequest().options().size() <= FEW_OPTIONS)
            .thenComparingDouble(p -> -DeviceShare.of(p.getRequest()))
            .thenComparingInt(p -> -p.getRequest().options().size())
            .thenComparingLong(p -> p.getRequest().vm().devices().size())
            .thenComparing(VmPlacement::getId, Comparator.reverseOrder());

    @Override
    public int compare(VmPlacement a, VmPlacement b) { return ORDER.compare(a, b); }
}
