package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.devplace.cli.Cli.EXAMPLE;
import static io.devplace.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The options every command that reads a fleet takes (--rules, --no-bundled-rules, --policy; --time-limit where it
 * solves), each with its effect, and malformed option values as usage errors (exit 2) on every command.
 */
class DocumentOptionsCliTest {
    /** The commands that solve, and so take --time-limit. */
    private static final Set<String> SOLVING = Set.of("demo", "plan evacuate", "whatif", "serve");

    @TempDir
    Path dir;

    /** The commands that read a fleet: those with -f, demo (its bundled fleet) and import merge (fleets to merge). */
    static Stream<Arguments> fleetReaders() {
        List<Arguments> out = new ArrayList<>();
        collect(Main.commandLine(), "", out);
        return out.stream();
    }

    private static void collect(CommandLine cl, String path, List<Arguments> out) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--fleet") != null || path.equals("demo") || path.equals("import merge")) out.add(arguments(path, spec));
        for (var e : cl.getSubcommands().entrySet()) collect(e.getValue(), (path.isEmpty() ? "" : path + " ") + e.getKey(), out);
    }

    @ParameterizedTest(name = "devplace {0}")
    @MethodSource("fleetReaders")
    void everyCommandThatReadsAFleetTakesTheRuleAndPolicyOptions(String command, CommandSpec spec) {
        for (String o : List.of("--rules", "--no-bundled-rules", "--policy")) assertThat(spec.findOption(o)).as(command + " " + o).isNotNull();
        assertThat(spec.findOption("--time-limit") != null).as(command + " --time-limit (only where it solves)").isEqualTo(SOLVING.contains(command));
    }

    @Test
    void theCommandsThatReadAFleetAreTheOnesExpected() {
        assertThat(fleetReaders().map(a -> (String) a.get()[0])).containsExactlyInAnyOrder("demo", "validate", "compat", "explain", "whatif",
                "plan evacuate", "verify", "export", "import merge", "serve");
    }

    // ------------------------------------------------------------------ demo

    private Path policy(String body) throws IOException {
        return Files.writeString(dir.resolve("policy-" + Math.abs(body.hashCode()) + ".yaml"), "apiVersion: devplace/v1\nkind: Policy\n" + body);
    }

    @Test
    void demoPlansUnderTheGivenPolicyAndTimeLimit() throws IOException {
        JsonNode plain = run("demo", "-o", "json").json();
        assertThat(plain.get("request").get("policy").get("timeLimit").asText()).as("the demo's own default").isEqualTo("10s");
        assertThat(plain.get("request").get("policy").get("maxParallel").asInt()).isEqualTo(5);

        // one migration at a time: every move gets its own wave
        Cli.Result r = run("demo", "-o", "json", "--policy", policy("maxParallel: 1\n").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode p = r.json();
        assertThat(p.get("request").get("policy").get("maxParallel").asInt()).isEqualTo(1);
        assertThat(p.get("request").get("policy").get("timeLimit").asText()).as("the file says none: the demo's").isEqualTo("10s");
        int migrations = p.get("summary").get("migrations").asInt();
        assertThat(migrations).isGreaterThan(1);
        assertThat(p.get("summary").get("waves").asInt()).isEqualTo(migrations);
        assertThat(plain.get("summary").get("waves").asInt()).isLessThan(migrations);
        Path saved = Files.writeString(dir.resolve("plan.json"), r.out());
        Cli.Result v = run("verify", "-f", EXAMPLE, saved.toString());
        assertThat(v.code()).as(v.toString()).isZero();

        // the file's timeLimit, unless --time-limit overrides it
        Path timed = policy("timeLimit: 4s\n");
        assertThat(run("demo", "-o", "json", "--policy", timed.toString()).json().get("request").get("policy").get("timeLimit").asText()).isEqualTo("4s");
        assertThat(run("demo", "-o", "json", "--policy", timed.toString(), "--time-limit", "3s").json().get("request").get("policy").get("timeLimit")
                .asText()).isEqualTo("3s");
        assertThat(run("demo", "-o", "json", "--time-limit", "2s").json().get("request").get("policy").get("timeLimit").asText()).isEqualTo("2s");
    }

    @Test
    void demoWithAnInvalidPolicyExits4() throws IOException {
        Path bad = policy("maxParallel: 0\n");
        Cli.Result r = run("demo", "--policy", bad.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(bad.toString()).contains("maxParallel").contains("expected at least 1");
        assertThat(r.out()).isEmpty();
        Cli.Result missing = run("demo", "--policy", dir.resolve("none.yaml").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err()).contains("none.yaml: file not found");
    }

    // ------------------------------------------------------------------ import merge

    private static final String VF_HOST = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: h1
                cpus: 64
                memoryMiB: 65536
                attributes: {vgpu_manager: "17.4", kernel: "6.8.0", libvirt: "10.0.0", qemu: "8.2.2"}
                devices:
                  - id: "0000:41:00.0"
                    driver: nvidia
                    model: "NVIDIA L40S"
                    vfs:
                      - {id: "0000:41:00.4", type: "TYPE", placement: 0}
                      - {id: "0000:41:00.5"}
            """;

    private static final String VM = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: h1
            vms:
              - name: vm-1
                host: h1
                cpus: 4
                memoryMiB: 4096
                devices:
                  - vf: "0000:41:00.4"
            """;

    @Test
    void importMergeChecksTheMergedFleetAgainstThePacksWhenAsked() throws IOException {
        Path emptyRules = Files.createDirectories(dir.resolve("rules"));
        Path vm = Files.writeString(dir.resolve("vm.yaml"), VM);
        // 9999 is no L40S type: the merge alone does not know packs, so it merges
        Path host = Files.writeString(dir.resolve("host.yaml"), VF_HOST.replace("TYPE", "9999"));
        Cli.Result plain = run("import", "merge", host.toString(), vm.toString());
        assertThat(plain.code()).as(plain.toString()).isZero();
        assertThat(plain.out()).contains("9999");

        Path out = dir.resolve("merged.yaml");
        Cli.Result checked = run("import", "merge", host.toString(), vm.toString(), "--rules", emptyRules.toString(), "--out", out.toString());
        assertThat(checked.code()).as(checked.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(checked.err()).contains("<merged fleet>: hosts[0].devices[0].vfs[0].type").contains("type 9999 is not one pack nvidia-l40s-vf knows");
        assertThat(checked.out()).isEmpty();
        assertThat(out).as("nothing written").doesNotExist();

        // a fleet the packs accept merges as before; with no packs at all, every parent is ungoverned: warnings only
        Path good = Files.writeString(dir.resolve("good.yaml"), VF_HOST.replace("TYPE", "1152"));
        Cli.Result ok = run("import", "merge", good.toString(), vm.toString(), "--rules", emptyRules.toString(), "--out", out.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(Files.readString(out)).isEqualTo(run("import", "merge", good.toString(), vm.toString()).out());
        assertThat(run("validate", "-f", out.toString()).code()).isZero();
        Cli.Result none = run("import", "merge", host.toString(), vm.toString(), "--no-bundled-rules");
        assertThat(none.code()).as(none.toString()).isZero();
        assertThat(none.err()).contains("devplace: warning: <merged fleet>: hosts[0].devices[0]").contains("no rule pack governs h1 0000:41:00.0");
        assertThat(none.out()).isEqualTo(plain.out());
    }

    /** Fragments stay fragments without the options: a VM whose VF's PF another import describes still merges. */
    @Test
    void importMergeOfFragmentsIsNotCheckedUnlessAsked() throws IOException {
        Path vm = Files.writeString(dir.resolve("vm.yaml"), VM);
        Cli.Result r = run("import", "merge", vm.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        Cli.Result checked = run("import", "merge", vm.toString(), "--no-bundled-rules");
        assertThat(checked.code()).as(checked.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(checked.err()).contains("<merged fleet>: vms[0].devices[0].vf").contains("VF 0000:41:00.4 does not exist on host h1");
    }

    @Test
    void importMergeChecksAGivenPolicy() throws IOException {
        Path vm = Files.writeString(dir.resolve("vm.yaml"), VM);
        Path bad = policy("spread: everywhere\n");
        Cli.Result r = run("import", "merge", vm.toString(), "--policy", bad.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(bad.toString()).contains("spread").contains("everywhere");
        assertThat(r.out()).isEmpty();
        assertThat(run("import", "merge", vm.toString(), "--policy", policy("spread: spread\n").toString()).code()).isZero();
    }

    // ------------------------------------------------------------------ malformed option values: exit 2, on every command

    static Stream<Arguments> malformedOptionValues() {
        String missing = "does-not-exist.yaml"; // the value is judged before any file is read
        return Stream.of(
                arguments(List.of("demo", "--time-limit", "10x"), "--time-limit"),
                arguments(List.of("plan", "evacuate", "gpu-a1", "-f", missing, "--time-limit", "10x"), "--time-limit"),
                arguments(List.of("plan", "evacuate", "gpu-a1", "-f", missing, "--seed", "abc"), "--seed"),
                arguments(List.of("whatif", "-f", missing, "-s", missing, "--time-limit", "2"), "--time-limit"),
                arguments(List.of("whatif", "-f", missing, "-s", missing, "--seed", "1.5"), "--seed"),
                arguments(List.of("whatif", "-f", missing, "-s", missing, "--shard", "2/2"), "--shard"),
                arguments(List.of("whatif", "-f", missing, "-s", missing, "--threads", "many"), "--threads"),
                arguments(List.of("whatif", "-f", missing, "-s", missing, "--threads", "-1"), "--threads"),
                arguments(List.of("serve", "-f", missing, "--time-limit", "-1s"), "--time-limit"),
                arguments(List.of("serve", "-f", missing, "--grace", "soon"), "--grace"),
                arguments(List.of("serve", "-f", missing, "--listen", "localhost"), "--listen"),
                arguments(List.of("serve", "-f", missing, "--listen", "127.0.0.1:70000"), "--listen"),
                arguments(List.of("compat", "-f", missing, "--source", "render-1:0", "--target", "h2"), "--target"),
                arguments(List.of("compat", "-f", missing, "--source", "render-1", "--target", "gpu-a4/0000:3b:00.0"), "--source"),
                arguments(List.of("validate", "-f", missing, "-o", "xml"), "-o"),
                arguments(List.of("export", "-f", missing, "-o", "pdf", missing), "-o"),
                arguments(List.of("import", "mdevctl", "--host", "h", "--types", missing, "--cpus", "lots"), "--cpus"),
                arguments(List.of("import", "mdevctl", "--host", "h", "--types", missing, "--memory-mib", "-1"), "--memory-mib"),
                arguments(List.of("import", "merge", missing, "-o", "xml"), "--output"),
                arguments(List.of("whatif", "merge", missing, "-o", "pdf"), "-o"));
    }

    @ParameterizedTest(name = "devplace {0}")
    @MethodSource("malformedOptionValues")
    void aMalformedOptionValueIsAUsageError(List<String> args, String option) {
        Cli.Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("devplace: ").contains(option).contains("--help'.").doesNotContain("internal error");
        assertThat(r.out()).isEmpty();
    }
}
