package io.devplace.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This build's version and the Timefold Solver version it was built against, as Maven wrote them into
 * {@code build.properties} (a filtered resource: pom.xml is the one place either number is written).
 */
public record BuildInfo(String version, String timefold) {
    static final String UNKNOWN = "(unknown build)";

    private static final BuildInfo CURRENT = read();

    public static BuildInfo current() { return CURRENT; }

    private static BuildInfo read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("version", UNKNOWN), p.getProperty("timefold", UNKNOWN));
    }
}
