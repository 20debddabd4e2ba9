package io.devplace.model;

import java.util.HashMap;
import java.util.Map;

/** Maps a path inside a document ({@code hosts[3].devices[0].model}) to where it starts in the file. */
public final class Locations {
    private final String file;
    private final Map<String, int[]> byPath = new HashMap<>();
    /** Records the locations when they are first needed (JSON documents: see {@link #recordWhenNeeded}); null once done. */
    private Runnable recorder;

    public Locations(String file) { this.file = file; }

    public String file() { return file; }

    public void put(String path, int line, int column) { byPath.putIfAbsent(path, new int[]{line, column}); }

    /**
     * Defers recording to the first problem. A JSON document's locations take a second pass over it that costs more
     * than the parse itself (reading the M fleet spent most of its time there, verifying a plan on L 60 %), and most
     * documents have no problem to locate.
     */
    public void recordWhenNeeded(Runnable recorder) { this.recorder = recorder; }

    /** A problem at {@code path}, located at the nearest enclosing path the file recorded. */
    public synchronized InputProblem problem(String path, String message) {
        if (recorder != null) {
            Runnable r = recorder;
            recorder = null;
            r.run();
        }
        String p = path;
        while (true) {
            int[] lc = byPath.get(p);
            if (lc != null) return new InputProblem(file, path, lc[0], lc[1], message);
            if (p.isEmpty()) return new InputProblem(file, path, 0, 0, message);
            p = parentPath(p);
        }
    }

    static String parentPath(String p) {
        if (p.endsWith("']")) { // a quoted key such as ['0000:00:02.0'] may itself contain dots
            int open = p.lastIndexOf("['");
            return open <= 0 ? "" : p.substring(0, open);
        }
        int dot = p.lastIndexOf('.');
        int br = p.lastIndexOf('[');
        int cut = Math.max(dot, br);
        return cut <= 0 ? "" : p.substring(0, cut);
    }

    /** The path of {@code field} inside {@code parent}: {@code a.b}, or {@code a['b-c']} for a key that is not a plain name. */
    public static String child(String parent, String field) {
        if (!isPlainName(field)) return parent + "['" + field + "']";
        return parent.isEmpty() ? field : parent + "." + field;
    }

    /**
     * Whether {@code s} matches [A-Za-z0-9_]+, tested by hand: the reader calls {@link #child} for every key and value
     * of a document, and {@code String.matches} compiled a regular expression on each call.
     */
    static boolean isPlainName(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) return false;
        }
        return true;
    }

    /** Whether {@code s} is one or more ASCII digits (the regular expression \d+ it replaces), tested by hand likewise. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    public static String index(String parent, int i) { return parent + "[" + i + "]"; }
}
