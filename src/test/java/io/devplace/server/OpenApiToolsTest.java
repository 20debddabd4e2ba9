package io.devplace.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenAPI document as the common tools judge it: {@code redocly lint} and {@code swagger-cli validate} (npm
 * {@code @redocly/cli}, {@code @apidevtools/swagger-cli}). Skipped where they are not installed; docs/reference/service-config.md
 * gives the commands to run by hand.
 */
class OpenApiToolsTest {
    static final Path DOCUMENT = Path.of("src/main/resources/io/devplace/server/openapi.yaml");

    @ParameterizedTest
    @CsvSource({"redocly, lint", "swagger-cli, validate"})
    void theToolsAcceptTheDocument(String tool, String verb) throws Exception {
        assumeTrue(onPath(tool), tool + " is not installed");
        Process p = new ProcessBuilder(List.of(tool, verb, DOCUMENT.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(tool + " did not finish").isTrue();
        assertThat(p.exitValue()).as(tool + " " + verb + ":\n" + out).isZero();
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) if (new File(dir, tool).canExecute()) return true;
        return false;
    }
}
