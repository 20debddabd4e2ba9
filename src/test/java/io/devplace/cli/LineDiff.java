package io.devplace.cli;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by lines (longest common subsequence), for a failure message a person can read. */
final class LineDiff {
    static final int CONTEXT = 3;
    static final int MAX_LINES = 120;

    private LineDiff() {}

    /** {@code ---}/{@code +++} headers, then hunks with {@link #CONTEXT} lines around each change; "" when equal. */
    static String unified(String name, String expected, String actual) {
        if (expected.equals(actual)) return "";
        List<String> a = lines(expected), b = lines(actual);
        List<Line> script = script(a, b);
        StringBuilder out = new StringBuilder("--- " + name + " (expected)\n+++ " + name + " (actual)\n");
        int printed = 0;
        int i = 0;
        while (i < script.size()) {
            if (script.get(i).op == ' ') {
                i++;
                continue;
            }
            int from = Math.max(0, i - CONTEXT);
            int to = i;
            // extend the hunk while changes are within 2 * CONTEXT lines of each other
            for (int j = i; j < script.size(); j++) {
                if (script.get(j).op != ' ') to = j;
                else if (j - to > 2 * CONTEXT) break;
            }
            int end = Math.min(script.size(), to + CONTEXT + 1);
            Line first = script.get(from);
            out.append("@@ -").append(first.aLine + 1).append(" +").append(first.bLine + 1).append(" @@\n");
            for (int k = from; k < end; k++) {
                if (printed++ >= MAX_LINES) return out.append("... (diff cut at ").append(MAX_LINES).append(" lines)\n").toString();
                Line l = script.get(k);
                out.append(l.op).append(l.text).append('\n');
            }
            i = end;
        }
        if (!expected.endsWith("\n") || !actual.endsWith("\n"))
            out.append("(final newline: expected ").append(expected.endsWith("\n")).append(", actual ").append(actual.endsWith("\n")).append(")\n");
        return out.toString();
    }

    private record Line(char op, String text, int aLine, int bLine) {}

    private static List<String> lines(String s) { return List.of(s.split("\n", -1)); }

    private static List<Line> script(List<String> a, List<String> b) {
        int n = a.size(), m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        List<Line> out = new ArrayList<>();
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) out.add(new Line(' ', a.get(i), i++, j++));
            else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) out.add(new Line('-', a.get(i), i++, j));
            else out.add(new Line('+', b.get(j), i, j++));
        }
        return out;
    }
}
