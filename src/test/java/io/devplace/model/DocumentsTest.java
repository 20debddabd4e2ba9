package io.devplace.model;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.devplace.model.Inputs.FLEET;
import static io.devplace.model.Inputs.FLEET_JSON;
import static io.devplace.model.Inputs.UUID;
import static io.devplace.model.Inputs.edit;
import static io.devplace.model.Inputs.single;
import static io.devplace.model.Inputs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The strict reader (docs/reference/README.md): every malformed document is refused with a message naming the file, the path inside
 * it, the line and column where known, and what was expected. Binding only: the cross-reference checks of a Fleet
 * are in {@link FleetReaderTest}.
 */
class DocumentsTest {

    private static Fleet parse(String file, String text) {
        return parse(file, utf8(text));
    }

    private static Fleet parse(String file, byte[] bytes) {
        return Documents.parse(file, bytes, "Fleet", Fleet.class).value();
    }

    // ------------------------------------------------------------------ malformed documents, one problem each

    static Stream<Arguments> malformedYaml() {
        return Stream.of(
                // unknown fields, at every level
                arguments("unknown top-level field", FLEET + "extra: 1\n", "extra", 18, 8,
                        List.of("unknown field 'extra'", "(expected one of: apiVersion, hosts, kind, vms)")),
                arguments("unknown field in a host", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    colour: red\n"), "hosts[0].colour", 6, 13,
                        List.of("unknown field 'colour'", "expected one of: attributes, cpus, devices, labels, memoryMiB, migration, name, state")),
                arguments("unknown field in a parent device", edit(FLEET, "        driver: mtty\n", "        driver: mtty\n        vendor: x\n"),
                        "hosts[0].devices[0].vendor", 10, 17,
                        List.of("unknown field 'vendor'", "expected one of: attributes, driver, id, iommuGroup, mdevs, model, numaNode, supportedTypes")),
                arguments("unknown field in an mdev", edit(FLEET, "            type: mtty-2\n", "            type: mtty-2\n            owner: v1\n"),
                        "hosts[0].devices[0].mdevs[0].owner", 13, 20,
                        List.of("unknown field 'owner'", "expected one of: attrs, iommuGroup, placement, start, type, uuid")),
                arguments("unknown field in a VM", edit(FLEET, "    host: h1\n", "    host: h1\n    gpu: yes\n"), "vms[0].gpu", 16, 10,
                        List.of("unknown field 'gpu'", "expected one of: cpus, devices, groups, host, liveMigratable, memoryMiB, name, priority")),
                arguments("unknown field in host migration", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    migration: {bandwidthMiBps: 1, speed: 2}\n"),
                        "hosts[0].migration.speed", 6, 43, List.of("unknown field 'speed'", "bandwidthMiBps, maxInbound, maxOutbound")),
                arguments("unknown field in a supported type (key with a dash)",
                        edit(FLEET, "        driver: mtty\n", "        driver: mtty\n        supportedTypes: {mtty-2: {available: 3}}\n"),
                        "hosts[0].devices[0].supportedTypes['mtty-2'].available", 10, 46,
                        List.of("unknown field 'available'", "availableInstances")),
                arguments("unknown field in a VM device descriptor",
                        edit(FLEET, "      - mdev: \"" + UUID + "\"\n", "      - mdev: \"" + UUID + "\"\n        compatibility: {self: {a: x}, extra: 1}\n"),
                        "vms[0].devices[0].compatibility.extra", 18, 46, List.of("unknown field 'extra'", "compatible, self")),
                // wrong types
                arguments("a string for cpus", edit(FLEET, "cpus: 8", "cpus: \"eight\""), "hosts[0].cpus", 5, 11,
                        List.of("expected a whole number but got the string \"eight\"")),
                arguments("a plain word for cpus", edit(FLEET, "cpus: 8", "cpus: eight"), "hosts[0].cpus", 5, 11,
                        List.of("expected a whole number but got the string \"eight\"")),
                arguments("a boolean for cpus", edit(FLEET, "cpus: 8", "cpus: true"), "hosts[0].cpus", 5, 11,
                        List.of("expected a whole number but got true")),
                arguments("a list for labels", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    labels: [a, b]\n"), "hosts[0].labels", 6, 13,
                        List.of("expected a mapping but got a list")),
                arguments("a string for labels", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    labels: r1\n"), "hosts[0].labels", 6, 13,
                        List.of("expected a mapping but got the string \"r1\"")),
                arguments("a number for attributes", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    attributes: 5\n"), "hosts[0].attributes", 6, 17,
                        List.of("expected a mapping but got the number 5")),
                arguments("a mapping for a string (host name)", edit(FLEET, "  - name: h1", "  - name: {a: 1}"), "hosts[0].name", 4, 11,
                        List.of("expected a string but got a mapping")),
                arguments("a list for a string (mdev type)", edit(FLEET, "type: mtty-2", "type: [mtty-2]"), "hosts[0].devices[0].mdevs[0].type", 12, 19,
                        List.of("expected a string but got a list")),
                arguments("a string for a list (groups)", edit(FLEET, "    host: h1\n", "    host: h1\n    groups: db\n"), "vms[0].groups", 16, 13,
                        List.of("expected a list but got the string \"db\"")),
                arguments("a list for a mapping (migration)", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    migration: [1]\n"), "hosts[0].migration", 6, 16,
                        List.of("expected a mapping but got a list")),
                arguments("a string for true/false", edit(FLEET, "    host: h1\n", "    host: h1\n    liveMigratable: \"yes\"\n"),
                        "vms[0].liveMigratable", 16, 21, List.of("expected true or false but got the string \"yes\"")),
                arguments("an unknown host state", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    state: broken\n"), "hosts[0].state", 6, 12,
                        List.of("expected one of active, draining, down but got 'broken'")),
                arguments("a mapping for the host list", "apiVersion: devplace/v1\nkind: Fleet\nhosts: {a: 1}\n", "hosts", 3, 8,
                        List.of("expected a list but got a mapping")),
                // duplicate keys
                arguments("duplicate key in a host", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    cpus: 9\n"), "hosts[0].cpus", 6, 5,
                        List.of("duplicate key 'cpus'")),
                arguments("duplicate top-level key", FLEET + "kind: Fleet\n", "kind", 18, 1, List.of("duplicate key 'kind'")),
                // numbers
                arguments("fractional count", edit(FLEET, "cpus: 8", "cpus: 1.5"), "hosts[0].cpus", 5, 11,
                        List.of("expected a whole number but got the fraction 1.5")),
                arguments("number beyond a signed 64-bit integer", edit(FLEET, "cpus: 8", "cpus: 9223372036854775808"), "hosts[0].cpus", 5, 11,
                        List.of("number 9223372036854775808 is beyond a signed 64-bit integer")),
                arguments("negative number beyond 64 bits", edit(FLEET, "cpus: 8", "cpus: -9223372036854775809"), "hosts[0].cpus", 5, 11,
                        List.of("number -9223372036854775809 is beyond a signed 64-bit integer")),
                arguments("number beyond 64 bits in a nested optional count",
                        edit(FLEET, "            type: mtty-2\n", "            type: mtty-2\n            placement: 99999999999999999999\n"),
                        "hosts[0].devices[0].mdevs[0].placement", 13, 24, List.of("beyond a signed 64-bit integer")),
                // header
                arguments("missing apiVersion", FLEET.replace("apiVersion: devplace/v1\n", ""), "apiVersion", 1, 1,
                        List.of("expected apiVersion: devplace/v1 but it is missing")),
                arguments("wrong apiVersion", edit(FLEET, "devplace/v1", "devplace/v2"), "apiVersion", 1, 13,
                        List.of("expected apiVersion: devplace/v1 but got the string \"devplace/v2\"")),
                arguments("missing kind", FLEET.replace("kind: Fleet\n", ""), "kind", 1, 1, List.of("expected kind: Fleet but it is missing")),
                arguments("wrong kind", edit(FLEET, "kind: Fleet", "kind: Policy"), "kind", 2, 7,
                        List.of("expected kind: Fleet but got the string \"Policy\"")),
                arguments("a list at the top", "- apiVersion: devplace/v1\n", "", 1, 1, List.of("expected a mapping with apiVersion and kind at the top")),
                // syntax
                arguments("unclosed flow sequence", edit(FLEET, "cpus: 8", "cpus: [8"), "", 6, 14, List.of("malformed YAML", "expected ',' or ']'")),
                arguments("tab indentation", "apiVersion: devplace/v1\nkind: Fleet\nhosts:\n  - name: a\n\t cpus: 1\n", "", 5, 1,
                        List.of("malformed YAML", "TAB")),
                arguments("undefined alias", edit(FLEET, "cpus: 8", "cpus: *zz"), "", 5, 11, List.of("malformed YAML", "undefined alias zz")),
                arguments("two documents in one file", FLEET + "---\nkind: Fleet\n", "", 18, 1, List.of("malformed YAML")),
                arguments("recursive alias", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    labels: &l {a: *l}\n"), "hosts[0].labels.a", 6, 13,
                        List.of("recursive YAML alias")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedYaml")
    void malformedYamlIsRefusedWithFilePathAndPosition(String name, String text, String path, int line, int column, List<String> parts) {
        single(() -> parse("fleet.yaml", text), "fleet.yaml", path, line, column, parts.toArray(String[]::new));
    }

    static Stream<Arguments> malformedJson() {
        String cpus = "\"cpus\": 8,";
        return Stream.of(
                arguments("unknown field", edit(FLEET_JSON, cpus, cpus + " \"gpus\": 1,"), "hosts[0].gpus", 7, 26, List.of("unknown field 'gpus'")),
                arguments("unknown top-level field", edit(FLEET_JSON, "\"kind\": \"Fleet\",", "\"kind\": \"Fleet\", \"x\": null,"), "x", 3, 25,
                        List.of("unknown field 'x'")),
                arguments("a string for cpus", edit(FLEET_JSON, cpus, "\"cpus\": \"8\","), "hosts[0].cpus", 7, 15,
                        List.of("expected a whole number but got the string \"8\"")),
                arguments("a list for labels", edit(FLEET_JSON, cpus, cpus + " \"labels\": [\"a\"],"), "hosts[0].labels", 7, 28,
                        List.of("expected a mapping but got a list")),
                arguments("fractional count", edit(FLEET_JSON, cpus, "\"cpus\": 1.5,"), "hosts[0].cpus", 7, 15,
                        List.of("expected a whole number but got the fraction 1.5")),
                arguments("number beyond 64 bits", edit(FLEET_JSON, cpus, "\"cpus\": 99999999999999999999,"), "hosts[0].cpus", 7, 15,
                        List.of("number 99999999999999999999 is beyond a signed 64-bit integer")),
                arguments("wrong kind", edit(FLEET_JSON, "\"kind\": \"Fleet\"", "\"kind\": \"Plan\""), "kind", 3, 11,
                        List.of("expected kind: Fleet but got the string \"Plan\"")),
                arguments("missing apiVersion", FLEET_JSON.replace("  \"apiVersion\": \"devplace/v1\",\n", ""), "apiVersion", 1, 1,
                        List.of("expected apiVersion: devplace/v1 but it is missing")),
                arguments("doubled comma", edit(FLEET_JSON, cpus, cpus + ","), "", 7, 17, List.of("malformed JSON", "was expecting double-quote")),
                arguments("unclosed document", FLEET_JSON.substring(0, FLEET_JSON.lastIndexOf('}')), "", 23, 1, List.of("malformed JSON", "end-of-input")),
                arguments("single quotes", edit(FLEET_JSON, "\"h1\"", "'h1'"), "", 6, 15, List.of("malformed JSON")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedJson")
    void malformedJsonIsRefusedWithFilePathAndPosition(String name, String text, String path, int line, int column, List<String> parts) {
        single(() -> parse("fleet.json", text), "fleet.json", path, line, column, parts.toArray(String[]::new));
    }

    @Test
    void duplicateJsonKeyNamesPathAndLine() {
        String text = edit(FLEET_JSON, "\"cpus\": 8,", "\"cpus\": 8, \"cpus\": 9,");
        InputProblem p = Inputs.problems(() -> parse("fleet.json", text)).get(0);
        assertThat(p.file()).isEqualTo("fleet.json");
        assertThat(p.path()).isEqualTo("hosts[0].cpus");
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.column()).as("column of the second key (columns 18-24)").isBetween(18, 24);
        assertThat(p.message()).contains("duplicate key 'cpus'");
    }

    @Test
    void trailingJsonContentIsRefusedInPlainWords() {
        InputProblem p = single(() -> parse("fleet.json", FLEET_JSON + "{}\n"), "fleet.json", "", 24, 1, "malformed JSON");
        assertThat(p.message()).doesNotContain("com.fasterxml").doesNotContain("DeserializationFeature");
    }

    @ParameterizedTest(name = "empty input {0}")
    @ValueSource(strings = {"", "   \n", "# only a comment\n"})
    void emptyYamlIsRefused(String text) {
        single(() -> parse("fleet.yaml", text), "fleet.yaml", "", 0, 0, "expected a document but the input is empty");
    }

    @Test
    void emptyYamlDocumentIsRefused() {
        InputProblem p = Inputs.problems(() -> parse("fleet.yaml", "---\n")).get(0);
        assertThat(p.path()).isEmpty();
        assertThat(p.message()).contains("expected a").doesNotContain("Exception");
    }

    @ParameterizedTest(name = "empty JSON input \"{0}\"")
    @ValueSource(strings = {"", "  \n\n"})
    void emptyJsonIsRefused(String text) {
        single(() -> parse("fleet.json", text), "fleet.json", "", 0, 0, "expected a document but the input is empty");
    }

    // ------------------------------------------------------------------ files and bytes

    @Test
    void missingFile(@TempDir Path dir) {
        String f = dir.resolve("nope.yaml").toString();
        single(() -> Documents.read(f, "Fleet", Fleet.class), f, "", 0, 0, "file not found");
    }

    @Test
    void directoryInsteadOfFile(@TempDir Path dir) {
        String f = dir.toString();
        single(() -> Documents.read(f, "Fleet", Fleet.class), f, "", 0, 0, "expected a file but this is a directory");
    }

    @Test
    void unreadableFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("secret.yaml"), FLEET);
        Assumptions.assumeTrue(f.toFile().setReadable(false) && !Files.isReadable(f), "running as a user that can read anything (root)");
        single(() -> Documents.read(f.toString(), "Fleet", Fleet.class), f.toString(), "", 0, 0, "cannot read file");
    }

    @Test
    void invalidUtf8IsRefusedWithItsPosition() {
        byte[] good = utf8(FLEET);
        int at = FLEET.indexOf("h1"); // "  - name: h1" on line 4: 'h' at column 11
        byte[] bad = new byte[good.length + 1];
        System.arraycopy(good, 0, bad, 0, at + 1);
        bad[at + 1] = (byte) 0xFF;
        System.arraycopy(good, at + 1, bad, at + 2, good.length - at - 1);
        InputProblem p = single(() -> parse("fleet.yaml", bad), "fleet.yaml", "", 4, 12, "expected UTF-8 text");
        assertThat(p.message()).contains("0xFF").contains("offset " + (at + 1));
    }

    @Test
    void truncatedUtf8SequenceAtTheEndIsRefused() {
        byte[] good = utf8(FLEET);
        byte[] bad = Arrays.copyOf(good, good.length + 1);
        bad[good.length] = (byte) 0xC3; // first byte of a two-byte sequence, nothing after it
        single(() -> parse("fleet.yaml", bad), "fleet.yaml", "", 18, 1, "expected UTF-8 text");
    }

    @Test
    void invalidUtf8InJsonIsRefusedToo() {
        byte[] bad = utf8(FLEET_JSON);
        bad[FLEET_JSON.indexOf("h1")] = (byte) 0xC0;
        single(() -> parse("fleet.json", bad), "fleet.json", "", 6, 16, "expected UTF-8 text");
    }

    @Test
    void byteOrderMarkIsAccepted() {
        Fleet plain = parse("fleet.yaml", FLEET);
        assertThat(parse("fleet.yaml", "\uFEFF" + FLEET)).isEqualTo(plain);
        assertThat(parse("fleet.json", "\uFEFF" + FLEET_JSON)).isEqualTo(plain);
        assertThat(parse("-", "\uFEFF" + FLEET_JSON)).isEqualTo(plain);
    }

    @Test
    void byteOrderMarkDoesNotShiftPositions() {
        String text = "\uFEFF" + edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    colour: red\n");
        single(() -> parse("fleet.yaml", text), "fleet.yaml", "hosts[0].colour", 6, 13, "unknown field 'colour'");
    }

    // ------------------------------------------------------------------ what is accepted, and how

    @Test
    void validFleetBindsEveryField() {
        Fleet f = parse("fleet.yaml", FLEET);
        assertThat(f.hosts()).hasSize(1);
        Host h = f.hosts().get(0);
        assertThat(h.name()).isEqualTo("h1");
        assertThat(h.cpus()).isEqualTo(8);
        assertThat(h.memoryMiB()).isEqualTo(1024);
        assertThat(h.state()).isEqualTo(HostState.ACTIVE);
        assertThat(h.devices()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("p0");
            assertThat(p.driver()).isEqualTo("mtty");
            assertThat(p.mdevs()).singleElement().isEqualTo(new Mdev(UUID, "mtty-2", List.of(), null, null));
        });
        assertThat(f.vms()).singleElement().satisfies(v -> {
            assertThat(v.host()).isEqualTo("h1");
            assertThat(v.isLiveMigratable()).isTrue();
            assertThat(v.devices()).containsExactly(new VmDevice(UUID, null));
        });
    }

    @Test
    void largestSigned64BitIntegerIsAccepted() {
        assertThat(parse("fleet.yaml", edit(FLEET, "cpus: 8", "cpus: 9223372036854775807")).hosts().get(0).cpus()).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("fleet.json", edit(FLEET_JSON, "\"cpus\": 8", "\"cpus\": 9223372036854775807")).hosts().get(0).cpus())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void jsonAndYamlGiveEqualFleets() {
        assertThat(parse("fleet.json", FLEET_JSON)).isEqualTo(parse("fleet.yaml", FLEET));
        // the real example too, through a JSON rendering of its own tree
        Path example = Path.of("examples/fleet.yaml");
        var yaml = Documents.read(example.toString(), "Fleet", Fleet.class);
        String json = yaml.tree().toPrettyString();
        assertThat(parse("example.json", json)).isEqualTo(yaml.value());
    }

    @Test
    void yamlAnchorsAndAliasesAreHonoured() {
        String text = edit(edit(FLEET, "      - uuid: \"" + UUID + "\"", "      - uuid: &u \"" + UUID + "\""),
                "      - mdev: \"" + UUID + "\"", "      - mdev: *u");
        Fleet f = parse("fleet.yaml", text);
        assertThat(f.vms().get(0).devices().get(0).mdev()).isEqualTo(UUID);
        assertThat(f).isEqualTo(parse("fleet.yaml", FLEET));
    }

    @Test
    void yamlMergeKeysAreHonouredAndExplicitKeysWin() {
        String text = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - &base {name: h0, cpus: 8, memoryMiB: 1024, labels: &rack {rack: r1, zone: z1}}
                  - <<: *base
                    name: h1
                    cpus: 16
                  - <<: [*base, {state: draining}]
                    name: h2
                    labels: {<<: *rack, rack: r2}
                """;
        Fleet f = parse("fleet.yaml", text);
        assertThat(f.hosts()).extracting(Host::name).containsExactly("h0", "h1", "h2");
        assertThat(f.hosts()).extracting(Host::cpus).containsExactly(8L, 16L, 8L);
        assertThat(f.hosts()).extracting(Host::memoryMiB).containsExactly(1024L, 1024L, 1024L);
        assertThat(f.hosts().get(1).labels()).isEqualTo(Map.of("rack", "r1", "zone", "z1"));
        assertThat(f.hosts().get(2).state()).isEqualTo(HostState.DRAINING);
        assertThat(f.hosts().get(2).labels()).isEqualTo(Map.of("rack", "r2", "zone", "z1"));
    }

    @Test
    void mergedFieldsAreStillCheckedStrictly() {
        String text = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - &base {name: h0, cpus: 8, colour: red}
                  - <<: *base
                    name: h1
                """;
        var ps = Inputs.problems(() -> parse("fleet.yaml", text));
        assertThat(ps.get(0).path()).isEqualTo("hosts[0].colour");
        assertThat(ps.get(0).message()).contains("unknown field 'colour'");
    }

    @Test
    void stdinSniffsJsonAndYaml() {
        Fleet expected = parse("fleet.yaml", FLEET);
        assertThat(parse("-", FLEET_JSON)).isEqualTo(expected);
        assertThat(parse("-", "\n  \t" + FLEET_JSON)).isEqualTo(expected);
        assertThat(parse("-", FLEET)).isEqualTo(expected);
        // a JSON-looking input is parsed as JSON (strict: no YAML leniency), anything else as YAML
        single(() -> parse("-", edit(FLEET_JSON, "\"cpus\": 8,", "\"cpus\": 8,,")), "-", "", 7, 17, "malformed JSON");
        single(() -> parse("-", edit(FLEET, "cpus: 8", "cpus: [8")), "-", "", 6, 14, "malformed YAML");
        single(() -> parse("-", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    colour: red\n")), "-", "hosts[0].colour", 6, 13,
                "unknown field 'colour'");
    }

    @Test
    void readingDashTakesStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(utf8(FLEET_JSON)));
            assertThat(Documents.read("-", "Fleet", Fleet.class).value()).isEqualTo(parse("fleet.yaml", FLEET));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void fileExtensionDecidesTheSyntax() {
        // JSON is YAML, so a .yaml file may hold JSON; a .json file holding YAML is malformed JSON
        assertThat(parse("fleet.yaml", FLEET_JSON)).isEqualTo(parse("fleet.yaml", FLEET));
        InputProblem p = Inputs.problems(() -> parse("fleet.json", FLEET)).get(0);
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.message()).startsWith("malformed JSON");
        assertThat(parse("FLEET.JSON", FLEET_JSON)).isEqualTo(parse("fleet.yaml", FLEET));
    }

    @Test
    void attributeValuesAreKeptAsWritten() {
        String text = edit(FLEET, "    cpus: 8\n", """
                    cpus: 8
                    labels: {rack: 1}
                    attributes: {vgpu_manager: 17.10, libvirt: 10.0.0, qemu: "8.2.0", big: 1.50, count: 10}
                """);
        Host h = parse("fleet.yaml", text).hosts().get(0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("vgpu_manager", "17.10");
        expected.put("libvirt", "10.0.0");
        expected.put("qemu", "8.2.0");
        expected.put("big", "1.50");
        expected.put("count", "10");
        assertThat(h.attributes()).containsAllEntriesOf(expected);
        assertThat(h.labels()).containsEntry("rack", "1");
    }

    @Test
    void jsonNumericAttributeValuesAreKeptAsWritten() {
        String text = edit(FLEET_JSON, "\"cpus\": 8,", "\"cpus\": 8, \"attributes\": {\"vgpu_manager\": 17.10, \"n\": 10, \"f\": 1.50},");
        Host h = parse("fleet.json", text).hosts().get(0);
        assertThat(h.attributes()).containsEntry("vgpu_manager", "17.10").containsEntry("n", "10").containsEntry("f", "1.50");
    }
}
