package io.devplace.problem;

import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.Locations;
import io.devplace.model.ParentDevice;
import io.devplace.model.Vf;
import io.devplace.model.Vm;
import io.devplace.rules.TemplateException;

import java.util.List;
import java.util.Map;

/**
 * The checks of VF-based parents that need the rule packs (SPEC §1.2.3): the governing pack is of the parent's kind
 * (a VF-based parent is not governed by an mdev pack, nor the reverse), each configured VF's type is one the pack
 * knows, and each configured VF's descriptor can be built.
 */
final class VfFleetChecks {
    private VfFleetChecks() {}

    static void parent(List<InputProblem> errors, Locations loc, String pp, FleetView view, Host host, ParentDevice pd, ParentView pv,
                       Map<String, String> owner, Map<String, Vm> vmByName) {
        var pack = pv.governed().pack();
        if (pack != null) {
            boolean vfPack = pack.pack().vfDevices();
            if (pd.vfBased() && !vfPack)
                errors.add(loc.problem(pp + ".vfs", host.name() + " " + pd.id() + " lists VFs but pack " + pack.name()
                        + " governs mdev parents (devices: mdev): no VF pack (devices: vf) matches it"));
            else if (!pd.mdevs().isEmpty() && vfPack)
                errors.add(loc.problem(pp + ".mdevs", host.name() + " " + pd.id() + " lists mdevs but pack " + pack.name()
                        + " governs VF-based parents (devices: vf): no mdev pack matches it"));
        }
        if (!pd.vfBased()) return;
        for (int i = 0; i < pd.vfs().size(); i++) {
            Vf vf = pd.vfs().get(i);
            if (vf == null || !vf.configured()) continue;
            String vp = pp + ".vfs[" + i + "]";
            if (pack != null && !pv.governed().knowsType(vf.type())) {
                errors.add(loc.problem(vp + ".type", "type " + vf.type() + " is not one pack " + pack.name() + " knows"));
                continue;
            }
            String o = owner.get(host.name() + "/" + vf.id().toLowerCase());
            try {
                if (o != null) {
                    Vm vm = vmByName.get(o);
                    for (SourceDevice d : view.devices(vm)) if (d.mdev().uuid().equalsIgnoreCase(vf.id())) view.descriptor(vm, d);
                } else {
                    pv.governed().source(vf.asInstance(), null, host.name() + " " + pd.id() + " VF " + vf.id());
                }
            } catch (TemplateException e) {
                errors.add(loc.problem(vp, "its descriptor cannot be built: " + e.getMessage()));
            }
        }
    }
}
