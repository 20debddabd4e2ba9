package io.devplace.fit;

import io.devplace.model.Reason;
import io.devplace.problem.DeviceTarget;

import java.util.List;

/** One host judged for one VM: the device targets (with slot offsets) if it fits, else the reason it does not. */
public record HostVerdict(String host, List<DeviceTarget> targets, List<Long> placements, Reason reason) {
    public boolean fits() { return reason == null; }
}
