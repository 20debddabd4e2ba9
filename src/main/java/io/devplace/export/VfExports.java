package io.devplace.export;

import io.devplace.model.Plan;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.VfSpec;

import java.util.List;

/**
 * The VF side of the plan exports: a VF target as libvirt's PCI hostdev, and configure-vf / reset-vf
 * as the sysfs writes the parent's VF pack declares ({@code vf.configure}, {@code vf.reset}); no driver's file names are
 * written here.
 */
public final class VfExports {
    private VfExports() {}

    /**
     * {@code <hostdev mode='subsystem' type='pci' managed='yes'>} with the VF's address (libvirt formatdomain, "PCI
     * devices"): managed, so libvirt detaches the VF from its host driver and hands it to vfio-pci (or the variant
     * driver the VF is bound to) when the domain starts.
     */
    public static String libvirtHostdev(String vf) {
        String[] dbsf = vf.split("[:.]");
        return "<hostdev mode='subsystem' type='pci' managed='yes'>\n  <source>\n    <address domain='0x" + dbsf[0] + "' bus='0x" + dbsf[1]
                + "' slot='0x" + dbsf[2] + "' function='0x" + dbsf[3] + "'/>\n  </source>\n</hostdev>\n";
    }

    /** The shell lines of a configure-vf or reset-vf action, from the governing pack; a comment when no pack says how. */
    static String shell(Plan.Action a, FleetView view) {
        ParentView pv = view == null ? null : view.parent(a.host(), a.parent());
        LoadedPack pack = pv == null ? null : pv.governed().pack();
        VfSpec spec = pack == null ? null : pack.pack().vf();
        boolean configure = Plan.Action.CONFIGURE_VF.equals(a.op());
        StringBuilder b = new StringBuilder("    # ")
                .append(configure ? "set VF " + a.vf() + " to type " + a.type() : "reset VF " + a.vf() + (a.wave() == 0 ? " (free, to make room)" : " (after the migration)"))
                .append('\n');
        List<VfSpec.SysfsWrite> writes = spec == null ? List.of() : configure ? spec.configure() : spec.reset();
        if (writes.isEmpty()) {
            b.append("    # no rule pack says how to ").append(configure ? "set" : "reset").append(" a VF of ").append(a.parent())
                    .append(" on ").append(a.host()).append(": do it by hand\n");
            return b.toString();
        }
        if (configure && a.placement() != null)
            b.append("    # placement: the plan puts this instance at slot offset ").append(a.placement())
                    .append("; the pack gives no way to set it, so check afterwards that the driver chose the same one\n");
        b.append("    # (pack ").append(pack.name()).append(")\n");
        for (VfSpec.SysfsWrite w : writes)
            b.append("    echo ").append(Shell.quote(VfSpec.expand(w.value(), a.vf(), a.parent(), a.type()))).append(" > ")
                    .append(Shell.quote(VfSpec.sysfsPath(w.path(), a.vf(), a.parent(), a.type()))).append('\n');
        return b.toString();
    }

}
