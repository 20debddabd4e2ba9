package io.devplace.problem;

import io.devplace.model.Host;
import io.devplace.model.Reason;

import java.util.List;

/** Per source device, every device target a host offers by the rules alone; or the reasons the host offers none. */
public record HostCandidates(Host host, List<List<DeviceTarget>> perDevice, List<Reason> blockers) {
    public boolean possible() { return blockers.isEmpty(); }
}
