package io.devplace.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * When no pack governs a parent because its {@code model} matches none: the models the packs for its driver know,
 * and the closest one. A typo such as {@code NVIDIA A-16} would otherwise validate with a warning and then leave
 * every VM {@code NO_COMPATIBLE_DEVICE}.
 */
public final class ModelHint {
    /** Words every hint holds, so that a command can pick these warnings out of the others. */
    public static final String MARK = "is none of the models";

    private ModelHint() {}

    /** The models packs for {@code driver} match on, sorted. */
    public static List<String> knownModels(RuleBook book, String driver) {
        TreeSet<String> out = new TreeSet<>();
        for (LoadedPack p : book.packs()) {
            String d = p.pack().match().get("driver");
            String m = p.pack().match().get("model");
            if (m != null && (d == null || d.equals(driver))) out.add(m);
        }
        return new ArrayList<>(out);
    }

    /**
     * A sentence naming the known models and the closest to {@code model}, or null when the parent has no model or
     * no pack for its driver names one.
     */
    public static String of(RuleBook book, String driver, String model) {
        if (model == null) return null;
        List<String> known = knownModels(book, driver);
        if (known.isEmpty()) return null;
        String closest = known.stream().min(Comparator.comparingInt(k -> distance(normal(k), normal(model)))).orElseThrow();
        int d = distance(normal(closest), normal(model));
        StringBuilder b = new StringBuilder("model \"" + model + "\" " + MARK + " the packs for driver " + driver + " know ("
                + String.join(", ", known.stream().map(k -> "\"" + k + "\"").toList()) + ")");
        if (d <= Math.max(2, normal(closest).length() / 3)) b.append("; did you mean ").append(closest).append('?');
        return b.toString();
    }

    /** Case, spaces and punctuation do not tell models apart for the hint. */
    private static String normal(String s) { return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""); }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
