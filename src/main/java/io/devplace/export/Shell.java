package io.devplace.export;

/** Names from a fleet are free-form strings: quoted for the shell, kept on one line in comments. */
final class Shell {
    private Shell() {}

    /** {@code 0000:3b:00.0} as is; anything with characters the shell reads specially, single-quoted. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9._:+@/-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Text for a {@code #} or {@code <!-- -->} comment: one line, and no {@code --} to end an XML comment. */
    static String comment(String s) {
        return s.replaceAll("[\\r\\n]+", " ").replace("--", "- -");
    }
}
