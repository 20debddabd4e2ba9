package io.devplace.rules;

import java.util.regex.Pattern;

/** One concrete field pattern of a compatible entry: exact string, glob ({@code *}, {@code ?}), or version constraint. */
public record FieldPattern(String text) {
    public boolean matches(String value) {
        if (value == null) return false;
        if (Versions.isConstraint(text)) return Versions.satisfies(value, text);
        if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) return globToRegex(text).matcher(value).matches();
        return text.equals(value);
    }

    static Pattern globToRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') b.append(".*");
            else if (c == '?') b.append('.');
            else b.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString(), Pattern.DOTALL);
    }
}
