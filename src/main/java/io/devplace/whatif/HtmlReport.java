package io.devplace.whatif;

import io.devplace.model.Plan;
import io.devplace.model.Reason;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The what-if report as one self-contained HTML file: inline CSS, charts as inline SVG drawn here, no script and
 * nothing fetched from the network. Every piece of text that comes from the inputs (host, VM, scenario and type names,
 * reason details) is HTML-escaped.
 */
public final class HtmlReport {
    private static final String BASE_COLOUR = "#6b7280";
    private static final String[] PALETTE = {"#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d"};
    /** Heat-map host rows per column before wrapping into the next column (more when the columns would not fit). */
    private static final int ROWS_PER_COLUMN = 30;
    /** Width a heat map may take before its columns grow taller instead of more numerous (the page is ~1270 px wide). */
    private static final int MAX_MAP_WIDTH = 1260;

    private HtmlReport() {}

    public static String render(WhatIfReport r, WhatIfAnalysis.Details d) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>devplace what-if: ").append(esc(d.fleetName())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header><h1>Capacity what-if</h1><p class=\"meta\">Fleet <b>").append(esc(d.fleetName())).append("</b> · ")
                .append(d.hosts()).append(" hosts · ").append(d.vms()).append(" VMs · ").append(r.scenarios().size()).append(" scenario(s) · ")
                .append(d.solves()).append(" solve(s) in ").append(String.format(Locale.ROOT, "%.1f", d.millis() / 1000.0)).append(" s on ")
                .append(d.threads()).append(" thread(s), time limit ").append(esc(d.timeLimit())).append(" per solve</p></header>\n<main>\n");
        summary(b, r, d);
        headroomSection(b, r, d);
        baseSection(b, r, d);
        for (int i = 0; i < r.scenarios().size(); i++) scenario(b, i, r, d);
        b.append("</main>\n<footer>\n").append(FOOTER).append("</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------ summary

    private static void summary(StringBuilder b, WhatIfReport r, WhatIfAnalysis.Details d) {
        b.append("<section id=\"summary\"><h2>Summary</h2>\n<table class=\"grid\"><thead><tr><th>Scenario</th><th>Result</th>")
                .append("<th class=\"num\">Placed</th><th class=\"num\">Unplaced</th><th class=\"num\">Moves</th><th class=\"num\">Immobile</th>")
                .append("<th>What it does</th><th>Answer</th></tr></thead><tbody>\n");
        for (int i = 0; i < r.scenarios().size(); i++) {
            WhatIfReport.ScenarioResult s = r.scenarios().get(i);
            b.append("<tr><td><a href=\"#scenario-").append(i).append("\">").append(esc(s.name())).append("</a></td><td>").append(badge(s.feasible()))
                    .append("</td><td class=\"num\">").append(n(s.placed())).append("</td><td class=\"num\">").append(s.unplaced())
                    .append("</td><td class=\"num\">").append(n(s.moves())).append("</td><td class=\"num\">")
                    .append(s.immobile() == null ? "–" : String.valueOf(s.immobile().size())).append("</td><td>");
            for (String line : d.scenarios().get(i).definition()) b.append("<div>").append(esc(line)).append("</div>");
            b.append("</td><td>").append(esc(answer(s, r.base()))).append("</td></tr>\n");
        }
        b.append("</tbody></table></section>\n");
    }

    /** One sentence a person can take away. */
    static String answer(WhatIfReport.ScenarioResult s, WhatIfReport.Base base) {
        List<String> parts = new ArrayList<>();
        if (s.failures() != null) {
            long bad = s.failures().stream().filter(f -> f.unplaced() > 0).count();
            String label = s.failures().isEmpty() ? null : s.failures().get(0).label();
            parts.add(bad == 0 ? (label == null ? "Every single-host failure is survivable." : "Every failure of one " + label + " is survivable.")
                    : bad + " of " + s.failures().size() + (label == null ? " single-host failures" : " failures of one " + label)
                    + " leave VMs unplaced; worst: " + worst(s.failures()).title() + " down leaves " + s.unplaced() + ".");
        } else {
            if (!s.feasible()) parts.add(s.unplaced() + " VM(s) cannot be placed.");
            else if (s.placed() != null && s.placed() == 0 && s.moves() != null && s.moves() == 0) parts.add("Nothing has to move.");
            else parts.add("Everything fits: " + s.placed() + " VM(s) placed with " + s.moves() + " move(s).");
        }
        for (WhatIfReport.TemplateHeadroom t : s.templateHeadroom())
            parts.add("Template " + t.template() + ": " + ("lower".equals(t.bound()) ? "at least " : "") + t.fits() + " more fit.");
        if (s.immobile() != null) {
            List<String> fresh = newlyImmobile(s, base);
            if (!fresh.isEmpty()) parts.add(fresh.size() + " VM(s) can no longer live-migrate anywhere.");
        }
        return String.join(" ", parts);
    }

    /** The failure with the most unplaced VMs, the first of them (host sweeps are ranked; label sweeps by value). */
    static WhatIfReport.Failure worst(List<WhatIfReport.Failure> failures) {
        WhatIfReport.Failure w = failures.get(0);
        for (WhatIfReport.Failure f : failures) if (f.unplaced() > w.unplaced()) w = f;
        return w;
    }

    private static List<String> newlyImmobile(WhatIfReport.ScenarioResult s, WhatIfReport.Base base) {
        List<String> out = new ArrayList<>();
        if (s.immobile() == null) return out;
        Set<String> before = new LinkedHashSet<>(base.immobile());
        for (String v : s.immobile()) if (!before.contains(v)) out.add(v);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ headroom chart

    private static void headroomSection(StringBuilder b, WhatIfReport r, WhatIfAnalysis.Details d) {
        b.append("<section id=\"headroom\"><h2>Headroom by device type</h2>\n<p class=\"note\">How many more VMs, each holding one new ")
                .append("instance of the type (no attrs, aggregation 1, CPU and memory not counted), still fit: by packing every parent with its ")
                .append("capacity model (exclusive locks, slots, counters), not by summing free counters. Bars are scaled per type; ")
                .append("the number is the headroom. Sweeps show the minimum over their single-host failures.</p>\n");
        List<String> series = new ArrayList<>();
        List<Map<String, Long>> values = new ArrayList<>();
        series.add("base (fleet as is)");
        values.add(r.base().headroom());
        for (WhatIfReport.ScenarioResult s : r.scenarios()) { series.add(s.name()); values.add(s.headroom()); }
        b.append("<div class=\"legend\">");
        for (int i = 0; i < series.size(); i++)
            b.append("<span><i style=\"background:").append(colour(i)).append("\"></i>").append(esc(series.get(i))).append("</span>");
        b.append("</div>\n");
        List<String> shown = new ArrayList<>(), zero = new ArrayList<>();
        for (String t : r.base().headroom().keySet()) {
            boolean any = false;
            for (Map<String, Long> v : values) any |= v.getOrDefault(t, 0L) > 0;
            (any ? shown : zero).add(t);
        }
        // types in two columns once there are more than a few, to keep the chart within one screen or two
        int columns = shown.size() > 6 ? 2 : 1;
        int perColumn = (shown.size() + columns - 1) / Math.max(1, columns);
        int labelW = 190, barW = columns == 2 ? 320 : 560, barH = 12, gap = 16;
        int rowH = series.size() * barH + gap;
        int colW = labelW + barW + 60;
        int height = Math.max(1, perColumn) * rowH + 6;
        int width = columns * colW;
        b.append("<svg class=\"chart\" role=\"img\" aria-label=\"Headroom by device type\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int k = 0; k < shown.size(); k++) {
            String t = shown.get(k);
            int x0 = (k / Math.max(1, perColumn)) * colW, y = 4 + (k % Math.max(1, perColumn)) * rowH;
            long max = 1;
            for (Map<String, Long> v : values) max = Math.max(max, v.getOrDefault(t, 0L));
            b.append("<g class=\"type\"><text class=\"tid\" x=\"").append(x0).append("\" y=\"").append(y + 11).append("\">").append(esc(t)).append("</text>");
            String name = d.typeNames().get(t);
            if (name != null) b.append("<text class=\"tname\" x=\"").append(x0).append("\" y=\"").append(y + 26).append("\">").append(esc(name)).append("</text>");
            b.append("<line x1=\"").append(x0 + labelW).append("\" x2=\"").append(x0 + labelW).append("\" y1=\"").append(y - 2).append("\" y2=\"")
                    .append(y + series.size() * barH).append("\" class=\"axis\"/>");
            for (int i = 0; i < series.size(); i++) {
                long v = values.get(i).getOrDefault(t, 0L);
                int w = (int) Math.round((double) v / max * barW);
                if (v > 0) w = Math.max(w, 2);
                int by = y + i * barH;
                b.append("<rect x=\"").append(x0 + labelW).append("\" y=\"").append(by).append("\" width=\"").append(w)
                        .append("\" height=\"").append(barH - 2).append("\" fill=\"").append(colour(i)).append("\"><title>")
                        .append(esc(series.get(i) + ": " + t + " headroom " + v)).append("</title></rect>")
                        .append("<text class=\"val\" x=\"").append(x0 + labelW + w + 4).append("\" y=\"").append(by + barH - 3).append("\">")
                        .append(v).append("</text>");
            }
            b.append("</g>\n");
        }
        b.append("</svg>\n");
        if (!zero.isEmpty())
            b.append("<p class=\"note\">No headroom anywhere (0 in every column): ").append(esc(String.join(", ", zero))).append(".</p>\n");
        // the same numbers as a table, for copying and for screen readers
        b.append("<details><summary>Headroom as a table</summary><table class=\"grid\"><thead><tr><th>Type</th><th>Name</th>");
        for (String s : series) b.append("<th class=\"num\">").append(esc(s)).append("</th>");
        b.append("</tr></thead><tbody>");
        for (String t : r.base().headroom().keySet()) {
            b.append("<tr><td>").append(esc(t)).append("</td><td>").append(esc(d.typeNames().getOrDefault(t, ""))).append("</td>");
            for (Map<String, Long> v : values) b.append("<td class=\"num\">").append(v.getOrDefault(t, 0L)).append("</td>");
            b.append("</tr>");
        }
        b.append("</tbody></table></details></section>\n");
    }

    private static String colour(int series) { return series == 0 ? BASE_COLOUR : PALETTE[(series - 1) % PALETTE.length]; }

    // ------------------------------------------------------------------------------------------------ base

    private static void baseSection(StringBuilder b, WhatIfReport r, WhatIfAnalysis.Details d) {
        b.append("<section id=\"base\"><h2>The fleet as it is</h2>\n<p><b>Immobile</b> (live-migratable, but no other host they could ")
                .append("live-migrate to by the rules alone): ").append(vmList(r.base().immobile())).append("</p>\n");
        b.append("<figure>").append(heatMap(d.before(), null)).append("<figcaption>Utilisation now</figcaption></figure>\n");
        b.append(HEAT_LEGEND).append("</section>\n");
    }

    // ------------------------------------------------------------------------------------------------ one scenario

    private static void scenario(StringBuilder b, int i, WhatIfReport r, WhatIfAnalysis.Details d) {
        WhatIfReport.ScenarioResult s = r.scenarios().get(i);
        WhatIfAnalysis.ScenarioDetails sd = d.scenarios().get(i);
        b.append("<section class=\"scenario\" id=\"scenario-").append(i).append("\"><h2>").append(esc(s.name())).append(' ').append(badge(s.feasible()))
                .append("</h2>\n<ul class=\"def\">");
        for (String line : sd.definition()) b.append("<li>").append(esc(line)).append("</li>");
        b.append("</ul>\n<p class=\"answer\">").append(esc(answer(s, r.base()))).append("</p>\n<div class=\"cards\">");
        if (s.failures() != null) {
            long bad = s.failures().stream().filter(f -> f.unplaced() > 0).count();
            card(b, "Single-host failures", String.valueOf(s.failures().size()));
            card(b, "Failures with VMs unplaced", String.valueOf(bad));
            card(b, "Worst failure: unplaced", String.valueOf(s.unplaced()));
        } else {
            card(b, "Placed", n(s.placed()));
            card(b, "Unplaced", String.valueOf(s.unplaced()));
            card(b, "Moves", n(s.moves()));
            card(b, "Immobile", s.immobile() == null ? "–" : String.valueOf(s.immobile().size()));
        }
        b.append("</div>\n");
        if (!s.templateHeadroom().isEmpty()) {
            b.append("<h3>Added VM templates: how many more fit</h3><table class=\"grid\"><thead><tr><th>Template</th><th class=\"num\">More fit</th><th>Bound</th></tr></thead><tbody>");
            for (WhatIfReport.TemplateHeadroom t : s.templateHeadroom())
                b.append("<tr><td>").append(t.template()).append("</td><td class=\"num\">").append(t.fits()).append("</td><td>")
                        .append("lower".equals(t.bound()) ? "lower bound (greedy packing)" : "exact").append("</td></tr>");
            b.append("</tbody></table>\n");
        }
        if (s.immobile() != null) {
            List<String> fresh = newlyImmobile(s, r.base());
            b.append("<h3>Immobile VMs</h3><p>").append(vmList(s.immobile())).append("</p>");
            if (!fresh.isEmpty()) b.append("<p class=\"warn\">Newly immobile in this scenario: ").append(vmList(fresh)).append("</p>");
            b.append('\n');
        }
        if (s.failures() != null) failures(b, s);
        if (!s.unplacedVms().isEmpty()) {
            b.append("<h3>").append(s.failures() != null ? "Unplaced VMs in the worst failure" : "Unplaced VMs").append("</h3>\n");
            unplacedTable(b, s.unplacedVms());
        }
        b.append("<div class=\"maps\"><figure>").append(heatMap(d.before(), null)).append("<figcaption>Before</figcaption></figure><figure>")
                .append(heatMap(sd.after(), d.before())).append("<figcaption>").append(esc(capitalise(sd.afterCaption())))
                .append(" — changed parents outlined").append(sd.after().stream().anyMatch(x -> x.note() != null) ? "; ✱ attributes set by the scenario" : "")
                .append("</figcaption></figure></div>\n").append(HEAT_LEGEND).append("</section>\n");
    }

    private static void failures(StringBuilder b, WhatIfReport.ScenarioResult s) {
        String label = s.failures().isEmpty() ? null : s.failures().get(0).label();
        b.append(label == null ? "<h3>Single-host failures, worst first</h3>\n" : "<h3>Failures of one " + esc(label) + ", by value</h3>\n")
                .append("<table class=\"grid\"><thead><tr><th>").append(label == null ? "Host down" : esc(label) + " down")
                .append("</th><th class=\"num\">Unplaced</th><th>VMs left unplaced</th></tr></thead><tbody>");
        int shown = 0;
        List<String> fine = new ArrayList<>();
        for (WhatIfReport.Failure f : s.failures()) {
            if (f.unplaced() == 0) { fine.add(f.title()); continue; }
            if (shown++ == 50) b.append("</tbody></table><details><summary>more failures</summary><table class=\"grid\"><tbody>");
            List<String> vms = new ArrayList<>();
            for (Plan.Unplaced u : f.unplacedVms()) vms.add(u.vm());
            b.append("<tr><td>").append(esc(f.title())).append("</td><td class=\"num bad\">").append(f.unplaced()).append("</td><td>")
                    .append(esc(String.join(", ", vms))).append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (shown > 50) b.append("</details>");
        b.append('\n');
        if (!fine.isEmpty())
            b.append("<details><summary>").append(fine.size()).append(" failure(s) leave nothing unplaced</summary><p>")
                    .append(esc(String.join(", ", fine))).append("</p></details>\n");
    }

    private static void unplacedTable(StringBuilder b, List<Plan.Unplaced> list) {
        b.append("<table class=\"grid unplaced\"><thead><tr><th>VM</th><th>Why not (per candidate host, most telling first)</th></tr></thead><tbody>\n");
        for (Plan.Unplaced u : list) {
            b.append("<tr><td class=\"vm\">").append(esc(u.vm())).append("</td><td><ul class=\"reasons\">");
            for (int k = 0; k < Math.min(3, u.reasons().size()); k++) reason(b, u.reasons().get(k));
            b.append("</ul>");
            if (u.reasons().size() > 3) {
                b.append("<details><summary>").append(u.reasons().size() - 3).append(" more</summary><ul class=\"reasons\">");
                for (int k = 3; k < u.reasons().size(); k++) reason(b, u.reasons().get(k));
                b.append("</ul></details>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void reason(StringBuilder b, Reason x) {
        b.append("<li><code>").append(esc(x.code())).append("</code> ").append(esc(x.detail())).append("</li>");
    }

    // ------------------------------------------------------------------------------------------------ heat map

    /** Hosts as rows (CPU, memory, then one cell per parent), wrapped into columns; {@code before}: outline changes. */
    static String heatMap(List<HeatMap.Row> rows, List<HeatMap.Row> before) {
        Map<String, Double> was = new HashMap<>();
        if (before != null)
            for (HeatMap.Row r : before) for (HeatMap.Cell c : r.cells()) was.put(r.host() + "\u0000" + c.parent(), c.util());
        int maxCells = 0;
        for (HeatMap.Row r : rows) maxCells = Math.max(maxCells, r.cells().size());
        // rowH leaves room under each device cell for its label: what a column is must be readable without hovering
        int labelW = 130, cw = 34, ch = 18, gap = 3, rowH = ch + 14, colGap = 24, headH = 16;
        int colW = labelW + 2 * (cw + gap) + 8 + maxCells * (cw + gap) + colGap;
        int maxColumns = Math.max(1, MAX_MAP_WIDTH / colW);
        int perCol = Math.max(ROWS_PER_COLUMN, (rows.size() + maxColumns - 1) / maxColumns);
        int columns = Math.max(1, (rows.size() + perCol - 1) / perCol);
        perCol = Math.min(perCol, Math.max(1, rows.size()));
        int width = columns * colW, height = headH + perCol * rowH + 4;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"heat\" role=\"img\" aria-label=\"Utilisation heat map\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int c = 0; c < columns; c++) {
            int x0 = c * colW;
            b.append("<text class=\"hh\" x=\"").append(x0 + labelW + cw / 2).append("\" y=\"11\" text-anchor=\"middle\">CPU</text>")
                    .append("<text class=\"hh\" x=\"").append(x0 + labelW + cw + gap + cw / 2).append("\" y=\"11\" text-anchor=\"middle\">MEM</text>")
                    .append("<text class=\"hh\" x=\"").append(x0 + labelW + 2 * (cw + gap) + 8).append("\" y=\"11\">devices</text>\n");
        }
        for (int i = 0; i < rows.size(); i++) {
            HeatMap.Row r = rows.get(i);
            int x0 = (i / perCol) * colW, y = headH + (i % perCol) * rowH;
            b.append("<g><text class=\"host").append(r.emptied() ? " gone" : "").append("\" x=\"").append(x0).append("\" y=\"").append(y + 13).append("\">")
                    .append(esc(shorten(r.host(), 17))).append(r.emptied() ? " (" + esc(r.state()) + ")" : "").append(r.note() == null ? "" : " ✱")
                    .append("<title>").append(esc(r.host())).append(" — ").append(esc(r.state()))
                    .append(r.note() == null ? "" : "; " + esc(r.note())).append("</title></text>");
            cell(b, x0 + labelW, y, cw, ch, r.cpu(), r.host() + " CPU", "", false);
            cell(b, x0 + labelW + cw + gap, y, cw, ch, r.memory(), r.host() + " memory", "", false);
            int cx = x0 + labelW + 2 * (cw + gap) + 8;
            for (HeatMap.Cell cl : r.cells()) {
                Double old = was.get(r.host() + "\u0000" + cl.parent());
                // emptied hosts are grey already; outline only parents whose use changed
                boolean changed = before != null && old != null && !Double.isNaN(cl.util())
                        && (Double.isNaN(old) || Math.abs(old - cl.util()) > 1e-9);
                cell(b, cx, y, cw, ch, cl.util(), r.host() + " " + cl.parent() + " (" + cl.model() + ")", cl.holds(), changed);
                b.append("<text class=\"dl\" x=\"").append(cx + cw / 2).append("\" y=\"").append(y + ch + 9).append("\" text-anchor=\"middle\">")
                        .append(esc(deviceLabel(cl))).append("</text>");
                cx += cw + gap;
            }
            b.append("</g>\n");
        }
        b.append("</svg>");
        return b.toString();
    }

    /** A device column's visible label: the model's last word (A16, L40S) or the driver, and the parent's bus/slot. */
    static String deviceLabel(HeatMap.Cell c) {
        String m = c.model() == null ? "" : c.model().trim();
        String word = m.contains(" ") ? m.substring(m.lastIndexOf(' ') + 1) : m;
        String id = c.parent() == null ? "" : c.parent();
        // 0000:3b:00.0 -> 3b; ids of other buses as they are, shortened
        String slot = id.matches("\\p{XDigit}{4,}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.\\p{XDigit}") ? id.substring(id.indexOf(':') + 1, id.lastIndexOf(':')) : id;
        return shorten(word, 5) + (slot.isEmpty() ? "" : " " + shorten(slot, 4));
    }

    private static void cell(StringBuilder b, int x, int y, int w, int h, double u, String what, String holds, boolean changed) {
        boolean gone = Double.isNaN(u);
        String fill = gone ? "#d4d4d8" : heat(u);
        b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" rx=\"2\" fill=\"").append(fill).append('"');
        if (changed) b.append(" stroke=\"#111827\" stroke-width=\"2\"");
        b.append("><title>").append(esc(what)).append(": ").append(gone ? "being emptied" : pct(u) + " used")
                .append(holds.isEmpty() ? "" : " — " + esc(holds)).append("</title></rect>");
        if (!gone)
            b.append("<text class=\"pct\" x=\"").append(x + w / 2).append("\" y=\"").append(y + h - 5).append("\" text-anchor=\"middle\" fill=\"")
                    .append(u > 0.6 ? "#ffffff" : "#1f2937").append("\">").append(Math.round(u * 100)).append("</text>");
    }

    /** 0 → pale green, 0.5 → amber, 1 → dark red. */
    static String heat(double u) {
        u = Math.max(0, Math.min(1, u));
        int[] a = {0xe8, 0xf5, 0xe9}, m = {0xfb, 0xbf, 0x24}, z = {0xb9, 0x1c, 0x1c};
        int[] from = u < 0.5 ? a : m, to = u < 0.5 ? m : z;
        double t = u < 0.5 ? u / 0.5 : (u - 0.5) / 0.5;
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(from[0], to[0], t), mix(from[1], to[1], t), mix(from[2], to[2], t));
    }

    private static int mix(int a, int b, double t) { return (int) Math.round(a + (b - a) * t); }

    // ------------------------------------------------------------------------------------------------ helpers

    /** HTML-escapes text for element content and attribute values alike. */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') b.append('\uFFFD'); // control characters are not allowed in XML/SVG text
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    private static String shorten(String s, int max) { return s.length() <= max ? s : s.substring(0, max - 1) + "…"; }

    private static String capitalise(String s) { return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1); }

    private static String pct(double u) { return Math.round(u * 100) + "%"; }

    private static String n(Long v) { return v == null ? "–" : String.valueOf(v); }

    private static String badge(boolean ok) {
        return ok ? "<span class=\"badge ok\">feasible</span>" : "<span class=\"badge bad\">infeasible</span>";
    }

    private static void card(StringBuilder b, String label, String value) {
        b.append("<div class=\"card\"><div class=\"v\">").append(esc(value)).append("</div><div class=\"l\">").append(esc(label)).append("</div></div>");
    }

    private static String vmList(List<String> vms) {
        if (vms.isEmpty()) return "none";
        StringBuilder b = new StringBuilder();
        for (String v : vms) b.append("<span class=\"chip\">").append(esc(v)).append("</span> ");
        return b.toString().trim();
    }

    private static final String HEAT_LEGEND = "<div class=\"hlegend\"><span>0%</span><i class=\"ramp\"></i><span>100% used</span>"
            + "<i class=\"gone\"></i><span>host being emptied (down or draining)</span><i class=\"chg\"></i><span>changed by the scenario</span></div>\n";

    private static final String FOOTER = """
            <h2>How to read this</h2>
            <dl>
            <dt>Placed, unplaced, moves</dt><dd>Each scenario is planned exactly like <code>devplace plan</code> would: VMs on down hosts
            restart elsewhere, VMs on draining hosts live-migrate, added VMs are placed as new VMs. <em>Placed</em> counts every VM the
            scenario had to place (moved, restarted and added); <em>moves</em> counts moves of existing VMs.</dd>
            <dt>Headroom</dt><dd>For every device type some parent can create: how many more VMs, each with exactly one new instance of
            that type, fit after the scenario — found by adding instances to every parent of every host that is not being emptied until its
            capacity model refuses (exclusive type locks, slot placement, counters). Template headroom packs whole VMs of an added
            template, CPU and memory included; when the template has several devices the greedy packing is a lower bound.</dd>
            <dt>Immobile</dt><dd>Live-migratable VMs that do not move in the scenario and afterwards have no other host they could
            live-migrate to by the compatibility rules and pack requirements alone (capacity ignored): what a change such as a driver
            upgrade breaks.</dd>
            <dt>Utilisation</dt><dd>Per parent device, the largest used fraction of its capacity model: each counter (consumption over size,
            aggregation included), the slots occupied, and for each type present its instances over its <code>maxInstances</code>. A
            parent with no rule pack: its instances over those it had plus the observed available instances. CPU and memory are the
            VMs' vCPUs and MiB over the host's.</dd>
            <dt>Sweeps (each host down)</dt><dd>Every single-host failure is planned on its own; the scenario is feasible when every one
            is survivable, its unplaced count and "after" map are those of the worst failure, and its headroom is the minimum per type.</dd>
            </dl>
            <p class="meta">Generated by devplace whatif. This file is self-contained: no scripts, nothing loaded from the network.</p>
            """;

    private static final String CSS = """
            :root { --fg:#111827; --muted:#6b7280; --line:#e5e7eb; --ok:#047857; --bad:#b91c1c; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); margin: 0; background: #f9fafb; }
            header, main, footer { max-width: 1320px; margin: 0 auto; padding: 0 24px; }
            header { padding-top: 20px; }
            h1 { margin: 0 0 4px; font-size: 26px; }
            h2 { font-size: 19px; margin: 0 0 10px; }
            h3 { font-size: 15px; margin: 18px 0 6px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; overflow-x: auto; }
            .meta, .note { color: var(--muted); }
            table.grid { border-collapse: collapse; margin: 6px 0; }
            table.grid th, table.grid td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
            table.grid th { background: #f3f4f6; font-weight: 600; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            td.bad { color: var(--bad); font-weight: 600; }
            .badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px; vertical-align: middle; }
            .badge.ok { background: #d1fae5; color: var(--ok); }
            .badge.bad { background: #fee2e2; color: var(--bad); }
            .cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0; }
            .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 130px; background: #fcfcfd; }
            .card .v { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
            .card .l { color: var(--muted); font-size: 12px; }
            .answer { font-weight: 600; }
            .warn { color: var(--bad); }
            ul.def { margin: 0 0 6px; padding-left: 18px; color: #374151; }
            ul.reasons { margin: 0; padding-left: 16px; }
            ul.reasons code { font-size: 12px; background: #f3f4f6; padding: 0 4px; border-radius: 3px; }
            td.vm { font-weight: 600; white-space: nowrap; }
            .chip { display: inline-block; background: #eef2ff; border-radius: 10px; padding: 0 8px; margin: 1px 0; }
            .legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 10px; }
            .legend i, .hlegend i { display: inline-block; width: 14px; height: 14px; border-radius: 2px; margin-right: 5px; vertical-align: -2px; }
            .hlegend { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 12px; margin-top: 6px; }
            .hlegend i.ramp { width: 140px; background: linear-gradient(to right, #e8f5e9, #fbbf24, #b91c1c); }
            .hlegend i.gone { background: #d4d4d8; margin-left: 12px; }
            .hlegend i.chg { background: #fff; border: 2px solid #111827; margin-left: 12px; }
            svg text { font-family: inherit; }
            svg .tid { font-size: 13px; font-weight: 600; fill: #111827; }
            svg .tname { font-size: 12px; fill: #6b7280; }
            svg .val { font-size: 11px; fill: #111827; }
            svg .axis { stroke: #9ca3af; }
            svg .host { font-size: 12px; fill: #111827; }
            svg .host.gone { fill: #9ca3af; }
            svg .hh { font-size: 10px; fill: #6b7280; }
            svg .pct { font-size: 10px; }
            svg .dl { font-size: 7.5px; fill: #4b5563; }
            .maps { display: flex; gap: 24px; flex-wrap: wrap; }
            figure { margin: 8px 0; }
            figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }
            details summary { cursor: pointer; color: #1d4ed8; margin: 4px 0; }
            footer { padding-bottom: 30px; color: #374151; }
            footer dt { font-weight: 600; margin-top: 8px; }
            footer dd { margin-left: 0; }
            """;
}
