package io.devplace.whatif;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad WhatIf documents are invalid input (exit 4) with a message naming the file and the path inside it. */
class WhatIfDocumentTest {
    @TempDir
    static Path dir;
    static Path fleet;

    @BeforeAll
    static void fleet() { fleet = Fixtures.write(dir, "fleet.yaml", ScenarioKeysTest.FLEET); }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("scenarios: [{name: x, dwn: {names: [a]}}]", "scenarios[0].dwn", "unknown field 'dwn'"),
                Arguments.of("scenarios: [{name: x, down: {names: [a], rack: r1}}]", "scenarios[0].down.rack", "unknown field 'rack'"),
                Arguments.of("scenarios: [{name: x, down: {names: [a, nope]}}]", "scenarios[0].down.names[1]", "host 'nope' is not in the fleet"),
                Arguments.of("scenarios: [{name: x, drain: {labels: {rack: r9}}}]", "scenarios[0].drain.labels", "no host of the fleet has labels"),
                Arguments.of("scenarios: [{name: x, drain: {names: [a], labels: {rack: r1}}}]", "scenarios[0].drain", "not both"),
                Arguments.of("scenarios: [{name: x, down: {}}]", "scenarios[0].down", "expected hosts by"),
                Arguments.of("scenarios: [{name: x, add: [{count: 2, vm: {cpus: 1, devices: [{type: nvidia-999}]}}]}]",
                        "scenarios[0].add[0].vm.devices[0].type", "nvidia-999 is not one any parent in the fleet can create"),
                Arguments.of("scenarios: [{name: x, add: [{count: -1, vm: {cpus: 1}}]}]", "scenarios[0].add[0].count", "expected a count >= 0"),
                Arguments.of("scenarios: [{name: x, add: [{count: 1.5, vm: {cpus: 1}}]}]", "scenarios[0].add[0].count", "whole number"),
                Arguments.of("scenarios: [{name: x, add: [{vm: {cpus: 1}}]}]", "scenarios[0].add[0].count", "expected the number of VMs"),
                Arguments.of("scenarios: [{name: x, add: [{count: 1, vm: {cpus: 1, devices: [{type: nvidia-749, attrs: [{a: \"1\", b: \"2\"}]}]}}]}]",
                        "scenarios[0].add[0].vm.devices[0].attrs[0]", "one-key mapping"),
                Arguments.of("scenarios: [{name: x, add: [{count: 20000, vm: {cpus: 1}}]}]", "scenarios[0].add", "at most 10000"),
                Arguments.of("scenarios: [{name: x}, {name: x}]", "scenarios[1].name", "duplicate scenario name 'x'"),
                Arguments.of("scenarios: [{down: {names: [a]}}]", "scenarios[0].name", "expected a scenario name"),
                Arguments.of("scenarios: [{name: x, eachHostDown: 3}]", "scenarios[0].eachHostDown", "true or false"),
                Arguments.of("scenarios: [{name: x, eachLabelDown: row}]", "scenarios[0].eachLabelDown", "no host of the fleet has label 'row'"),
                Arguments.of("scenarios: [{name: x, eachLabelDown: \" \"}]", "scenarios[0].eachLabelDown", "expected a label name"),
                Arguments.of("scenarios: [{name: x, eachHostDown: true, eachLabelDown: rack}]", "scenarios[0].eachLabelDown", "not both"),
                Arguments.of("scenarios: [{name: x, set: {hosts: {names: [a]}}}]", "scenarios[0].set.attributes", "at least one attribute"),
                Arguments.of("scenarios: [{name: x, set: {attributes: {v: \"1\"}}}]", "scenarios[0].set.hosts", "expected the hosts"),
                Arguments.of("scenarios: []", "scenarios", "at least one scenario"),
                Arguments.of("scenarios: [{name: x}]\nextra: 1", "extra", "unknown field 'extra'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bad")
    void badDocumentsExit4WithThePath(String body, String path, String message) {
        Path s = Fixtures.write(dir, "bad.yaml", "apiVersion: devplace/v1\nkind: WhatIf\n" + body + "\n");
        Fixtures.Run r = Fixtures.cli("whatif", "-f", fleet.toString(), "-s", s.toString(), "-o", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(4);
        assertThat(r.err()).contains(s.toString()).contains(path).contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void wrongKindAndMissingFileAreInvalidInput() {
        Path s = Fixtures.write(dir, "kind.yaml", "apiVersion: devplace/v1\nkind: Fleet\nscenarios: []\n");
        Fixtures.Run r = Fixtures.cli("whatif", "-f", fleet.toString(), "-s", s.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("kind").contains("expected kind: WhatIf");
        Fixtures.Run missing = Fixtures.cli("whatif", "-f", fleet.toString(), "-s", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).contains("nope.yaml").contains("file not found");
    }

    @Test
    void problemsCarryLineNumbers() {
        Path s = Fixtures.write(dir, "lines.yaml", "apiVersion: devplace/v1\nkind: WhatIf\nscenarios:\n  - name: x\n    down:\n      names: [zz]\n");
        Fixtures.Run r = Fixtures.cli("whatif", "-f", fleet.toString(), "-s", s.toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("scenarios[0].down.names[0] (line 6");
    }

    @Test
    void jsonDocumentsAreReadToo() {
        Path s = Fixtures.write(dir, "ok.json", "{\"apiVersion\": \"devplace/v1\", \"kind\": \"WhatIf\", \"scenarios\": [{\"name\": \"as-is\"}]}");
        Fixtures.Run r = Fixtures.cli("whatif", "-f", fleet.toString(), "-s", s.toString(), "-o", "json", "--time-limit", "1s");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"kind\" : \"WhatIfReport\"");
    }
}
