package io.devplace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark result files: CSV with a header row, a row per case, cells quoted RFC 4180 style where needed. */
final class ResultsCsv {
    private ResultsCsv() {}

    /** The rows of {@code csv} (none when it does not exist), each cell by its column name; empty cells are left out. */
    static List<Map<String, String>> read(Path csv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        if (!Files.exists(csv)) return rows;
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) return rows;
        List<String> header = split(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            List<String> cells = split(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < cells.size(); i++) if (!cells.get(i).isEmpty()) row.put(header.get(i), cells.get(i));
            rows.add(row);
        }
        return rows;
    }

    /** Writes {@code rows} under {@code columns} (a column a row lacks is written empty). */
    static void write(Path csv, List<String> columns, List<Map<String, String>> rows) throws IOException {
        StringBuilder b = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) cells.add(quote(r.getOrDefault(c, "")));
            b.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') q = false;
                else cur.append(c);
            } else if (c == '"') q = true;
            else if (c == ',') { out.add(cur.toString()); cur.setLength(0); }
            else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }
}
