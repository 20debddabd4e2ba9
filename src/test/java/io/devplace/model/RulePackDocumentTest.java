package io.devplace.model;

import io.devplace.rules.LoadedPack;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.devplace.model.Inputs.edit;
import static io.devplace.model.Inputs.problems;
import static io.devplace.model.Inputs.single;
import static io.devplace.model.Inputs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** docs/reference/rulepack.md: a rule pack is checked when it is loaded, and every problem names file, path and position. */
class RulePackDocumentTest {
    /** A valid pack; line numbers matter (types at 8-11, migration.self at 13-16, compatible[0] at 18-20). */
    static final String PACK = """
            apiVersion: devplace/v1
            kind: RulePack
            name: test-pack
            match: {driver: acme}
            capacity:
              counters: {fb_mib: 16384}
              slots: 0
            types:
              acme-4:
                deviceApi: vfio-pci
                consumes: {fb_mib: 4096}
            migration:
              self:
                device_api: "${type.deviceApi}"
                mdev_type: "${type.id}"
                version: "${host.attributes.acme_version}"
              compatible:
                - device_api: "${self.device_api}"
                  mdev_type: "${self.mdev_type}"
                  version: "^${self.version}"
            """;
    private static final String CONSUMES = "    consumes: {fb_mib: 4096}\n";

    /** PACK on 48 slots with acme-4 of size 8 at the given placements (line 13). */
    private static String slotted8(String placements) {
        return edit(edit(PACK, "slots: 0", "slots: 48"), CONSUMES, CONSUMES + "    size: 8\n    placements: " + placements + "\n");
    }

    private static LoadedPack parse(String text) {
        return RuleBook.parse("pack.yaml", utf8(text));
    }

    static Stream<Arguments> invalidPacks() {
        return Stream.of(
                arguments("missing deviceApi", edit(PACK, "    deviceApi: vfio-pci\n", ""), "types['acme-4'].deviceApi", 10, 5,
                        List.of("expected deviceApi (vfio-pci, vfio-ccw, vfio-ap, ...)")),
                arguments("consumes of an undeclared counter", edit(PACK, CONSUMES, "    consumes: {fb_mib: 4096, lanes: 1}\n"),
                        "types['acme-4'].consumes.lanes", 11, 37, List.of("counter 'lanes' is not declared in capacity.counters")),
                arguments("size not dividing slots", edit(edit(PACK, "slots: 0", "slots: 48"), CONSUMES, CONSUMES + "    size: 5\n"),
                        "types['acme-4'].size", 12, 11, List.of("size 5 must divide capacity.slots 48")),
                arguments("size 0 on a slotted parent", edit(edit(PACK, "slots: 0", "slots: 48"), CONSUMES, CONSUMES + "    size: 0\n"),
                        "types['acme-4'].size", 12, 11, List.of("size 0 must divide capacity.slots 48")),
                arguments("placements on a pack without slots", edit(PACK, CONSUMES, CONSUMES + "    placements: [0]\n"),
                        "types['acme-4'].placements", 12, 17, List.of("pack test-pack: placements need capacity.slots")),
                arguments("negative placement", slotted8("[0, -8]"), "types['acme-4'].placements[1]", 13, 21,
                        List.of("pack test-pack: expected a slot offset >= 0 but got -8")),
                arguments("placement running past the slots", slotted8("[0, 44]"), "types['acme-4'].placements[1]", 13, 21,
                        List.of("pack test-pack: offset 44 + size 8 exceeds capacity.slots 48")),
                arguments("placement listed twice", slotted8("[0, 16, 0]"), "types['acme-4'].placements[2]", 13, 25,
                        List.of("pack test-pack: offset 0 is listed twice")),
                arguments("fractional placement", slotted8("[0.5]"), "types['acme-4'].placements[0]", 13, 18,
                        List.of("expected a whole number but got the fraction 0.5")),
                arguments("aggregation without max", edit(PACK, CONSUMES, CONSUMES + "    aggregation: {attr: aggregator, min: 1}\n"),
                        "types['acme-4'].aggregation.max", 12, 18, List.of("expected max (required)")),
                arguments("aggregation with min above max", edit(PACK, CONSUMES, CONSUMES + "    aggregation: {min: 4, max: 2}\n"),
                        "types['acme-4'].aggregation", 12, 18, List.of("expected 1 <= min <= max")),
                arguments("negative maxInstances", edit(PACK, CONSUMES, CONSUMES + "    maxInstances: -1\n"),
                        "types['acme-4'].maxInstances", 12, 19, List.of("expected a count >= 0")),
                arguments("unknown field in a type", edit(PACK, CONSUMES, CONSUMES + "    colour: red\n"),
                        "types['acme-4'].colour", 12, 13, List.of("unknown field 'colour'", "deviceApi")),
                arguments("fractional consumption", edit(PACK, CONSUMES, "    consumes: {fb_mib: 0.5}\n"),
                        "types['acme-4'].consumes.fb_mib", 11, 24, List.of("expected a whole number but got the fraction 0.5")),
                arguments("negative counter", edit(PACK, "{fb_mib: 16384}", "{fb_mib: -1}"), "capacity.counters.fb_mib", 6, 22,
                        List.of("expected a count >= 0")),
                arguments("negative counter with a dash in its name",
                        edit(edit(PACK, "{fb_mib: 16384}", "{fb-mib: -1}"), CONSUMES, "    consumes: {fb-mib: 1}\n"),
                        "capacity.counters['fb-mib']", 6, 22, List.of("expected a count >= 0")),
                arguments("bad exclusive value", edit(PACK, "  slots: 0\n", "  slots: 0\n  exclusive: always\n"), "capacity.exclusive", 8, 14,
                        List.of("expected 'type' or 'none' but got 'always'")),
                arguments("template syntax error in migration.self", edit(PACK, "\"${type.id}\"", "\"${type.id\""), "migration.self.mdev_type", 15, 16,
                        List.of("unterminated '${'")),
                arguments("bad expression in migration.self", edit(PACK, "\"${type.id}\"", "\"${1 + }\""), "migration.self.mdev_type", 15, 16,
                        List.of("expected a number, name or '('")),
                arguments("a self field using a later one", edit(PACK, "device_api: \"${type.deviceApi}\"", "device_api: \"${self.version}\""),
                        "migration.self.device_api", 14, 17,
                        List.of("uses self.version, which is defined later; self fields may only use earlier ones")),
                arguments("a self field using itself", edit(PACK, "device_api: \"${type.deviceApi}\"", "device_api: \"x${self.device_api}\""),
                        "migration.self.device_api", 14, 17, List.of("uses itself (self.device_api)")),
                arguments("template syntax error in a compatible entry", edit(PACK, "\"^${self.version}\"", "\"^${self.version\""),
                        "migration.compatible[0].version", 20, 16, List.of("unterminated '${'")),
                arguments("bad vars", edit(PACK, "    - device_api: \"${self.device_api}\"", "    - vars: {n: 3}\n      device_api: \"${self.device_api}\""),
                        "migration.compatible[0].vars.n", 18, 17, List.of("expected a list of values or {min: N, max: M}")),
                arguments("missing name", edit(PACK, "name: test-pack\n", ""), "name", 1, 1, List.of("expected a pack name")),
                arguments("missing match", edit(PACK, "match: {driver: acme}\n", ""), "match", 1, 1, List.of("expected at least one key")),
                arguments("unknown top-level field", edit(PACK, "name: test-pack\n", "name: test-pack\nversion: 2\n"), "version", 4, 10,
                        List.of("unknown field 'version'")),
                arguments("wrong kind", edit(PACK, "kind: RulePack", "kind: Fleet"), "kind", 2, 7,
                        List.of("expected kind: RulePack but got the string \"Fleet\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPacks")
    void invalidPackIsRefusedWithFilePathAndPosition(String name, String text, String path, int line, int column, List<String> parts) {
        single(() -> parse(text), "pack.yaml", path, line, column, parts.toArray(String[]::new));
    }

    static Stream<Arguments> missingNumbers() {
        return Stream.of(
                arguments("counter without a value", edit(PACK, "{fb_mib: 16384}", "{fb_mib: }"), "capacity.counters.fb_mib"),
                arguments("consumption without a value", edit(PACK, CONSUMES, "    consumes: {fb_mib: }\n"), "types['acme-4'].consumes.fb_mib"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingNumbers")
    void missingNumberIsInvalidInputNotACrash(String name, String text, String path) {
        InputProblem p = problems(() -> parse(text)).get(0);
        assertThat(p.file()).isEqualTo("pack.yaml");
        assertThat(p.path()).isEqualTo(path);
        assertThat(p.line()).isEqualTo(path.startsWith("capacity") ? 6 : 11);
        assertThat(p.message()).contains("expected a count");
    }

    @Test
    void severalProblemsAreReportedTogether() {
        String text = edit(edit(PACK, "    deviceApi: vfio-pci\n", ""), "  slots: 0\n", "  slots: 0\n  exclusive: yes-please\n");
        assertThat(problems(() -> parse(text))).extracting(InputProblem::path)
                .containsExactly("capacity.exclusive", "types['acme-4'].deviceApi");
    }

    @Test
    void placementsAreReadInTheOrderGiven() {
        assertThat(parse(slotted8("[16, 0, 40]")).pack().types().get("acme-4").placements()).containsExactly(16L, 0L, 40L);
        assertThat(parse(PACK).pack().types().get("acme-4").placements()).as("absent: every multiple of size").isNull();
    }

    @Test
    void validPackLoads() {
        LoadedPack p = parse(PACK);
        assertThat(p.name()).isEqualTo("test-pack");
        assertThat(p.file()).isEqualTo("pack.yaml");
        assertThat(p.pack().types()).containsOnlyKeys("acme-4");
        assertThat(p.migration()).isNotNull();
    }

    @Test
    void bundledPacksLoadWithUniqueNames() {
        List<LoadedPack> bundled = RuleBook.bundled();
        assertThat(bundled).hasSizeGreaterThanOrEqualTo(9);
        Set<String> names = new HashSet<>();
        for (LoadedPack p : bundled) {
            assertThat(names.add(p.name())).as("pack name %s is unique", p.name()).isTrue();
            assertThat(p.pack().types()).as("types of %s", p.name()).isNotEmpty();
        }
    }

    @Test
    void duplicatePackNameInUserFoldersIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), PACK);
        Files.writeString(dir.resolve("b.yaml"), PACK);
        String b = dir.resolve("b.yaml").toString();
        single(() -> RuleBook.load(List.of(dir), true), b, "name", 0, 0, "duplicate rule pack name 'test-pack'", "a.yaml");
    }

    @Test
    void rulesFolderThatIsNotAFolderIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pack.yaml"), PACK);
        single(() -> RuleBook.load(List.of(file), true), file.toString(), "", 0, 0, "expected a folder of rule packs");
        Path missing = dir.resolve("nope");
        single(() -> RuleBook.load(List.of(missing), true), missing.toString(), "", 0, 0, "expected a folder of rule packs");
    }

    @Test
    void invalidPackInAUserFolderNamesItsFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("10-bad.yaml"), edit(PACK, "slots: 0", "slots: 0\n  exclusive: always"));
        String f = dir.resolve("10-bad.yaml").toString();
        single(() -> RuleBook.load(List.of(dir), true), f, "capacity.exclusive", 8, 14, "expected 'type' or 'none'");
    }
}
