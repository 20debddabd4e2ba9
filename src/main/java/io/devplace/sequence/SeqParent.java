package io.devplace.sequence;

import io.devplace.capacity.Instance;
import io.devplace.capacity.ParentCapacity;

import java.util.List;

/** A parent as the sequencer tracks it: its capacity model and the instances on it now. */
public record SeqParent(String key, ParentCapacity capacity, List<Instance> instances) {}
