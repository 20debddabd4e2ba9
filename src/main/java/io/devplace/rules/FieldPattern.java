package io.devplace.rules;

/** One concrete field pattern of a compatible entry: exact string, glob ({@code *}, {@code ?}), or version constraint. */
public record FieldPattern(String text) {
    public boolean matches(String value) {
        if (value == null) return false;
        if (Versions.isConstraint(text)) return Versions.satisfies(value, text);
        if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) return globMatches(text, value);
        return text.equals(value);
    }

    /**
     * Shell-style glob: {@code *} any run of characters, {@code ?} one character (code point). Matched in time
     * proportional to pattern × value length: a regular expression would backtrack exponentially on patterns such as
     * {@code *a*a*a*a*a*a*a*ab}, and patterns come from fleet files and rule packs.
     */
    static boolean globMatches(String glob, String value) {
        int[] g = glob.codePoints().toArray(), v = value.codePoints().toArray();
        int gi = 0, vi = 0, star = -1, resume = 0;
        while (vi < v.length) {
            if (gi < g.length && g[gi] == '*') {
                star = gi++;
                resume = vi;
            } else if (gi < g.length && (g[gi] == '?' || g[gi] == v[vi])) {
                gi++;
                vi++;
            } else if (star >= 0) { // let the last star take one more character
                gi = star + 1;
                vi = ++resume;
            } else {
                return false;
            }
        }
        while (gi < g.length && g[gi] == '*') gi++;
        return gi == g.length;
    }
}
