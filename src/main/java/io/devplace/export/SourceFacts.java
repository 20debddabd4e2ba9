package io.devplace.export;

import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.Plan;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;

import java.util.Map;

/**
 * What an export needs to know about a moved device's source, beyond what the plan says: how its mdev was started
 * (mdevctl's {@code start}) and the guest-visible address the domain gave it. Both come from the fleet the plan was
 * made (and verified) for.
 */
final class SourceFacts {
    private final Fleet fleet;

    SourceFacts(Fleet fleet) { this.fleet = fleet; }

    /** The move and device that create (or reuse) the target mdev {@code uuid}, or null. */
    static Found find(Plan plan, String targetUuid) {
        for (Plan.Move m : plan.moves())
            for (Plan.MoveDevice d : m.devices())
                if (d.target() != null && targetUuid.equalsIgnoreCase(d.target().uuid())) return new Found(m, d);
        return null;
    }

    record Found(Plan.Move move, Plan.MoveDevice device) {}

    /** The source mdev's {@code start} (auto or manual), or null when the fleet does not say. */
    String start(Plan.Move move, Plan.MoveDevice device) {
        Host h = fleet.host(move.from());
        if (h == null || device.source() == null) return null;
        for (ParentDevice p : h.devices())
            if (p.id().equals(device.source().parent()))
                for (Mdev m : p.mdevs())
                    if (m.uuid().equalsIgnoreCase(device.source().uuid())) return m.start();
        return null;
    }

    /** The guest-visible address of the VM's device backed by the source mdev, or null when the fleet has none. */
    Map<String, String> guestAddress(Plan.Move move, Plan.MoveDevice device) {
        Vm vm = fleet.vm(move.vm());
        if (vm == null || device.source() == null) return null;
        for (VmDevice d : vm.devices())
            if (d.mdev() != null && d.mdev().equalsIgnoreCase(device.source().uuid())) return d.address();
        return null;
    }
}
