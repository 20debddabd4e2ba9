package io.devplace.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way operators write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
public final class Durations {
    private static final Pattern P = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher m = P.matcher(text == null ? "" : text.trim());
        if (!m.matches()) throw new IllegalArgumentException("expected a duration like 500ms, 30s or 2m but got '" + text + "'");
        try {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected a duration like 500ms, 30s or 2m but got '" + text + "', which is too long");
        }
    }
}
