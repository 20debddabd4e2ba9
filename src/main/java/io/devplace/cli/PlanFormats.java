package io.devplace.cli;

import io.devplace.export.ExportFile;
import io.devplace.export.LibvirtExport;
import io.devplace.export.MdevctlExport;
import io.devplace.export.PlanStamp;
import io.devplace.export.ReasonGroups;
import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.model.Reason;
import io.devplace.problem.FleetView;

import java.util.List;

/** Renders a plan as table, json, yaml, mdevctl commands or libvirt hostdev XML (docs/reference/plan.md). */
public final class PlanFormats {
    public static final List<String> FORMATS = List.of("table", "json", "yaml", "mdevctl", "libvirt");

    private PlanFormats() {}

    /** The formats {@code --out-dir} can split into one file per host (mdevctl) or per domain (libvirt). */
    public static final List<String> SPLIT_FORMATS = List.of("mdevctl", "libvirt");

    public static List<ExportFile> files(Plan plan, String format, FleetView view) {
        return switch (format) {
            case "mdevctl" -> MdevctlExport.files(plan, view);
            case "libvirt" -> LibvirtExport.files(plan, view);
            default -> throw new IllegalArgumentException("format " + format + " is one document");
        };
    }

    public static String render(Plan plan, String format, FleetView view) {
        return switch (format) {
            case "json" -> Output.json(plan);
            case "yaml" -> Output.yaml(plan);
            case "mdevctl" -> MdevctlExport.render(plan, view);
            case "libvirt" -> LibvirtExport.render(plan, view);
            default -> table(plan);
        };
    }

    static String table(Plan p) {
        StringBuilder b = new StringBuilder();
        b.append("Evacuation plan for ").append(String.join(", ", p.request().evacuate().isEmpty() ? List.of("(draining/down hosts)") : p.request().evacuate()))
                .append('\n');
        long wave = -1;
        for (Plan.Action a : p.actions()) {
            if (a.wave() != wave) {
                wave = a.wave();
                b.append('\n').append(wave == 0 ? "Wave 0 (free mdevs removed to make room)" : "Wave " + wave).append('\n');
                if (wave > 0) for (Plan.Move m : p.moves()) if (m.wave() == wave) b.append(moveLine(m));
                b.append("  actions:\n");
            }
            b.append("    ").append(actionLine(a)).append('\n');
        }
        if (!p.unplaced().isEmpty()) {
            b.append("\nUnplaced (plan exits 3)\n");
            for (Plan.Unplaced u : p.unplaced()) {
                b.append("  ").append(u.vm()).append('\n');
                for (String l : ReasonGroups.of(u.reasons()).lines()) b.append("    ").append(l).append('\n');
            }
        }
        b.append('\n').append(summary(p)).append('\n');
        String bound = boundLine(p.summary());
        if (bound != null) b.append("Bound: ").append(bound).append('\n');
        return b.toString();
    }

    /** The proven bound in words, e.g. "39 of 40 placed; no plan can place more than 39 (proven optimal)"; null without one. */
    static String boundLine(Plan.Summary s) {
        if (s.placedBound() == null) return null;
        String head = s.placed() + " of " + s.vms() + " placed; no plan can place more than " + s.placedBound();
        if (Boolean.TRUE.equals(s.optimal()))
            return head + (s.placed() == s.placedBound() ? "" : ", and none places more of a higher priority") + " (proven optimal)";
        long gap = s.placedBound() - s.placed();
        return head + " (not proven optimal: " + (gap == 0 ? "a plan might place more of a higher priority"
                : "up to " + gap + " more might be placed") + ")";
    }

    /** The summary in words: placed / unplaced, moves, waves, time; the score is for machines (json, yaml). */
    static String summary(Plan p) {
        Plan.Summary s = p.summary();
        StringBuilder b = new StringBuilder("Summary: ");
        if (s.vms() == 0 && p.moves().isEmpty()) b.append("nothing to move.");
        else {
            b.append(s.placed()).append(" of ").append(s.vms()).append(s.vms() == 1 ? " VM" : " VMs").append(" placed");
            if (s.unplaced() > 0) b.append(", ").append(s.unplaced()).append(" unplaced");
            b.append("; ").append(s.migrations()).append(s.migrations() == 1 ? " migration" : " migrations").append(" in ").append(s.waves())
                    .append(s.waves() == 1 ? " wave" : " waves");
            long removals = p.actions().stream().filter(a -> "remove-mdev".equals(a.op()) && a.wave() == 0).count();
            if (removals > 0) b.append(", ").append(removals).append(" free mdev(s) removed first");
            b.append('.');
        }
        if (s.solveMillis() != null) b.append(" Solved in ").append(seconds(s.solveMillis())).append('.');
        b.append("\nPlan ").append(PlanStamp.digest(p)).append(" (export it with: devplace export -f FLEET PLAN.json -o mdevctl|libvirt)");
        return b.toString();
    }

    static String seconds(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String moveLine(Plan.Move m) {
        StringBuilder b = new StringBuilder("  ").append(m.vm()).append("  ").append(m.mode().wire()).append("  ")
                .append(m.from()).append(" -> ").append(m.to());
        if (m.mode() == MoveMode.LIVE) b.append("  ~").append(m.estimatedDowntimeMs()).append(" ms downtime");
        b.append('\n');
        for (Plan.MoveDevice d : m.devices()) {
            Plan.Target t = d.target();
            b.append("      ").append(d.source().parent()).append(' ').append(d.source().type()).append(" -> ").append(t.parent()).append(' ')
                    .append(t.type()).append(t.attrs().isEmpty() ? "" : " " + t.attrs()).append(' ').append(t.action()).append(' ').append(t.device())
                    .append(t.placement() == null ? "" : " @slot " + t.placement()).append("  (").append(t.rule()).append(")\n");
        }
        return b.toString();
    }

    private static String actionLine(Plan.Action a) {
        return switch (a.op()) {
            case "create-mdev" -> "create-mdev  " + a.host() + " " + a.parent() + " " + a.uuid() + " " + a.type()
                    + (a.attrs() == null || a.attrs().isEmpty() ? "" : " " + a.attrs()) + (a.placement() == null ? "" : " @slot " + a.placement());
            case "migrate" -> "migrate      " + a.vm() + " " + a.mode().wire() + " " + a.from() + " -> " + a.to();
            case Plan.Action.CONFIGURE_VF -> "configure-vf " + a.host() + " " + a.parent() + " " + a.vf() + " " + a.type()
                    + (a.attrs() == null || a.attrs().isEmpty() ? "" : " " + a.attrs()) + (a.placement() == null ? "" : " @slot " + a.placement());
            case Plan.Action.RESET_VF -> "reset-vf     " + a.host() + " " + a.parent() + " " + a.vf();
            default -> "remove-mdev  " + a.host() + " " + a.parent() + " " + a.uuid();
        };
    }

}
