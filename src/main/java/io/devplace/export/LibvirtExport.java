package io.devplace.export;

import io.devplace.model.Plan;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.rules.TypeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plan as the {@code <hostdev mode='subsystem' type='mdev'>} elements each moved domain needs in its destination
 * XML, one file per domain. Where the source domain gave the device a guest-visible {@code <address>}, the target
 * hostdev keeps it: the guest finds its device where it was (libvirt would otherwise pick a free slot).
 */
public final class LibvirtExport {
    private LibvirtExport() {}

    public static List<ExportFile> files(Plan plan, FleetView view) {
        PlanStamp stamp = PlanStamp.of(plan);
        SourceFacts facts = new SourceFacts(view.fleet());
        List<ExportFile> out = new ArrayList<>();
        for (Plan.Move m : plan.moves()) {
            StringBuilder b = new StringBuilder();
            header(b, stamp);
            domain(b, m, view, facts);
            out.add(new ExportFile(ExportFile.safe(m.vm(), ".xml"), b.toString()));
        }
        return out;
    }

    public static String render(Plan plan, FleetView view) {
        StringBuilder b = new StringBuilder("<!-- devplace export: libvirt hostdev XML per moved domain (--out-dir writes them as DOMAIN.xml) -->\n");
        header(b, PlanStamp.of(plan));
        SourceFacts facts = new SourceFacts(view.fleet());
        for (Plan.Move m : plan.moves()) domain(b, m, view, facts);
        return b.toString();
    }

    private static void header(StringBuilder b, PlanStamp stamp) {
        for (String l : stamp.lines()) b.append("<!-- ").append(Shell.comment(l)).append(" -->\n");
    }

    private static void domain(StringBuilder b, Plan.Move m, FleetView view, SourceFacts facts) {
        b.append("<!-- ").append(Shell.comment(m.vm() + ": " + m.from() + " -> " + m.to() + ", wave " + m.wave() + ", " + m.mode().wire()))
                .append(" -->\n");
        for (Plan.MoveDevice d : m.devices()) {
            ParentView pv = view.parent(m.to(), d.target().parent());
            TypeInfo t = pv == null ? null : pv.governed().type(d.target().type());
            String model = t == null || t.deviceApi() == null ? "vfio-pci" : t.deviceApi();
            b.append("<hostdev mode='subsystem' type='mdev' model='").append(xml(model)).append("' managed='no'>\n")
                    .append("  <source>\n    <address uuid='").append(xml(d.target().uuid())).append("'/>\n  </source>\n");
            Map<String, String> address = facts.guestAddress(m, d);
            if (address != null) {
                b.append("  <address");
                address.forEach((k, v) -> b.append(' ').append(xml(k)).append("='").append(xml(v)).append('\''));
                b.append("/>\n");
            }
            b.append("</hostdev>\n");
        }
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }

}
