package io.devplace.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pack-free checks of VF-based parents and of VMs owning VFs (docs/reference/fleet.md; docs/vf.md): addresses that are PCI
 * addresses, unique per host, counts that are counts; a VM's VF exists on its host, is set to a type, and is owned by
 * at most one VM.
 */
final class VfChecks {
    /** A PCI address as the kernel names devices: domain:bus:slot.function, e.g. 0000:41:00.4. */
    private static final Pattern PCI = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-1][0-9a-fA-F]\\.[0-7]");

    private VfChecks() {}

    static boolean isPciAddress(String s) { return s != null && PCI.matcher(s).matches(); }

    /** {@code ids}: the instance ids seen on this host so far (mdev UUIDs and VF addresses, lower case). */
    static void parent(List<InputProblem> out, Locations loc, String pp, String host, ParentDevice pd, Set<String> ids) {
        for (int i = 0; i < pd.vfs().size(); i++) {
            Vf vf = pd.vfs().get(i);
            String vp = pp + ".vfs[" + i + "]";
            if (vf == null) { out.add(loc.problem(vp, "expected a VF mapping such as {id: \"0000:41:00.4\", type: \"1152\"}")); continue; }
            if (!isPciAddress(vf.id()))
                out.add(loc.problem(vp + ".id", "expected the VF's PCI address like 0000:41:00.4 but got "
                        + (vf.id() == null ? "nothing" : "'" + vf.id() + "'")));
            else if (!ids.add(vf.id().toLowerCase())) out.add(loc.problem(vp + ".id", "duplicate VF " + vf.id() + " on host " + host));
            if (vf.type() != null && vf.type().isBlank()) out.add(loc.problem(vp + ".type", "expected a type id, or no type for a free VF"));
            FleetReader.count(out, loc, vp + ".placement", vf.placement());
            FleetReader.count(out, loc, vp + ".iommuGroup", vf.iommuGroup());
            if (!vf.configured() && vf.placement() != null)
                out.add(loc.problem(vp + ".placement", "VF " + vf.id() + " is free (no type): it has no placement"));
        }
    }

    /** {@code owner}: host/instance id (lower case) → the VM that owns it, filled as VMs are read. */
    /** {@code fragment}: an import's output, where the VF's PF may come from another import (only ownership is checked). */
    static void owner(List<InputProblem> out, Locations loc, String dp, Host host, String vm, VmDevice dev, Map<String, String> owner,
                      boolean fragment) {
        if (dev.mdev() != null) {
            out.add(loc.problem(dp, "expected either mdev or vf, not both"));
            return;
        }
        Vf found = null;
        ParentDevice parent = null;
        for (ParentDevice pd : host.devices()) {
            if (pd == null) continue;
            Vf v = pd.vf(dev.vf());
            if (v != null) { found = v; parent = pd; break; }
        }
        if (found == null && fragment) {
            String prev = owner.putIfAbsent(host.name() + "/" + dev.vf().toLowerCase(), vm);
            if (prev != null) out.add(loc.problem(dp + ".vf", "VF " + dev.vf() + " is already owned by VM " + prev));
            return;
        }
        if (found == null) {
            out.add(loc.problem(dp + ".vf", "VF " + dev.vf() + " does not exist on host " + host.name()));
            return;
        }
        if (!found.configured()) {
            out.add(loc.problem(dp + ".vf", "VF " + dev.vf() + " of " + parent.id() + " on host " + host.name()
                    + " is not set to a type: a VM can only own a configured VF"));
            return;
        }
        String prev = owner.putIfAbsent(host.name() + "/" + dev.vf().toLowerCase(), vm);
        if (prev != null) out.add(loc.problem(dp + ".vf", "VF " + dev.vf() + " is already owned by VM " + prev));
    }
}
