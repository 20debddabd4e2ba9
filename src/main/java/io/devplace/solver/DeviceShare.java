package io.devplace.solver;

import io.devplace.capacity.PackCapacity;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.VmRequest;
import io.devplace.rules.CapacitySpec;
import io.devplace.rules.TypeSpec;

/**
 * How much of a GPU a VM's devices take: per device the largest of its share of the pack's slots, of each counter it
 * consumes (times its aggregation) and 1 / the type's instance limit; 1 when no pack says. Summed over the devices of
 * the VM's first option (every option of a VM carries the same device types on compatible boards).
 *
 * <p>Why the construction order needs it: the medium score counts unplaced VMs (per priority), and when devices are the
 * bottleneck the most VMs fit when the small ones are placed first. A large vGPU placed early takes a whole free GPU
 * (an exclusive A16 parent at 16Q) or a large aligned slot block (an L40S 16Q) that several small ones would have used,
 * and local search over single change moves cannot undo that trade: it would have to unplace one VM (a worse medium
 * score) before it could place the others.
 */
public final class DeviceShare {
    private DeviceShare() {}

    static double of(VmRequest r) {
        if (r.options().isEmpty()) return 0;
        PlacementOption o = r.options().get(0);
        double s = 0;
        for (DeviceTarget t : o.targets()) s += of(t);
        return s;
    }

    static double of(DeviceTarget t) { return of(t.parent(), t.type(), t.aggregation()); }

    /** The share of {@code parent} one instance of {@code type} at {@code aggregation} takes (the benchmarks' FFD uses it too). */
    public static double of(ParentView parent, String typeId, long aggregation) {
        var pack = parent.governed().pack();
        if (pack == null) return 1;
        TypeSpec type = parent.governed().types().get(typeId); // the ids this parent uses
        if (type == null) return 1;
        CapacitySpec c = pack.pack().capacity();
        double x = 0;
        if (parent.capacity() instanceof PackCapacity pc && pc.slots() > 0) x = Math.max(x, (double) type.size() / pc.slots());
        for (var e : type.consumes().entrySet()) {
            long cap = c.counters().getOrDefault(e.getKey(), 0L);
            if (cap > 0) x = Math.max(x, (double) e.getValue() * Math.max(1, aggregation) / cap);
        }
        if (type.maxInstances() != null && type.maxInstances() > 0) x = Math.max(x, 1.0 / type.maxInstances());
        if (c.maxInstances() != null && c.maxInstances() > 0) x = Math.max(x, 1.0 / c.maxInstances());
        return x;
    }
}
