package io.devplace.export;

/** One file of an export written with {@code --out-dir}: its name inside the folder and its text. */
public record ExportFile(String name, String text) {
    /**
     * A host or domain name as a file name: characters a file name cannot hold (or that would leave the folder) become
     * {@code _}. Names in a fleet are free-form strings; two that map to the same file are caught by the writer.
     */
    public static String safe(String name, String suffix) {
        String s = name.replaceAll("[^A-Za-z0-9._+@-]", "_");
        if (s.isEmpty() || s.startsWith(".")) s = "_" + s;
        return s + suffix;
    }
}
