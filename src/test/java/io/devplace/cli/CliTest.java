package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.devplace.cli.Cli.EXAMPLE;
import static io.devplace.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** devplace end to end (docs/reference/commands.md): exit codes, what goes to stdout and stderr, and the JSON the commands print. */
class CliTest {
    @TempDir
    Path dir;

    /** docs/reference/reason-codes.md codes, plus explain's own NOT_A_TARGET for hosts that are being emptied. */
    private static final Set<String> REASON_CODES = Set.of("NOT_LIVE_MIGRATABLE", "NO_COMPATIBLE_DEVICE", "HOST_REQUIREMENT",
            "INSUFFICIENT_DEVICE_CAPACITY", "TYPE_LOCKED", "FRAGMENTED", "INSUFFICIENT_CPU", "INSUFFICIENT_MEMORY", "ANTI_AFFINITY",
            "DOWNTIME_CAP", "DISPLACED_BY_PRIORITY", "NOT_A_TARGET");

    // render-1 (gpu-a1, A16 0000:3b:00.0, nvidia-713, vGPU manager 17.4) is the source device of most compat tests
    private static final String RENDER1_MDEV = "7af02509-0215-4166-8e86-ccea4a772138";

    private static void noStackTrace(Cli.Result r) {
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Cli.Result withStdin(byte[] in, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(in));
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    // ------------------------------------------------------------------ version, help, usage errors

    @Test
    void version() {
        Cli.Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("devplace ").contains("Timefold").contains("Java");
        assertThat(r.err()).isEmpty();
    }

    static Stream<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), out);
        return out.stream();
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            collect(e.getValue(), p, out);
        }
    }

    @Test
    void everyDocumentedCommandExists() {
        assertThat(commands().map(p -> String.join(" ", p)))
                .contains("", "demo", "validate", "compat", "explain", "plan", "plan evacuate", "verify");
    }

    @ParameterizedTest(name = "devplace {0} --help")
    @MethodSource("commands")
    void helpOnEveryCommand(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        Cli.Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains(("Usage: devplace " + String.join(" ", path)).trim());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpSubcommand() {
        Cli.Result r = run("help", "validate");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: devplace validate").contains("--strict").contains("--rules");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                arguments(List.of("validate", "--bogus", "-f", EXAMPLE), "Unknown option: '--bogus'", "Try 'devplace validate --help'."),
                arguments(List.of("--bogus"), "Unknown option: '--bogus'", "Try 'devplace --help'."),
                arguments(List.of("bogus"), "Unmatched argument at index 0: 'bogus'", "Try 'devplace --help'."),
                arguments(List.of(), "expected a subcommand", "Try 'devplace --help'."),
                arguments(List.of("plan"), "expected a subcommand: evacuate", "Try 'devplace plan --help'."),
                arguments(List.of("validate"), "Missing required option: '--fleet=FLEET'", "Try 'devplace validate --help'."),
                arguments(List.of("validate", "-f", EXAMPLE, "-o", "xml"), "-o must be one of table, json, yaml but got 'xml'", "Try 'devplace validate --help'."),
                arguments(List.of("compat", "-f", EXAMPLE, "--source", "render-1:0"), "Missing required option: '--target", "Try 'devplace compat --help'."),
                arguments(List.of("compat", "-f", EXAMPLE, "--source", "render-1:0", "--target", "gpu-a2/0000:3d:00.0", "-o", "html"),
                        "-o must be one of table, json, yaml but got 'html'", "compat --help"),
                arguments(List.of("explain", "-f", EXAMPLE), "Missing required option: '--vm=VM'", "Try 'devplace explain --help'."),
                arguments(List.of("plan", "evacuate", "gpu-a1", "-f", EXAMPLE, "-o", "pdf"), "-o must be one of", "Try 'devplace plan evacuate --help'."),
                arguments(List.of("plan", "evacuate", "gpu-a1", "-f", EXAMPLE, "--seed", "abc"), "'abc'", "plan evacuate --help"),
                arguments(List.of("verify", "-f", EXAMPLE), "Missing required parameter: 'PLAN'", "Try 'devplace verify --help'."));
    }

    @ParameterizedTest(name = "devplace {0}")
    @MethodSource("usageErrors")
    void usageErrorsExit2(List<String> args, String message, String hint) {
        Cli.Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("devplace: ").contains(message).contains(hint);
        assertThat(r.out()).isEmpty();
        noStackTrace(r);
    }

    // ------------------------------------------------------------------ validate

    private static final Pattern SUMMARY =
            Pattern.compile("valid: (\\d+) hosts, (\\d+) parent devices, (\\d+) VMs, (\\d+) rule packs; (\\d+) warning\\(s\\)\n");

    @Test
    void validateExample() {
        Fleet f = FleetReader.read(EXAMPLE).value();
        Cli.Result r = run("validate", "-f", EXAMPLE);
        assertThat(r.code()).as(r.toString()).isZero();
        Matcher m = SUMMARY.matcher(r.out());
        assertThat(m.matches()).as("summary line: %s", r.out()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(f.hosts().size());
        assertThat(Long.parseLong(m.group(2))).isEqualTo(f.hosts().stream().mapToLong(h -> h.devices().size()).sum());
        assertThat(Long.parseLong(m.group(3))).isEqualTo(f.vms().size());
        assertThat(Long.parseLong(m.group(4))).isEqualTo(RuleBook.bundled().size());
        long warnings = r.err().lines().filter(l -> l.startsWith("warning: " + EXAMPLE + ": ")).count();
        assertThat(r.err().lines().count()).as("stderr holds warnings only").isEqualTo(warnings);
        assertThat(Long.parseLong(m.group(5))).isEqualTo(warnings);
    }

    @Test
    void validateJson() {
        Fleet f = FleetReader.read(EXAMPLE).value();
        Cli.Result r = run("validate", "-f", EXAMPLE, "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("valid").asBoolean()).isTrue();
        assertThat(j.get("hosts").asInt()).isEqualTo(f.hosts().size());
        assertThat(j.get("vms").asInt()).isEqualTo(f.vms().size());
        assertThat(j.get("parents").asLong()).isEqualTo(f.hosts().stream().mapToLong(h -> h.devices().size()).sum());
        assertThat(j.get("rulePacks").asInt()).isEqualTo(RuleBook.bundled().size());
        assertThat(j.get("errors").isArray() && j.get("errors").isEmpty()).isTrue();
        for (JsonNode w : j.get("warnings")) assertThat(w.asText()).startsWith(EXAMPLE + ": ");
        assertThat(r.err()).as("warnings are in the JSON, not on stderr").isEmpty();
    }

    @Test
    void validateInvalidFleetExits4WithThePlace() throws IOException {
        String text = Files.readString(Path.of(EXAMPLE)).replaceFirst("  - name: gpu-a2\n", "  - name: gpu-a2\n    colour: red\n");
        Path f = Files.writeString(dir.resolve("fleet.yaml"), text);
        Cli.Result r = run("validate", "-f", f.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("devplace: invalid input:\n")
                .contains(f + ": hosts[1].colour (line ")
                .contains("unknown field 'colour'");
        noStackTrace(r);

        Cli.Result j = run("validate", "-f", f.toString(), "-o", "json");
        assertThat(j.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(j.json().get("valid").asBoolean()).isFalse();
        assertThat(j.json().get("errors").get(0).asText()).contains("hosts[1].colour").contains("unknown field 'colour'");
    }

    @Test
    void validateMissingFileAndDirectoryExit4() {
        Path missing = dir.resolve("nope.yaml");
        Cli.Result r = run("validate", "-f", missing.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(missing + ": file not found");
        noStackTrace(r);
        Cli.Result d = run("validate", "-f", dir.toString());
        assertThat(d.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(d.err()).contains(dir + ": expected a file but this is a directory");
    }

    @Test
    void validateReadsStdinAsJsonOrYaml() throws IOException {
        byte[] yaml = Files.readAllBytes(Path.of(EXAMPLE));
        JsonNode tree = new YAMLMapper().readTree(yaml);
        byte[] json = tree.toString().getBytes(StandardCharsets.UTF_8);
        String expected = run("validate", "-f", EXAMPLE).out();
        for (byte[] in : List.of(yaml, json)) {
            Cli.Result r = withStdin(in, "validate", "-f", "-");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo(expected);
        }
        Cli.Result bad = withStdin("{\"apiVersion\": \"devplace/v1\",}".getBytes(StandardCharsets.UTF_8), "validate", "-f", "-");
        assertThat(bad.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(bad.err()).contains("-: (line 1, column ").contains("malformed JSON");
    }

    @Test
    void rulesFolderProblemsExit4() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("bad.yaml"), "apiVersion: devplace/v1\nkind: RulePack\nname: x\nmatch: {driver: x}\ncapacity: {exclusive: maybe}\n");
        Cli.Result r = run("validate", "-f", EXAMPLE, "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(rules.resolve("bad.yaml") + ": capacity.exclusive (line 5, column 23)").contains("expected 'type' or 'none'");
        Cli.Result none = run("validate", "-f", EXAMPLE, "--rules", dir.resolve("none").toString());
        assertThat(none.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.err()).contains("expected a folder of rule packs");
    }

    // ------------------------------------------------------------------ compat

    @Test
    void compatMdevUuidToACompatibleTarget() {
        Cli.Result r = run("compat", "-f", EXAMPLE, "--source", RENDER1_MDEV, "--target", "gpu-a2/0000:3d:00.0:nvidia-713", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("compatible").asBoolean()).isTrue();
        assertThat(j.get("type").asText()).isEqualTo("nvidia-713");
        assertThat(j.get("source").get("host").asText()).isEqualTo("gpu-a1");
        assertThat(j.get("source").get("parent").asText()).isEqualTo("0000:3b:00.0");
        assertThat(j.get("source").get("uuid").asText()).isEqualTo(RENDER1_MDEV);
        assertThat(j.get("target").get("host").asText()).isEqualTo("gpu-a2");
        JsonNode recipe = j.get("recipe");
        assertThat(fieldNames(recipe)).containsExactly("parent", "type", "attrs", "action", "rule");
        assertThat(recipe.get("parent").asText()).isEqualTo("0000:3d:00.0");
        assertThat(recipe.get("action").asText()).as("an mdev parent: a new mdev, as plans say").isEqualTo("create");
        assertThat(recipe.get("type").asText()).isEqualTo("nvidia-713");
        assertThat(recipe.get("attrs").isArray() && recipe.get("attrs").isEmpty()).isTrue();
        assertThat(recipe.get("rule").asText()).isEqualTo("nvidia-a16-same-size#0");
        assertThat(j.has("failures")).isFalse();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void compatJsonHasAStableFieldOrder() {
        JsonNode ok = run("compat", "-f", EXAMPLE, "--source", RENDER1_MDEV, "--target", "gpu-a2/0000:3d:00.0:nvidia-713", "-o", "json").json();
        assertThat(fieldNames(ok)).containsExactly("source", "target", "type", "compatible", "recipe");
        assertThat(fieldNames(ok.get("source"))).containsExactly("host", "parent", "uuid", "type");
        assertThat(fieldNames(ok.get("target"))).containsExactly("host", "parent");
        JsonNode bad = run("compat", "-f", EXAMPLE, "--source", "render-1:0", "--target", "gpu-a4/0000:3b:00.0:nvidia-713", "-o", "json").json();
        assertThat(fieldNames(bad.get("failures").get(0))).containsExactly("entry", "field", "detail");
    }

    @Test
    void compatVmIndexToACompatibleTarget() {
        Cli.Result r = run("compat", "-f", EXAMPLE, "--source", "render-1:0", "--target", "gpu-a3/0000:3d:00.0:nvidia-713", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("compatible").asBoolean()).isTrue();
        assertThat(j.get("source").get("uuid").asText()).isEqualTo(RENDER1_MDEV);
        assertThat(j.get("recipe").get("parent").asText()).isEqualTo("0000:3d:00.0");
        assertThat(j.get("recipe").get("rule").asText()).isEqualTo("nvidia-a16-same-size#0");
    }

    @Test
    void compatOlderVgpuManagerFailsOnSoftwareVersion() {
        // gpu-a4 runs vGPU manager 17.3; the A16 pack demands the same version (=17.4)
        Cli.Result r = run("compat", "-f", EXAMPLE, "--source", "render-1:0", "--target", "gpu-a4/0000:3b:00.0:nvidia-713", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("compatible").asBoolean()).isFalse();
        assertThat(j.has("recipe")).isFalse();
        JsonNode failures = j.get("failures");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).get("entry").asInt()).isZero();
        assertThat(failures.get(0).get("field").asText()).isEqualTo("software_version");
        assertThat(failures.get(0).get("detail").asText()).contains("17.3").contains("=17.4");
    }

    @Test
    void compatEveryTypeOfAParent() {
        Cli.Result r = run("compat", "-f", EXAMPLE, "--source", "render-1:0", "--target", "gpu-a4/0000:3b:00.0", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("compatible").asBoolean()).isFalse();
        assertThat(j.get("recipe").isNull()).isTrue();
        List<String> types = new ArrayList<>();
        for (JsonNode t : j.get("types")) {
            types.add(t.get("type").asText());
            assertThat(t.get("compatible").asBoolean()).isFalse();
            String field = t.get("failures").get(0).get("field").asText();
            assertThat(field).isEqualTo(t.get("type").asText().equals("nvidia-713") ? "software_version" : "mdev_type");
        }
        assertThat(types).containsExactly("nvidia-711", "nvidia-712", "nvidia-713", "nvidia-714", "nvidia-715");

        Cli.Result table = run("compat", "-f", EXAMPLE, "--source", "render-1:0", "--target", "gpu-a4/0000:3b:00.0");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("nvidia-713: not compatible").contains("compatible[0] software_version: ");
    }

    @Test
    void compatWithAggregationGivesTheAttrs() {
        // the GVT-g aggregation example (a test pack): a V5_4 instance (a quarter GPU) lands as V5_8 with aggregator=2
        Cli.Result r = run("compat", "-f", EXAMPLE, "--rules", io.devplace.rules.TestPacks.AGGREGATING_GVTG.toString(), "--source", "thin-1:0", "--target", "gvt-2/0000:00:02.0:i915-GVTg_V5_8", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode recipe = r.json().get("recipe");
        assertThat(recipe.get("type").asText()).isEqualTo("i915-GVTg_V5_8");
        assertThat(recipe.get("attrs").toString()).isEqualTo("[{\"aggregator\":\"2\"}]");
        assertThat(recipe.get("rule").asText()).startsWith("intel-gvtg#");
    }

    @Test
    void compatReportsUnmetHostRequirements() {
        // old-a5 has libvirt 8.0.0; the A16 pack requires >=8.6 on the target host
        JsonNode j = run("compat", "-f", EXAMPLE, "--source", "render-1:0", "--target", "old-a5/0000:3b:00.0:nvidia-713", "-o", "json").json();
        assertThat(j.get("requirements").toString()).contains("host.attributes.libvirt").contains("old-a5");
    }

    static Stream<Arguments> badCompatArguments() {
        return Stream.of(
                arguments("render-1:0", "nohost/0000:3b:00.0", "--target", "host 'nohost' is not in the fleet"),
                arguments("render-1:0", "gpu-a4/0000:99:00.0", "--target", "'0000:99:00.0'"),
                arguments("render-1:0", "gpu-a4/0000:3b:00.0:nvidia-999", "--target", "gpu-a4 0000:3b:00.0 cannot create type nvidia-999"),
                arguments("render-1:7", "gpu-a4/0000:3b:00.0", "--source", "VM render-1 has no device 7 (it has 1)"),
                arguments("render-1:99999999999999999999", "gpu-a4/0000:3b:00.0", "--source", "VM render-1 has no device 99999999999999999999"),
                arguments("0000:41:00.4", "gpu-a4/0000:3b:00.0", "--source", "no VF 0000:41:00.4 in the fleet"),
                arguments("nobody:0", "gpu-a4/0000:3b:00.0", "--source", "VM 'nobody' is not in the fleet"),
                arguments("00000000-0000-4000-8000-000000000000", "gpu-a4/0000:3b:00.0", "--source", "no mdev 00000000-0000-4000-8000-000000000000"));
    }

    /** The form of --source and --target is usage (exit 2), checked before the fleet is read; the message names the option. */
    static Stream<Arguments> malformedCompatArguments() {
        return Stream.of(
                arguments("render-1:0", "gpu-a4", "--target: expected HOST/PARENT[:TYPE] but got 'gpu-a4'"),
                arguments("render-1:0", "/0000:3b:00.0", "--target: expected HOST/PARENT[:TYPE] but got '/0000:3b:00.0'"),
                arguments("render-1:0", "gpu-a4/", "--target: expected HOST/PARENT[:TYPE] but got 'gpu-a4/'"),
                arguments("render-1:0", "gpu-a4/0000:3b:00.0:", "--target: expected HOST/PARENT[:TYPE] but got 'gpu-a4/0000:3b:00.0:'"),
                arguments("render-1", "gpu-a4/0000:3b:00.0", "--source: expected an mdev UUID, a VF address (such as 0000:41:00.4) or VM:INDEX but got 'render-1'"),
                arguments("render-1:x", "gpu-a4/0000:3b:00.0", "but got 'render-1:x'"),
                arguments("7af02509-0215-4166-8e86", "gpu-a4/0000:3b:00.0", "but got '7af02509-0215-4166-8e86'"),
                arguments("", "gpu-a4/0000:3b:00.0", "--source: expected an mdev UUID"));
    }

    @ParameterizedTest(name = "--source {0} --target {1}")
    @MethodSource("malformedCompatArguments")
    void compatWithAMalformedSourceOrTargetExits2(String source, String target, String message) {
        for (String fleet : List.of(EXAMPLE, dir.resolve("missing.yaml").toString())) {
            Cli.Result r = run("compat", "-f", fleet, "--source", source, "--target", target, "-o", "json");
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).startsWith("devplace: ").contains(message).contains("Try 'devplace compat --help'.").doesNotContain("missing.yaml");
            assertThat(r.out()).isEmpty();
            noStackTrace(r);
        }
    }

    @ParameterizedTest(name = "--source {0} --target {1}")
    @MethodSource("badCompatArguments")
    void compatWithABadSourceOrTargetExits4(String source, String target, String option, String message) {
        Cli.Result r = run("compat", "-f", EXAMPLE, "--source", source, "--target", target, "-o", "json");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("devplace: invalid input:\n  " + option + ": ").contains(message);
        assertThat(r.out()).isEmpty();
        noStackTrace(r);
    }

    // ------------------------------------------------------------------ explain

    @Test
    void explainJsonListsEveryOtherHostWithAFitOrAReason() {
        Fleet f = FleetReader.read(EXAMPLE).value();
        Cli.Result r = run("explain", "-f", EXAMPLE, "--vm", "render-1", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("vm").asText()).isEqualTo("render-1");
        assertThat(j.get("host").asText()).isEqualTo("gpu-a1");
        assertThat(j.get("mode").asText()).isEqualTo("live");
        List<String> hosts = new ArrayList<>();
        for (JsonNode h : j.get("hosts")) {
            hosts.add(h.get("host").asText());
            if (h.get("fits").asBoolean()) {
                assertThat(h.get("devices")).as("devices of %s", h).isNotEmpty();
                for (JsonNode d : h.get("devices")) {
                    assertThat(d.get("parent").asText()).isNotEmpty();
                    assertThat(d.get("type").asText()).isEqualTo("nvidia-713");
                    assertThat(d.get("action").asText()).isIn("create", "reuse");
                    assertThat(d.get("rule").asText()).isEqualTo("nvidia-a16-same-size#0");
                }
            } else {
                assertThat(h.get("reason").get("code").asText()).as("reason of %s", h).isIn(REASON_CODES);
                assertThat(h.get("reason").get("detail").asText()).isNotEmpty();
            }
        }
        List<String> expected = f.hosts().stream().map(h -> h.name()).filter(n -> !n.equals("gpu-a1")).toList();
        assertThat(hosts).containsExactlyElementsOf(expected);
        assertThat(hostEntry(j, "gpu-a3").get("fits").asBoolean()).isTrue();
        assertThat(reason(j, "gpu-a4")).isEqualTo("NO_COMPATIBLE_DEVICE");   // vGPU manager 17.3
        assertThat(reason(j, "old-a5")).isEqualTo("HOST_REQUIREMENT");       // libvirt 8.0.0
        assertThat(reason(j, "gpu-a2")).isEqualTo("ANTI_AFFINITY");          // web-1 of group render lives there
        assertThat(hostEntry(j, "gpu-a2").get("reason").get("vm").asText()).isEqualTo("web-1");
        assertThat(reason(j, "gvt-1")).isEqualTo("NO_COMPATIBLE_DEVICE");
    }

    private static JsonNode hostEntry(JsonNode explain, String host) {
        for (JsonNode h : explain.get("hosts")) if (h.get("host").asText().equals(host)) return h;
        throw new AssertionError("no entry for " + host + " in " + explain);
    }

    private static String reason(JsonNode explain, String host) { return hostEntry(explain, host).get("reason").get("code").asText(); }

    @Test
    void explainOneHostAndTableOutput() {
        JsonNode j = run("explain", "-f", EXAMPLE, "--vm", "render-1", "--host", "gpu-a4", "-o", "json").json();
        assertThat(j.get("hosts")).hasSize(1);
        assertThat(reason(j, "gpu-a4")).isEqualTo("NO_COMPATIBLE_DEVICE");
        Cli.Result t = run("explain", "-f", EXAMPLE, "--vm", "render-1", "--host", "gpu-a3");
        assertThat(t.code()).isZero();
        assertThat(t.out()).startsWith("render-1 on gpu-a1 (live move)\n").contains("gpu-a3").contains("fits:");
    }

    @Test
    void explainVmThatCannotMoveLive() throws IOException {
        JsonNode j = run("explain", "-f", EXAMPLE, "--vm", "nfv-2", "-o", "json").json();
        assertThat(j.get("mode").isNull()).isTrue();
        for (JsonNode h : j.get("hosts")) assertThat(h.get("reason").get("code").asText()).isEqualTo("NOT_LIVE_MIGRATABLE");
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "apiVersion: devplace/v1\nkind: Policy\nallowCold: true\n");
        JsonNode cold = run("explain", "-f", EXAMPLE, "--vm", "nfv-2", "--policy", policy.toString(), "-o", "json").json();
        assertThat(cold.get("mode").asText()).isEqualTo("cold");
    }

    @Test
    void explainUnknownVmOrHostExits4() {
        Cli.Result vm = run("explain", "-f", EXAMPLE, "--vm", "nobody");
        assertThat(vm.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(vm.err()).contains("--vm: VM 'nobody' is not in the fleet");
        Cli.Result host = run("explain", "-f", EXAMPLE, "--vm", "render-1", "--host", "nohost");
        assertThat(host.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(host.err()).contains("--host: host 'nohost' is not in the fleet");
    }

    // ------------------------------------------------------------------ policy documents and flags (docs/reference/policy.md)

    static Stream<Arguments> badPolicies() {
        String head = "apiVersion: devplace/v1\nkind: Policy\n";
        return Stream.of(
                arguments(head + "maxParalel: 3\n", "maxParalel (line 3, column 13)", "unknown field 'maxParalel'"),
                arguments(head + "maxParallel: 0\n", "maxParallel (line 3, column 14)", "expected at least 1"),
                arguments(head + "maxPerHost: 1.5\n", "maxPerHost (line 3, column 13)", "expected a whole number but got the fraction 1.5"),
                arguments(head + "bandwidthMiBps: 0\n", "bandwidthMiBps (line 3, column 17)", "expected a bandwidth above 0"),
                arguments(head + "maxDowntimeMs: -1\n", "maxDowntimeMs (line 3, column 16)", "expected 0 (no cap) or more"),
                arguments(head + "spread: wide\n", "spread (line 3, column 9)", "expected consolidate or spread but got 'wide'"),
                arguments(head + "antiAffinity: maybe\n", "antiAffinity (line 3, column 15)", "expected hard or soft"),
                arguments(head + "timeLimit: forever\n", "timeLimit (line 3, column 12)", "expected a duration like 500ms, 30s or 2m"),
                arguments(head + "allowCold: \"yes\"\n", "allowCold (line 3, column 12)", "expected true or false"),
                arguments(head + "weights: {spread: }\n", "weights.spread", "expected a whole number"),
                arguments(head + "weights: {spread: heavy}\n", "weights.spread (line 3, column 19)", "expected a whole number"),
                arguments("apiVersion: devplace/v1\nkind: Fleet\n", "kind (line 2, column 7)", "expected kind: Policy"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badPolicies")
    void badPolicyExits4(String text, String where, String message) throws IOException {
        Path p = Files.writeString(dir.resolve("policy.yaml"), text);
        Cli.Result r = run("explain", "-f", EXAMPLE, "--vm", "render-1", "--policy", p.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(p + ": " + where).contains(message);
        noStackTrace(r);
    }

    @ParameterizedTest(name = "--time-limit {0}")
    @MethodSource
    void badTimeLimitIsAUsageError(String limit) {
        Cli.Result r = run("plan", "evacuate", "gpu-a1", "-f", EXAMPLE, "--time-limit", limit);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--time-limit").contains("expected a duration");
        noStackTrace(r);
    }

    static Stream<String> badTimeLimitIsAUsageError() {
        return Stream.of("10x", "", "1.5s", "99999999999999999999s", "9999999999999999h");
    }

    // ------------------------------------------------------------------ plan and verify

    /** One seeded plan of the example (evacuating gpu-a1), shared by the tests that only read it. */
    private static volatile Cli.Result examplePlan;

    private static Cli.Result examplePlan() {
        if (examplePlan == null) {
            synchronized (CliTest.class) {
                if (examplePlan == null)
                    examplePlan = run("plan", "evacuate", "gpu-a1", "-f", EXAMPLE, "--seed", "7", "--time-limit", "60s", "-o", "json");
            }
        }
        return examplePlan;
    }

    private Path writePlan(JsonNode plan) throws IOException {
        return Files.writeString(dir.resolve("plan.json"), plan.toPrettyString());
    }

    @Test
    void planEvacuatePrintsAPlanThatVerifies() throws IOException {
        Cli.Result r = examplePlan();
        assertThat(r.code()).as(r.toString()).isIn(ExitCodes.OK, ExitCodes.INCOMPLETE);
        JsonNode plan = r.json();
        assertThat(plan.get("kind").asText()).isEqualTo("Plan");
        assertThat(plan.get("request").get("evacuate").toString()).isEqualTo("[\"gpu-a1\"]");
        int unplaced = plan.get("unplaced").size();
        assertThat(plan.get("summary").get("unplaced").asInt()).isEqualTo(unplaced);
        assertThat(r.code()).as("exit 3 exactly when a VM is unplaced").isEqualTo(unplaced > 0 ? ExitCodes.INCOMPLETE : ExitCodes.OK);
        assertThat(plan.get("moves")).isNotEmpty();
        for (JsonNode m : plan.get("moves")) assertThat(m.get("from").asText()).isEqualTo("gpu-a1");
        assertThat(r.err()).doesNotContain("{");

        Cli.Result v = run("verify", "-f", EXAMPLE, writePlan(plan).toString());
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.out()).matches("(?s)plan sha256:[0-9a-f]{64} verifies: .*").endsWith(" verifies: " + plan.get("moves").size() + " moves, " + plan.get("actions").size() + " actions, "
                + unplaced + " unplaced\n");
        assertThat(v.err()).isEmpty();
    }

    /** docs/reference/commands.md: every command that reads documents takes --policy; verify then checks against that policy. */
    @Test
    void verifyChecksAgainstAGivenPolicyInsteadOfThePlansOwn() throws IOException {
        JsonNode plan = examplePlan().json();
        Path planFile = writePlan(plan);
        Path cap = Files.writeString(dir.resolve("cap.yaml"), "apiVersion: devplace/v1\nkind: Policy\nmaxDowntimeMs: 1\n");
        Cli.Result r = run("verify", "-f", EXAMPLE, "--policy", cap.toString(), planFile.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).contains("exceeds the cap of 1 ms");
        Cli.Result same = run("verify", "-f", EXAMPLE, "--policy", Files.writeString(dir.resolve("defaults.yaml"),
                "apiVersion: devplace/v1\nkind: Policy\n").toString(), planFile.toString());
        assertThat(same.code()).as(same.toString()).isZero();
    }

    /** docs/reference/commands.md: --policy on the commands that do not solve: accepted, and a bad policy is invalid input (exit 4). */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void policyIsAcceptedAndCheckedEverywhere(String command, List<String> args) throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), "apiVersion: devplace/v1\nkind: Policy\nmaxParallel: 3\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: devplace/v1\nkind: Policy\nmaxParallell: 3\n");
        List<String> ok = new ArrayList<>(args);
        ok.addAll(List.of("--policy", good.toString()));
        Cli.Result r = run(ok.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> ko = new ArrayList<>(args);
        ko.addAll(List.of("--policy", bad.toString()));
        Cli.Result k = run(ko.toArray(String[]::new));
        assertThat(k.code()).as(k.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(k.err()).contains(bad + ": maxParallell");
        noStackTrace(k);
    }

    static Stream<Arguments> policyIsAcceptedAndCheckedEverywhere() {
        return Stream.of(
                arguments("validate", List.of("validate", "-f", EXAMPLE)),
                arguments("compat", List.of("compat", "-f", EXAMPLE, "--source", RENDER1_MDEV, "--target", "gpu-a2/0000:3d:00.0")));
    }

    @Test
    void verifyAcceptsTheSamePlanAsYamlAndFromStdin() throws IOException {
        JsonNode plan = examplePlan().json();
        Path yaml = Files.writeString(dir.resolve("plan.yaml"), new YAMLMapper().writeValueAsString(plan));
        Cli.Result y = run("verify", "-f", EXAMPLE, yaml.toString());
        assertThat(y.code()).as(y.toString()).isZero();
        Cli.Result s = withStdin(plan.toString().getBytes(StandardCharsets.UTF_8), "verify", "-f", EXAMPLE, "-");
        assertThat(s.code()).as(s.toString()).isZero();
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                arguments("target parent", (Consumer<ObjectNode>) p -> firstTarget(p).put("parent", "0000:ff:00.0"), "target parent 0000:ff:00.0 is not on "),
                arguments("wave", (Consumer<ObjectNode>) p -> firstMove(p).put("wave", 0), "wave 0; moves start at wave 1"),
                arguments("mode", (Consumer<ObjectNode>) p -> firstMove(p).put("mode", "restart"), "mode restart but expected live"),
                arguments("target host", (Consumer<ObjectNode>) p -> firstMove(p).put("to", "gpu-a1"), "planned onto gpu-a1, a host being emptied"),
                arguments("downtime", (Consumer<ObjectNode>) p -> firstMove(p).put("estimatedDowntimeMs", 1), "estimatedDowntimeMs 1 but the formula gives"),
                arguments("summary", (Consumer<ObjectNode>) p -> ((ObjectNode) p.get("summary")).put("migrations", 99),
                        "summary.migrations is 99 but there are"));
    }

    private static ObjectNode firstMove(ObjectNode plan) { return (ObjectNode) plan.get("moves").get(0); }

    private static ObjectNode firstTarget(ObjectNode plan) { return (ObjectNode) firstMove(plan).get("devices").get(0).get("target"); }

    @ParameterizedTest(name = "tampered {0}")
    @MethodSource("tamperings")
    void verifyRejectsATamperedPlan(String what, Consumer<ObjectNode> tamper, String violation) throws IOException {
        ObjectNode plan = (ObjectNode) examplePlan().json().deepCopy();
        String vm = firstMove(plan).get("vm").asText();
        tamper.accept(plan);
        Cli.Result r = run("verify", "-f", EXAMPLE, writePlan(plan).toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.err()).contains("violation: ").contains(violation).containsPattern("devplace: the plan violates \\d+ rule\\(s\\)");
        if (!what.equals("summary")) assertThat(r.err()).contains("violation: " + vm + ": ");
        assertThat(r.out()).isEmpty();
        noStackTrace(r);
    }

    @Test
    void verifyRefusesWhatIsNotAPlan() throws IOException {
        Cli.Result fleet = run("verify", "-f", EXAMPLE, EXAMPLE);
        assertThat(fleet.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(fleet.err()).contains(EXAMPLE + ": kind (line ").contains("expected kind: Plan but got the string \"Fleet\"");
        Path missing = dir.resolve("nope.json");
        Cli.Result none = run("verify", "-f", EXAMPLE, missing.toString());
        assertThat(none.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.err()).contains(missing + ": file not found");
        ObjectNode plan = (ObjectNode) examplePlan().json().deepCopy();
        firstMove(plan).put("teleport", true);
        Cli.Result unknown = run("verify", "-f", EXAMPLE, writePlan(plan).toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.err()).contains("moves[0].teleport (line ").contains("unknown field 'teleport'");
    }

    @Test
    void planOutWritesTheFileAtomically() throws IOException {
        Path out = dir.resolve("plan.json");
        Files.writeString(out, "old content\n");
        Cli.Result r = run("plan", "evacuate", "gpu-a1", "-f", EXAMPLE, "--seed", "7", "--time-limit", "60s", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isIn(ExitCodes.OK, ExitCodes.INCOMPLETE);
        assertThat(r.out()).as("the plan goes to the file, not to stdout").isEmpty();
        assertThat(r.err()).contains("plan written to " + out);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left behind").containsExactly("plan.json");
        }
        JsonNode written = Cli.parseJson(Files.readString(out));
        assertThat(written.get("kind").asText()).isEqualTo("Plan");
        // --out defaults to JSON; with the same seed the plan is the one printed to stdout, but for solveMillis
        JsonNode printed = examplePlan().json().deepCopy();
        ((ObjectNode) printed.get("summary")).remove("solveMillis");
        ((ObjectNode) written.get("summary")).remove("solveMillis");
        assertThat(written).isEqualTo(printed);
        assertThat(run("verify", "-f", EXAMPLE, out.toString()).code()).isZero();
    }

    @Test
    void planOutLeavesAnExistingFileIntactWhenTheCommandFails() throws IOException {
        Path out = Files.writeString(dir.resolve("plan.json"), "precious\n");
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), "apiVersion: devplace/v1\nkind: Fleet\nhosts: [{name: a, cpus: -1}]\n");
        Cli.Result invalid = run("plan", "evacuate", "a", "-f", fleet.toString(), "--out", out.toString());
        assertThat(invalid.code()).as(invalid.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(invalid.err()).contains(fleet + ": hosts[0].cpus (line 3, column 25): expected a count >= 0 but got -1");

        Cli.Result unknownHost = run("plan", "evacuate", "nohost", "-f", EXAMPLE, "--out", out.toString());
        assertThat(unknownHost.code()).as(unknownHost.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknownHost.err()).contains("host 'nohost' is not in the fleet");
        noStackTrace(unknownHost);

        assertThat(Files.readString(out)).isEqualTo("precious\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plan.json", "fleet.yaml");
        }
    }

    // ------------------------------------------------------------------ demo

    @Test
    void demoRunsAndItsPlanVerifies() throws IOException {
        Cli.Result r = run("demo", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("devplace demo: evacuating gpu-a1");
        JsonNode plan = r.json();
        assertThat(plan.get("kind").asText()).isEqualTo("Plan");
        Iterator<JsonNode> hosts = plan.get("request").get("evacuate").elements();
        List<String> evacuated = new ArrayList<>();
        hosts.forEachRemaining(h -> evacuated.add(h.asText()));
        assertThat(evacuated).containsExactly("gpu-a1", "gvt-1");
        Cli.Result v = run("verify", "-f", EXAMPLE, writePlan(plan).toString());
        assertThat(v.code()).as(v.toString()).isZero();
    }
}
