package io.devplace.importers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fixture files under src/test/resources/importers, and scratch files for malformed input. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String relative) {
        URL url = Fixtures.class.getResource("/importers/" + relative);
        if (url == null) throw new IllegalArgumentException("no fixture importers/" + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String file(String relative) { return path(relative).toString(); }

    static String write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
