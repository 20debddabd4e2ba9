package io.devplace.importers;

/**
 * Paths inside a document spelled exactly as {@link io.devplace.model.Documents} records them
 * ({@code hosts[0].devices[1].supportedTypes['nvidia-713']}), so that {@link io.devplace.model.Locations} can turn
 * them into a line and column. The model keeps its own builders package-private, hence this small copy.
 */
final class Paths {
    private Paths() {}

    static String child(String parent, String field) {
        if (field.matches("[A-Za-z0-9_]+")) return parent.isEmpty() ? field : parent + "." + field;
        return parent + "['" + field + "']";
    }

    static String index(String parent, int i) { return parent + "[" + i + "]"; }
}
