package io.devplace.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Version constraints (docs/reference/rulepack.md): {@code = >= > <= < ^ ~}, space-separated and AND-ed. Versions compare numerically
 * component by component with missing components as 0; a non-numeric version never satisfies a constraint.
 */
public final class Versions {
    private Versions() {}

    public static boolean isConstraint(String pattern) {
        if (pattern.isEmpty()) return false;
        char c = pattern.charAt(0);
        return c == '=' || c == '>' || c == '<' || c == '^' || c == '~';
    }

    private static final java.util.regex.Pattern ONE_CONSTRAINT = java.util.regex.Pattern.compile("(>=|<=|=|>|<|\\^|~)[0-9]{1,18}(\\.[0-9]{1,18})*");
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{[^}]*}");

    /**
     * Why {@code pattern} (a version constraint, possibly a template) is not a well-formed one, or null when it is or
     * is no constraint at all. Each {@code ${...}} counts as a version (its value is known only per device), so
     * {@code ^${self.software_version}} is well formed and {@code ^^1} or {@code >=8.x} are not.
     */
    public static String constraintProblem(String pattern) {
        if (pattern == null) return null;
        String concrete = PLACEHOLDER.matcher(pattern.trim()).replaceAll("0");
        if (!isConstraint(concrete)) return null;
        for (String c : concrete.split("\\s+"))
            if (!ONE_CONSTRAINT.matcher(c).matches())
                return "'" + pattern + "' is not a version constraint: expected space-separated =, >=, >, <=, <, ^ or ~ each followed by a"
                        + " version such as 8.6 or 17.4.1, but got '" + c + "'";
        return null;
    }

    /** Parses {@code 17.4.1} into components; null when any component is not a plain non-negative integer. */
    public static long[] parse(String v) {
        if (v == null || v.isEmpty()) return null;
        String[] parts = v.split("\\.", -1);
        long[] out = new long[Math.max(3, parts.length)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return null;
            out[i] = Long.parseLong(p);
        }
        return out;
    }

    public static int compare(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            long x = i < a.length ? a[i] : 0, y = i < b.length ? b[i] : 0;
            if (x != y) return Long.compare(x, y);
        }
        return 0;
    }

    /** Whether {@code version} satisfies every constraint in {@code pattern}. A malformed constraint is never satisfied. */
    public static boolean satisfies(String version, String pattern) {
        long[] v = parse(version == null ? null : version.trim());
        if (v == null) return false;
        String[] cs = pattern.trim().split("\\s+");
        if (cs.length == 0) return false;
        for (String c : cs) if (!one(v, c)) return false;
        return true;
    }

    private static boolean one(long[] v, String c) {
        String op;
        if (c.startsWith(">=") || c.startsWith("<=")) op = c.substring(0, 2);
        else if (!c.isEmpty() && "=<>^~".indexOf(c.charAt(0)) >= 0) op = c.substring(0, 1);
        else return false;
        String rest = c.substring(op.length());
        long[] r = parse(rest);
        if (r == null) return false;
        int components = rest.split("\\.", -1).length;
        int cmp = compare(v, r);
        return switch (op) {
            case "=" -> cmp == 0;
            case ">=" -> cmp >= 0;
            case ">" -> cmp > 0;
            case "<=" -> cmp <= 0;
            case "<" -> cmp < 0;
            case "^" -> cmp >= 0 && compare(v, new long[]{r[0] + 1, 0, 0}) < 0;
            default -> { // ~
                long[] upper = components == 1 ? new long[]{r[0] + 1, 0, 0} : new long[]{r[0], r[1] + 1, 0};
                yield cmp >= 0 && compare(v, upper) < 0;
            }
        };
    }

    /** "M.m" of a version, or null when it has no numeric major and minor. */
    public static String majorMinor(String version) {
        if (version == null) return null;
        String[] parts = version.trim().split("\\.");
        if (parts.length < 2) return null;
        List<String> mm = new ArrayList<>(List.of(parts[0], parts[1]));
        return parse(String.join(".", mm)) == null ? null : String.join(".", mm);
    }
}
