package io.devplace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One way to ask every command: -o, -V, suggestions, options only where they apply, exit codes that say what happened. */
class ConsistentCliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"validate", "verify", "export", "demo", "serve", "compat", "explain", "whatif"})
    void versionOnEverySubcommand(String command) {
        Cli.Result r = Cli.run(command, "-V");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("devplace ").contains("Timefold Solver").doesNotContain("(unknown build)");
    }

    @Test
    void versionOfNestedSubcommands() {
        assertThat(Cli.run("plan", "evacuate", "-V").out()).startsWith("devplace ");
        assertThat(Cli.run("import", "mdevctl", "-V").out()).startsWith("devplace ");
    }

    @Test
    void misspeltOptionsAndSubcommandsGetASuggestion() {
        Cli.Result opt = Cli.run("plan", "evacuate", "gpu-a1", "-f", Cli.EXAMPLE, "--time-limt", "1s");
        assertThat(opt.code()).isEqualTo(2);
        assertThat(opt.err()).containsAnyOf("Did you mean", "Possible solutions").contains("--time-limit");
        Cli.Result sub = Cli.run("valdate", "-f", Cli.EXAMPLE);
        assertThat(sub.code()).isEqualTo(2);
        assertThat(sub.err()).containsAnyOf("Did you mean", "Possible solutions").contains("validate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "verify", "export", "compat", "explain"})
    void timeLimitOnlyWhereSomethingIsSolved(String command) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command, "-f", Cli.EXAMPLE, "--time-limit", "1s", "-o",
                command.equals("export") ? "mdevctl" : "table"));
        switch (command) {
            case "verify", "export" -> args.add("plan.json");
            case "compat" -> args.addAll(java.util.List.of("--source", "render-1:0", "--target", "gpu-a4/0000:3b:00.0"));
            case "explain" -> args.addAll(java.util.List.of("--vm", "cad-1"));
            default -> { }
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--time-limit");
    }

    @Test
    void nothingToEvacuateIsAUsageError() {
        Cli.Result r = Cli.run("plan", "evacuate", "-f", Cli.EXAMPLE);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to evacuate");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void planPrintsATableWhenPipedUnlessAskedOtherwise() {
        Cli.Result r = Cli.run("plan", "evacuate", "gvt-1", "-f", Cli.EXAMPLE, "--seed", "1", "--time-limit", "5s");
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        assertThat(r.out()).startsWith("Evacuation plan for gvt-1").contains("Summary: ").doesNotContain("hard/").doesNotContain("soft");
    }

    @Test
    void scoreOnlyInMachineFormats() {
        Cli.Result r = Cli.run("plan", "evacuate", "gvt-1", "-f", Cli.EXAMPLE, "--seed", "1", "--time-limit", "5s", "-o", "yaml");
        assertThat(r.out()).contains("score: ");
    }

    @Test
    void resultsInTableJsonAndYamlEverywhere() {
        for (String fmt : new String[]{"json", "yaml"}) {
            assertThat(Cli.run("validate", "-f", Cli.EXAMPLE, "-o", fmt).out()).contains("valid");
            assertThat(Cli.run("explain", "-f", Cli.EXAMPLE, "--vm", "thin-1", "-o", fmt).out()).contains("thin-1");
        }
        assertThat(Cli.run("validate", "-f", Cli.EXAMPLE, "-o", "xml").code()).isEqualTo(2);
    }

    @Test
    void aBusyPortIsAnEnvironmentErrorNotAUsageError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.run("serve", "-f", Cli.EXAMPLE, "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.ENVIRONMENT).isEqualTo(6);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).contains("--listen");
        }
    }

    @Test
    void demoSaysPlainlyWhatPlanWouldAnswer() {
        Cli.Result r = Cli.run("demo");
        assertThat(r.code()).isZero();
        if (r.out().contains("Unplaced")) assertThat(r.err()).contains("would exit 3");
    }

    @Test
    void aModelTypoIsNamedWithTheKnownModels() throws IOException {
        Path f = tmp.resolve("fleet.yaml");
        Files.writeString(f, """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - name: h1
                    cpus: 8
                    memoryMiB: 8192
                    devices:
                      - id: "0000:3b:00.0"
                        driver: nvidia
                        model: "NVIDIA A-16"
                vms: []
                """);
        Cli.Result r = Cli.run("validate", "-f", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("hosts[0].devices[0].model").contains("\"NVIDIA A16\"").contains("did you mean NVIDIA A16?");
        Cli.Result plan = Cli.run("plan", "evacuate", "h1", "-f", f.toString(), "--time-limit", "1s");
        assertThat(plan.err()).contains("did you mean NVIDIA A16?");
    }
}
