package io.devplace.whatif;

import io.devplace.model.Plan;
import io.devplace.model.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The what-if report as text for a terminal: a summary table, headroom by type, then what went wrong per scenario. */
public final class TextReport {
    private TextReport() {}

    public static String render(WhatIfReport r, WhatIfAnalysis.Details d) {
        StringBuilder b = new StringBuilder();
        b.append("What-if report for ").append(d.fleetName()).append(" (").append(d.hosts()).append(" hosts, ").append(d.vms()).append(" VMs)\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"SCENARIO", "FEASIBLE", "PLACED", "UNPLACED", "MOVES", "IMMOBILE"});
        for (WhatIfReport.ScenarioResult s : r.scenarios())
            rows.add(new String[]{s.name(), s.feasible() ? "yes" : "NO", n(s.placed()), String.valueOf(s.unplaced()), n(s.moves()),
                    s.immobile() == null ? "-" : String.valueOf(s.immobile().size())});
        table(b, rows);

        b.append("\nHeadroom: how many more VMs with one new instance of the type fit (by packing; CPU and memory not counted)\n");
        List<String[]> hr = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("TYPE", "NAME", "BASE"));
        for (WhatIfReport.ScenarioResult s : r.scenarios()) head.add(s.name());
        hr.add(head.toArray(String[]::new));
        for (Map.Entry<String, Long> e : r.base().headroom().entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey(), d.typeNames().getOrDefault(e.getKey(), ""), String.valueOf(e.getValue())));
            for (WhatIfReport.ScenarioResult s : r.scenarios()) row.add(String.valueOf(s.headroom().getOrDefault(e.getKey(), 0L)));
            hr.add(row.toArray(String[]::new));
        }
        table(b, hr);
        b.append("\nBase: immobile (nowhere to live-migrate by the rules): ").append(list(r.base().immobile())).append('\n');

        for (int i = 0; i < r.scenarios().size(); i++) {
            WhatIfReport.ScenarioResult s = r.scenarios().get(i);
            b.append("\n== ").append(s.name()).append(": ").append(s.feasible() ? "feasible" : "NOT feasible").append('\n');
            for (String line : d.scenarios().get(i).definition()) b.append("   ").append(line).append('\n');
            for (WhatIfReport.TemplateHeadroom t : s.templateHeadroom())
                b.append("   template ").append(t.template()).append(": ").append(t.fits()).append(" more fit")
                        .append("lower".equals(t.bound()) ? " (at least)" : "").append('\n');
            if (s.immobile() != null) b.append("   immobile: ").append(list(s.immobile())).append('\n');
            if (s.failures() != null) {
                long bad = s.failures().stream().filter(f -> f.unplaced() > 0).count();
                String label = s.failures().isEmpty() ? null : s.failures().get(0).label();
                b.append(label == null ? "   single-host failures: " : "   failures of one " + label + ": ").append(s.failures().size()).append(", of which ").append(bad).append(" leave VMs unplaced\n");
                int shown = 0;
                for (WhatIfReport.Failure f : s.failures()) {
                    if (f.unplaced() == 0) continue;
                    if (shown++ == 10) { b.append("     ... and ").append(bad - 10).append(" more\n"); break; }
                    List<String> vms = new ArrayList<>();
                    for (Plan.Unplaced u : f.unplacedVms()) vms.add(u.vm());
                    b.append("     ").append(f.title()).append(" down: ").append(f.unplaced()).append(" unplaced (").append(String.join(", ", vms)).append(")\n");
                }
            }
            if (!s.unplacedVms().isEmpty()) {
                b.append(s.failures() != null ? "   unplaced in the worst failure:\n" : "   unplaced:\n");
                for (Plan.Unplaced u : s.unplacedVms()) {
                    b.append("     ").append(u.vm()).append('\n');
                    int shown = 0;
                    for (Reason x : u.reasons()) {
                        if (shown++ == 3) { b.append("         ... and ").append(u.reasons().size() - 3).append(" more\n"); break; }
                        b.append("         ").append(x.code()).append(": ").append(x.detail()).append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    private static String n(Long v) { return v == null ? "-" : String.valueOf(v); }

    private static String list(List<String> l) { return l.isEmpty() ? "none" : String.join(", ", l); }

    private static void table(StringBuilder b, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) for (int c = 0; c < cols; c++) w[c] = Math.max(w[c], r[c].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                line.append(r[c]);
                if (c < cols - 1) line.append(" ".repeat(w[c] - r[c].length() + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
