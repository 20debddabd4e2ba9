package io.devplace.sequence;

import io.devplace.capacity.Instance;
import io.devplace.capacity.ParentCapacity;

import java.util.List;

/**
 * A parent as the sequencer tracks it: its capacity model, the instances on it now, and at most how many moves per
 * wave may leave it and may arrive on it ({@code maxParallel}: its pack's {@code migration.maxParallelPerParent}, 0 = no limit).
 */
public record SeqParent(String key, ParentCapacity capacity, List<Instance> instances, long maxParallel) {
    public SeqParent(String key, ParentCapacity capacity, List<Instance> instances) { this(key, capacity, instances, 0); }
}
