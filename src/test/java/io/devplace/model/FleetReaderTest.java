package io.devplace.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.devplace.model.Inputs.FLEET;
import static io.devplace.model.Inputs.FLEET_JSON;
import static io.devplace.model.Inputs.UUID;
import static io.devplace.model.Inputs.check;
import static io.devplace.model.Inputs.edit;
import static io.devplace.model.Inputs.problems;
import static io.devplace.model.Inputs.single;
import static io.devplace.model.Inputs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** docs/reference/fleet.md checks beyond syntax: unique names, counts, UUIDs, references that resolve, single ownership. */
class FleetReaderTest {
    private static final String OTHER = "0b7e8b36-5f4c-4a55-9b0b-6c1d1f6a9e01";
    private static final String VMS = "vms:\n";

    private static Documents.Parsed<Fleet> read(String file, String text) {
        return FleetReader.parse(file, utf8(text));
    }

    /** A second host h2 with one mdev {@link #OTHER}, inserted before {@code vms:} (lines 13-20). */
    private static String withSecondHost(String text) {
        return edit(text, VMS, """
                  - name: h2
                    cpus: 8
                    memoryMiB: 1024
                    devices:
                      - id: "p0"
                        driver: mtty
                        mdevs:
                          - {uuid: "%s", type: mtty-2}
                vms:
                """.formatted(OTHER));
    }

    static Stream<Arguments> invalidFleets() {
        return Stream.of(
                // duplicate names and ids
                arguments("duplicate host name", edit(FLEET, VMS, "  - name: h1\n    cpus: 1\n    memoryMiB: 1\n" + VMS), "hosts[1].name", 13, 11,
                        List.of("duplicate host name 'h1' (first at hosts[0])")),
                arguments("duplicate parent id on a host", edit(FLEET, VMS, "      - id: \"p0\"\n        driver: mtty\n" + VMS),
                        "hosts[0].devices[1].id", 13, 13, List.of("duplicate parent id 'p0' on host h1")),
                arguments("duplicate mdev uuid on one parent", edit(FLEET, VMS, "          - uuid: \"" + UUID + "\"\n            type: mtty-1\n" + VMS),
                        "hosts[0].devices[0].mdevs[1].uuid", 13, 19, List.of("duplicate mdev uuid " + UUID + " on host h1")),
                arguments("duplicate mdev uuid on two parents of a host, differing in case",
                        edit(FLEET, VMS, "      - id: \"p1\"\n        driver: mtty\n        mdevs:\n          - uuid: \"" + UUID.toUpperCase()
                                + "\"\n            type: mtty-1\n" + VMS),
                        "hosts[0].devices[1].mdevs[0].uuid", 16, 19, List.of("duplicate mdev uuid " + UUID.toUpperCase() + " on host h1")),
                arguments("duplicate VM name", FLEET + "  - name: v1\n    host: h1\n", "vms[1].name", 18, 11,
                        List.of("duplicate VM name 'v1' (first at vms[0])")),
                // references
                arguments("VM on a missing host", edit(FLEET, "    host: h1\n", "    host: h9\n"), "vms[0].host", 15, 11,
                        List.of("host 'h9' is not in hosts")),
                arguments("VM without a host", edit(FLEET, "    host: h1\n", ""), "vms[0].host", 14, 5,
                        List.of("expected the name of the VM's host")),
                arguments("VM device naming an mdev that does not exist", edit(FLEET, "      - mdev: \"" + UUID, "      - mdev: \"" + OTHER),
                        "vms[0].devices[0].mdev", 17, 15, List.of("mdev " + OTHER + " does not exist on host h1")),
                arguments("VM device naming an mdev of another host", withSecondHost(edit(FLEET, "      - mdev: \"" + UUID, "      - mdev: \"" + OTHER)),
                        "vms[0].devices[0].mdev", 25, 15, List.of("mdev " + OTHER + " does not exist on host h1")),
                arguments("VM device that is not a UUID", edit(FLEET, "      - mdev: \"" + UUID + "\"", "      - mdev: \"gpu0\""),
                        "vms[0].devices[0].mdev", 17, 15, List.of("expected a UUID but got 'gpu0'")),
                arguments("VM device without an mdev", edit(FLEET, "      - mdev: \"" + UUID + "\"", "      - {}"),
                        "vms[0].devices[0].mdev", 17, 9, List.of("expected the UUID of an mdev on h1")),
                arguments("an mdev owned by two VMs", FLEET + "  - name: v2\n    host: h1\n    devices:\n      - mdev: \"" + UUID + "\"\n",
                        "vms[1].devices[0].mdev", 21, 15, List.of("mdev " + UUID + " is already owned by VM v1")),
                // counts
                arguments("negative host cpus", edit(FLEET, "cpus: 8", "cpus: -1"), "hosts[0].cpus", 5, 11, List.of("expected a count >= 0 but got -1")),
                arguments("negative host memory", edit(FLEET, "memoryMiB: 1024", "memoryMiB: -1024"), "hosts[0].memoryMiB", 6, 16,
                        List.of("expected a count >= 0 but got -1024")),
                arguments("negative VM cpus", edit(FLEET, "    host: h1\n", "    host: h1\n    cpus: -3\n"), "vms[0].cpus", 16, 11,
                        List.of("expected a count >= 0 but got -3")),
                arguments("negative placement", edit(FLEET, "            type: mtty-2\n", "            type: mtty-2\n            placement: -2\n"),
                        "hosts[0].devices[0].mdevs[0].placement", 13, 24, List.of("expected a count >= 0 but got -2")),
                arguments("negative numaNode", edit(FLEET, "        driver: mtty\n", "        driver: mtty\n        numaNode: -1\n"),
                        "hosts[0].devices[0].numaNode", 10, 19, List.of("expected a count >= 0 but got -1")),
                arguments("negative availableInstances (type id with a dash)",
                        edit(FLEET, "        driver: mtty\n", "        driver: mtty\n        supportedTypes: {mtty-2: {availableInstances: -1}}\n"),
                        "hosts[0].devices[0].supportedTypes['mtty-2'].availableInstances", 10, 55, List.of("expected a count >= 0 but got -1")),
                arguments("negative maxInbound", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    migration: {maxInbound: -1}\n"),
                        "hosts[0].migration.maxInbound", 6, 29, List.of("expected a count >= 0 but got -1")),
                arguments("zero bandwidth", edit(FLEET, "    cpus: 8\n", "    cpus: 8\n    migration: {bandwidthMiBps: 0}\n"),
                        "hosts[0].migration.bandwidthMiBps", 6, 33, List.of("expected a bandwidth above 0")),
                arguments("fractional VM memory", edit(FLEET, "    host: h1\n", "    host: h1\n    memoryMiB: 2.5\n"), "vms[0].memoryMiB", 16, 16,
                        List.of("expected a whole number but got the fraction 2.5")),
                // required fields
                arguments("parent without an id", edit(FLEET, "      - id: \"p0\"\n        driver: mtty\n", "      - driver: mtty\n"),
                        "hosts[0].devices[0].id", 8, 9, List.of("expected a parent id")),
                arguments("parent without a driver", edit(FLEET, "        driver: mtty\n", ""), "hosts[0].devices[0].driver", 8, 9,
                        List.of("expected the parent driver")),
                arguments("mdev without a type", edit(FLEET, "            type: mtty-2\n", ""), "hosts[0].devices[0].mdevs[0].type", 11, 13,
                        List.of("expected the mdev type id")),
                arguments("VM without a name", edit(FLEET, "  - name: v1\n    host: h1\n", "  - host: h1\n"), "vms[0].name", 14, 5,
                        List.of("expected a VM name")),
                arguments("mdev attrs entry with two keys",
                        edit(FLEET, "            type: mtty-2\n", "            type: mtty-2\n            attrs: [{a: \"1\", b: \"2\"}]\n"),
                        "hosts[0].devices[0].mdevs[0].attrs[0]", 13, 21, List.of("expected a one-key mapping like {aggregator: \"2\"}")),
                arguments("mdev attrs entry without a value",
                        edit(FLEET, "            type: mtty-2\n", "            type: mtty-2\n            attrs: [{aggregator: }]\n"),
                        "hosts[0].devices[0].mdevs[0].attrs[0]", 13, 21, List.of("expected a one-key mapping like {aggregator: \"2\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFleets")
    void invalidFleetIsRefusedWithFilePathAndPosition(String name, String text, String path, int line, int column, List<String> parts) {
        single(() -> read("fleet.yaml", text), "fleet.yaml", path, line, column, parts.toArray(String[]::new));
    }

    @Test
    void nonUuidMdevIsRefused() {
        String text = edit(FLEET, "      - uuid: \"" + UUID + "\"", "      - uuid: \"not-a-uuid\"");
        List<InputProblem> ps = problems(() -> read("fleet.yaml", text));
        check(ps.get(0), "fleet.yaml", "hosts[0].devices[0].mdevs[0].uuid", 11, 19,
                "expected a UUID like 3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11 but got 'not-a-uuid'");
        // the VM that named the real UUID now points at nothing: reported too, in the same run
        assertThat(ps).hasSize(2);
        check(ps.get(1), "fleet.yaml", "vms[0].devices[0].mdev", 17, 15, "does not exist on host h1");
    }

    @Test
    void uuidWithoutDashesIsNotAUuid() {
        String text = FLEET.replace(UUID, UUID.replace("-", ""));
        check(problems(() -> read("fleet.yaml", text)).get(0), "fleet.yaml", "hosts[0].devices[0].mdevs[0].uuid", 11, 19, "expected a UUID");
    }

    @Test
    void hostWithoutNameIsReportedNotACrash() {
        String text = edit(FLEET, "  - name: h1\n    cpus: 8\n", "  - cpus: 8\n");
        List<InputProblem> ps = problems(() -> read("fleet.yaml", text));
        assertThat(ps).hasSize(2);
        check(ps.get(0), "fleet.yaml", "hosts[0].name", 4, 5, "expected a host name");
        check(ps.get(1), "fleet.yaml", "vms[0].host", 14, 11, "host 'h1' is not in hosts");
    }

    static Stream<Arguments> emptyListItems() {
        return Stream.of(
                arguments("empty host item", edit(FLEET, "hosts:\n", "hosts:\n  -\n"), "hosts[0]"),
                arguments("empty parent item", edit(FLEET, "    devices:\n      - id", "    devices:\n      -\n      - id"), "hosts[0].devices[0]"),
                arguments("empty mdev item", edit(FLEET, "        mdevs:\n", "        mdevs:\n          -\n"), "hosts[0].devices[0].mdevs[0]"),
                arguments("empty VM item", edit(FLEET, VMS, VMS + "  -\n"), "vms[0]"),
                arguments("null group", edit(FLEET, "    host: h1\n", "    host: h1\n    groups: [db, null]\n"), "vms[0].groups[1]"),
                arguments("empty attrs item", edit(FLEET, "            type: mtty-2\n", "            type: mtty-2\n            attrs: [~]\n"),
                        "hosts[0].devices[0].mdevs[0].attrs[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyListItems")
    void emptyListItemIsReportedAtItsPath(String name, String text, String path) {
        InputProblem p = problems(() -> read("fleet.yaml", text)).get(0);
        assertThat(p.file()).isEqualTo("fleet.yaml");
        assertThat(p.path()).isEqualTo(path);
        assertThat(p.line()).isPositive();
        assertThat(p.message()).doesNotContain("but got a mapping");
    }

    @Test
    void everyProblemIsReportedInOneRun() {
        String text = edit(edit(edit(FLEET, "cpus: 8", "cpus: -8"), "    host: h1\n", "    host: h9\n"),
                VMS, "  - name: h1\n    cpus: 1\n    memoryMiB: 1\n" + VMS);
        List<InputProblem> ps = problems(() -> read("fleet.yaml", text));
        assertThat(ps).extracting(InputProblem::path).containsExactly("hosts[0].cpus", "hosts[1].name", "vms[0].host");
    }

    @Test
    void jsonFleetProblemsArePositionedToo() {
        String text = edit(FLEET_JSON, "\"host\": \"h1\"", "\"host\": \"h9\"");
        single(() -> read("fleet.json", text), "fleet.json", "vms[0].host", 21, 28, "host 'h9' is not in hosts");
    }

    @Test
    void validFleetsPass() {
        assertThat(read("fleet.yaml", FLEET).value().vms()).hasSize(1);
        // the same UUID on two different hosts is allowed: uniqueness is per host
        assertThat(read("fleet.yaml", withSecondHost(FLEET).replace(OTHER, UUID)).value().hosts()).hasSize(2);
        // UUIDs compare case-insensitively: the VM may name its mdev in upper case
        assertThat(read("fleet.yaml", edit(FLEET, "      - mdev: \"" + UUID, "      - mdev: \"" + UUID.toUpperCase())).value().vms()).hasSize(1);
        // an absent count is 0 and the host state defaults to active
        Fleet f = read("fleet.yaml", edit(FLEET, "    cpus: 8\n", "")).value();
        assertThat(f.hosts().get(0).cpus()).isZero();
        assertThat(f.hosts().get(0).state()).isEqualTo(HostState.ACTIVE);
        // the bundled example
        assertThat(FleetReader.read("examples/fleet.yaml").value().hosts()).hasSize(10);
    }
}
