package io.devplace.solver;

import ai.timefold.solver.core.api.score.stream.uni.UniConstraintCollector;
import io.devplace.problem.HostView;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The running CPU and memory sums of one host's users (see {@code EvacuationConstraints.hostUsers}), kept by Bavet
 * one VM at a time: a move adds or takes away one VM's share instead of re-summing the host's whole list, and the
 * CPU and memory constraints read the same tally (one shared node).
 */
final class HostTally {
    /** What a host's users add up to; {@code host} is null when none of them is placed (only stayers: never over). */
    record Load(HostView host, long cpus, long memoryMiB) {
        long cpuOver() { return host == null ? 0 : Math.max(0, cpus - host.freeCpus()); }

        long memoryOver() { return host == null ? 0 : Math.max(0, memoryMiB - host.freeMemoryMiB()); }
    }

    /** One instance for every constraint, so that Bavet sees equal streams and shares the node. */
    static final UniConstraintCollector<VmPlacement, HostTally, Load> COLLECTOR = new UniConstraintCollector<>() {
        @Override
        public Supplier<HostTally> supplier() { return HostTally::new; }

        @Override
        public BiFunction<HostTally, VmPlacement, Runnable> accumulator() { return HostTally::add; }

        @Override
        public Function<HostTally, Load> finisher() { return HostTally::load; }
    };

    private long cpus, memoryMiB;
    private int placed;
    private HostView host;

    /**
     * Values are read now and the undo uses those: by the time Bavet retracts a VM, its option may already have changed.
     */
    private Runnable add(VmPlacement p) {
        long c = p.getRequest().vm().cpus(), m = p.getRequest().vm().memoryMiB();
        HostView h = p.getOption() == null ? null : p.getOption().host();
        cpus += c;
        memoryMiB += m;
        if (h != null) {
            placed++;
            host = h; // every placed user of one final host name has that host's one view
        }
        return () -> {
            cpus -= c;
            memoryMiB -= m;
            if (h != null && --placed == 0) host = null;
        };
    }

    private Load load() { return new Load(host, cpus, memoryMiB); }
}
