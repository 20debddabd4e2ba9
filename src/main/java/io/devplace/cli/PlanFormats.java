package io.devplace.cli;

import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.model.Reason;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.rules.TypeInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a plan as table, json, yaml, mdevctl commands or libvirt hostdev XML (SPEC §2.1). */
public final class PlanFormats {
    public static final List<String> FORMATS = List.of("table", "json", "yaml", "mdevctl", "libvirt");

    private PlanFormats() {}

    public static String render(Plan plan, String format, FleetView view) {
        return switch (format) {
            case "json" -> Output.json(plan);
            case "yaml" -> Output.yaml(plan);
            case "mdevctl" -> mdevctl(plan);
            case "libvirt" -> libvirt(plan, view);
            default -> table(plan);
        };
    }

    static String table(Plan p) {
        StringBuilder b = new StringBuilder();
        Plan.Summary s = p.summary();
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
            b.append("\nUnplaced\n");
            for (Plan.Unplaced u : p.unplaced()) {
                b.append("  ").append(u.vm()).append('\n');
                int shown = 0;
                for (Reason r : u.reasons()) {
                    if (shown++ == 5) { b.append("      ... and ").append(u.reasons().size() - 5).append(" more host(s)\n"); break; }
                    b.append("      ").append(r.code()).append(": ").append(r.detail()).append('\n');
                }
            }
        }
        b.append("\nSummary: ").append(s.vms()).append(" VMs to move, ").append(s.placed()).append(" placed, ").append(s.unplaced())
                .append(" unplaced; ").append(s.migrations()).append(" migrations in ").append(s.waves()).append(" wave(s); score ")
                .append(s.score()).append(", solved in ").append(s.solveMillis()).append(" ms\n");
        String bound = boundLine(s);
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

    private static String moveLine(Plan.Move m) {
        StringBuilder b = new StringBuilder("  ").append(m.vm()).append("  ").append(m.mode().wire()).append("  ")
                .append(m.from()).append(" -> ").append(m.to());
        if (m.mode() == MoveMode.LIVE) b.append("  ~").append(m.estimatedDowntimeMs()).append(" ms downtime");
        b.append('\n');
        for (Plan.MoveDevice d : m.devices()) {
            Plan.Target t = d.target();
            b.append("      ").append(d.source().parent()).append(' ').append(d.source().type()).append(" -> ").append(t.parent()).append(' ')
                    .append(t.type()).append(t.attrs().isEmpty() ? "" : " " + t.attrs()).append(' ').append(t.action()).append(' ').append(t.uuid())
                    .append(t.placement() == null ? "" : " @slot " + t.placement()).append("  (").append(t.rule()).append(")\n");
        }
        return b.toString();
    }

    private static String actionLine(Plan.Action a) {
        return switch (a.op()) {
            case "create-mdev" -> "create-mdev  " + a.host() + " " + a.parent() + " " + a.uuid() + " " + a.type()
                    + (a.attrs() == null || a.attrs().isEmpty() ? "" : " " + a.attrs()) + (a.placement() == null ? "" : " @slot " + a.placement());
            case "migrate" -> "migrate      " + a.vm() + " " + a.mode().wire() + " " + a.from() + " -> " + a.to();
            default -> "remove-mdev  " + a.host() + " " + a.parent() + " " + a.uuid();
        };
    }

    /** One mdevctl define/start pair per create, the JSON config inline (mdevctl's own format: mdev_type, start, attrs). */
    static String mdevctl(Plan p) {
        StringBuilder b = new StringBuilder("#!/bin/sh\n# devplace plan: mdevctl commands for the target hosts, in wave order.\n")
                .append("# Run each block on the host it names, in this order: a wave's creates, its migrations, then its removals.\n")
                .append("# devplace never runs these itself.\nset -e\n");
        for (Plan.Action a : p.actions()) {
            if ("create-mdev".equals(a.op())) {
                Map<String, Object> cfg = new LinkedHashMap<>();
                cfg.put("mdev_type", a.type());
                cfg.put("start", "manual");
                cfg.put("attrs", a.attrs() == null ? List.of() : a.attrs());
                String json = Output.json(cfg).replaceAll("\\s*\\n\\s*", " ").trim();
                b.append("\n# wave ").append(a.wave()).append(" on ").append(a.host()).append('\n')
                        .append("mdevctl define --parent ").append(a.parent()).append(" --uuid ").append(a.uuid()).append(" --jsonfile /dev/stdin <<'DEVPLACE_JSON'\n")
                        .append(json).append("\nDEVPLACE_JSON\n")
                        .append("mdevctl start --parent ").append(a.parent()).append(" --uuid ").append(a.uuid()).append('\n');
            } else if ("migrate".equals(a.op())) {
                b.append("\n# wave ").append(a.wave()).append(": ").append(a.mode().wire()).append("-migrate ").append(a.vm()).append(' ')
                        .append(a.from()).append(" -> ").append(a.to()).append(" (your orchestrator; the target's devices above must exist first)\n");
            } else if ("remove-mdev".equals(a.op())) {
                b.append("\n# wave ").append(a.wave()).append(" on ").append(a.host()).append(a.wave() == 0 ? " (free mdev, to make room)" : " (after the migration)").append('\n')
                        .append("mdevctl stop --uuid ").append(a.uuid()).append(" || true\n")
                        .append("mdevctl undefine --parent ").append(a.parent()).append(" --uuid ").append(a.uuid()).append('\n');
            }
        }
        return b.toString();
    }

    /** The {@code <hostdev type='mdev'>} each migrated domain needs on its target (for the migration's destination XML). */
    static String libvirt(Plan p, FleetView view) {
        StringBuilder b = new StringBuilder();
        for (Plan.Move m : p.moves()) {
            b.append("<!-- ").append(m.vm()).append(": ").append(m.from()).append(" -> ").append(m.to()).append(", wave ").append(m.wave())
                    .append(", ").append(m.mode().wire()).append(" -->\n");
            for (Plan.MoveDevice d : m.devices()) {
                ParentView pv = view.parent(m.to(), d.target().parent());
                TypeInfo t = pv == null ? null : pv.governed().type(d.target().type());
                String model = t == null || t.deviceApi() == null ? "vfio-pci" : t.deviceApi();
                b.append("<hostdev mode='subsystem' type='mdev' model='").append(model).append("' managed='no'>\n")
                        .append("  <source>\n    <address uuid='").append(d.target().uuid()).append("'/>\n  </source>\n</hostdev>\n");
            }
        }
        return b.toString();
    }
}
