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
 * The checks of VF-based parents that need the rule packs (docs/vf.md): each configured VF's type is one the pack
 * knows, and each configured VF's descriptor can be built. (Only a pack of the parent's kind governs it, see
 * {@link io.devplace.rules.RuleBook#packFor}; a parent only packs of the other kind match has no pack.)
 */
final class VfFleetChecks {
    private VfFleetChecks() {}

    static void parent(List<InputProblem> errors, Locations loc, String pp, FleetView view, Host host, ParentDevice pd, ParentView pv,
                       Map<String, String> owner, Map<String, Vm> vmByName) {
        var pack = pv.governed().pack();
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
