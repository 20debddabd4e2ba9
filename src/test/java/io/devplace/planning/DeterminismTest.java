package io.devplace.planning;

import io.devplace.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/reference/plan.md: with --seed the same inputs give the same plan, byte for byte except summary.solveMillis. */
class DeterminismTest {
    @Test
    void sameSeedSamePlan() throws Exception {
        Path fleet = Path.of("examples/fleet.yaml");
        assertThat(Files.exists(fleet)).isTrue();
        String a = run(fleet), b = run(fleet);
        assertThat(strip(a)).isEqualTo(strip(b));
        assertThat(a).contains("\"moves\"");
    }

    private static String strip(String json) { return json.replaceAll("\"solveMillis\" : \\d+", "\"solveMillis\" : 0"); }

    private static String run(Path fleet) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("plan", "evacuate", "gpu-a1", "gvt-1", "-f", fleet.toString(), "--seed", "11", "-o", "json");
        assertThat(rc).as(err.toString()).isIn(0, 3);
        return out.toString();
    }
}
