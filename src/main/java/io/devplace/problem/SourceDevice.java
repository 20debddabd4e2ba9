package io.devplace.problem;

import io.devplace.model.Mdev;
import io.devplace.model.VmDevice;

/** One assigned device of a VM: where it is now (parent, mdev) and its aggregation and device-state size. */
public record SourceDevice(int index, ParentView parent, Mdev mdev, VmDevice declared, long aggregation, long stateMiB) {}
