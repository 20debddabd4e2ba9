package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet checks that need rule packs (docs/reference/README.md; docs/reference/fleet.md), through {@code devplace validate}: descriptors that cannot be
 * built and invalid recorded placements are invalid input (exit 4); a current state over capacity is a warning, an
 * error with {@code --strict}; observed availableInstances that disagree with a pack, and parents no pack governs,
 * are warnings.
 */
class FleetChecksCliTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: h1
                cpus: 64
                memoryMiB: 65536
                attributes: %s
                devices:
            """;
    private static final String VERSIONS = "{vgpu_manager: \"17.4\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}";

    private static String uuid(int i) { return "00000000-0000-4000-8000-%012d".formatted(i); }

    /** One parent (line 9) of the given driver/model with {@code n} mdevs of {@code type}, optionally at placements. */
    private static String parent(String id, String driver, String model, String type, int n, int... placements) {
        StringBuilder b = new StringBuilder("      - id: \"" + id + "\"\n        driver: " + driver + "\n");
        if (model != null) b.append("        model: \"").append(model).append("\"\n");
        if (n > 0) b.append("        mdevs:\n");
        for (int i = 0; i < n; i++) {
            b.append("          - uuid: \"").append(uuid(i + 1)).append("\"\n            type: ").append(type).append('\n');
            if (placements.length > i) b.append("            placement: ").append(placements[i]).append('\n');
        }
        return b.toString();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Cli.Result validate(Path fleet, String... extra) {
        List<String> args = new ArrayList<>(List.of("validate", "-f", fleet.toString()));
        args.addAll(Arrays.asList(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    // ------------------------------------------------------------------ descriptors that cannot be built

    private static final String ACME_PACK = """
            apiVersion: devplace/v1
            kind: RulePack
            name: acme-pack
            match: {driver: acme}
            capacity:
              counters: {units: 8}
            types:
              acme-1: {deviceApi: vfio-pci, consumes: {units: 1}, props: {per_gpu: %s}}
            migration:
              self:
                device_api: "${type.deviceApi}"
                mdev_type: "${type.id}"
                software_version: "%s"
                units: "${8 / type.props.per_gpu}"
              compatible:
                - mdev_type: "${self.mdev_type}"
            """;

    private Path acmeRules(String perGpu, String version) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("acme.yaml"), ACME_PACK.formatted(perGpu, version));
        return rules;
    }

    private Path acmeFleet(boolean owned) throws IOException {
        String text = HEAD.formatted("{libvirt: \"10.0.0\"}") + parent("0000:01:00.0", "acme", null, "acme-1", 1)
                + (owned ? "vms:\n  - name: v1\n    host: h1\n    devices:\n      - mdev: \"" + uuid(1) + "\"\n" : "");
        return write("fleet.yaml", text);
    }

    @Test
    void undefinedReferenceWithoutDefaultInAPackTemplateIsInvalidInput() throws IOException {
        Path rules = acmeRules("2", "${host.attributes.acme_version}");
        for (boolean owned : new boolean[]{true, false}) {
            Cli.Result r = validate(acmeFleet(owned), "--rules", rules.toString());
            assertThat(r.code()).as("owned=%s: %s", owned, r).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.err()).as("owned=%s", owned)
                    .contains("fleet.yaml: hosts[0].devices[0].mdevs[0] (line 12, column 13)")
                    .contains("acme-pack")
                    .contains("software_version")
                    .contains("undefined reference 'host.attributes.acme_version'");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aDefaultMakesTheSameReferenceValid() throws IOException {
        Path rules = acmeRules("2", "${host.attributes.acme_version:-1.0}");
        Cli.Result r = validate(acmeFleet(true), "--rules", rules.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("valid: 1 hosts, 1 parent devices, 1 VMs");
    }

    @Test
    void divisionByZeroInAPackTemplateIsInvalidInput() throws IOException {
        Path rules = acmeRules("0", "1.0");
        Cli.Result r = validate(acmeFleet(true), "--rules", rules.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("hosts[0].devices[0].mdevs[0]").contains("self.units").contains("division by zero");
    }

    @Test
    void bundledPackWithAMissingHostAttributeIsInvalidInput() throws IOException {
        Path f = write("fleet.yaml", HEAD.formatted("{libvirt: \"10.0.0\", qemu: \"8.2.2\"}")
                + parent("0000:3b:00.0", "nvidia", "NVIDIA A16", "nvidia-713", 1)
                + "vms:\n  - name: v1\n    host: h1\n    devices:\n      - mdev: \"" + uuid(1) + "\"\n");
        Cli.Result r = validate(f);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("hosts[0].devices[0].mdevs[0] (line 13, column 13)")
                .contains("nvidia-a16-same-size").contains("undefined reference 'host.attributes.vgpu_manager'");
        // the JSON form reports the same error
        Cli.Result j = validate(f, "-o", "json");
        assertThat(j.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(j.json().get("valid").asBoolean()).isFalse();
        assertThat(j.json().get("errors").get(0).asText()).contains("hosts[0].devices[0].mdevs[0]").contains("host.attributes.vgpu_manager");
    }

    @Test
    void mdevOfATypeThePackDoesNotKnowIsInvalidInput() throws IOException {
        Path f = write("fleet.yaml", HEAD.formatted(VERSIONS) + parent("0000:3b:00.0", "nvidia", "NVIDIA A16", "nvidia-999", 1));
        Cli.Result r = validate(f);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("hosts[0].devices[0].mdevs[0].type").contains("type nvidia-999 is not one pack nvidia-a16-same-size knows");
    }

    // ------------------------------------------------------------------ recorded placements

    @Test
    void overlappingRecordedPlacementsOnAnL40sAreInvalidInput() throws IOException {
        // an 8Q at slot 16 occupies slots 16-23; a 4Q recorded at 20 (a start the 4Q may use) overlaps it
        String text = HEAD.formatted(VERSIONS) + parent("0000:ca:00.0", "nvidia", "NVIDIA L40S", "nvidia-1152", 2, 16, 20)
                .replaceFirst("type: nvidia-1152\n            placement: 20", "type: nvidia-1150\n            placement: 20");
        Cli.Result r = validate(write("fleet.yaml", text));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("fleet.yaml: hosts[0].devices[0].mdevs[1].placement (line 18, column 24)")
                .contains("placement 20 of " + uuid(2) + " overlaps another instance");
    }

    @Test
    void misalignedRecordedPlacementIsInvalidInput() throws IOException {
        String text = HEAD.formatted(VERSIONS) + parent("0000:ca:00.0", "nvidia", "NVIDIA L40S", "nvidia-1155", 1, 12);
        Cli.Result r = validate(write("fleet.yaml", text));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("hosts[0].devices[0].mdevs[0].placement (line 15, column 24)")
                .contains("placement 12 of " + uuid(1) + " is not a multiple of its size 24 within 48 slots");
    }

    /** L40S-8Q in mixed-size mode starts only at 0, 16, 24 or 40 GB (the pack's placements): 8 is aligned but not one of them. */
    @Test
    void recordedPlacementTheTypeMayNotStartAtIsInvalidInput() throws IOException {
        String text = HEAD.formatted(VERSIONS) + parent("0000:ca:00.0", "nvidia", "NVIDIA L40S", "nvidia-1152", 2, 0, 8);
        Cli.Result r = validate(write("fleet.yaml", text));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("hosts[0].devices[0].mdevs[1].placement (line 18, column 24)")
                .contains("placement 8 of " + uuid(2) + " is not one its type nvidia-1152 may start at [0, 16, 24, 40]");
        assertThat(r.err()).doesNotContain("mdevs[0]");
    }

    @Test
    void adjacentRecordedPlacementsAreValid() throws IOException {
        String text = HEAD.formatted(VERSIONS) + parent("0000:ca:00.0", "nvidia", "NVIDIA L40S", "nvidia-1152", 3, 16, 24, 40);
        Cli.Result r = validate(write("fleet.yaml", text));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).isEmpty();
    }

    // ------------------------------------------------------------------ capacity of the current state

    @Test
    void currentStateOverCapacityIsAWarningAndAnErrorWithStrict() throws IOException {
        // an A16 GPU holds at most four A16-4Q (nvidia-713)
        Path f = write("fleet.yaml", HEAD.formatted(VERSIONS) + parent("0000:3b:00.0", "nvidia", "NVIDIA A16", "nvidia-713", 5));
        String where = "fleet.yaml: hosts[0].devices[0] (line 9, column 9): h1 0000:3b:00.0 is over capacity now";

        Cli.Result lenient = validate(f);
        assertThat(lenient.code()).as(lenient.toString()).isEqualTo(ExitCodes.OK);
        assertThat(lenient.err()).startsWith("warning: ").contains(where).contains("nvidia-713 allows at most 4 instances");
        assertThat(lenient.out()).contains("1 warning(s)");

        Cli.Result strict = validate(f, "--strict");
        assertThat(strict.code()).as(strict.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(strict.err()).contains("invalid input").contains(where);

        JsonNode j = validate(f, "-o", "json").json();
        assertThat(j.get("valid").asBoolean()).isTrue();
        assertThat(j.get("warnings").toString()).contains("is over capacity now");
        Cli.Result sj = validate(f, "--strict", "-o", "json");
        assertThat(sj.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(sj.json().get("valid").asBoolean()).isFalse();
        assertThat(sj.json().get("errors").toString()).contains("is over capacity now");
    }

    @Test
    void twoTypesOnAnExclusiveParentAreOverCapacity() throws IOException {
        String text = HEAD.formatted(VERSIONS) + parent("0000:3b:00.0", "nvidia", "NVIDIA A16", "nvidia-713", 2)
                .replaceFirst("(?s)(.*)type: nvidia-713", "$1type: nvidia-714");
        Path f = write("fleet.yaml", text);
        assertThat(validate(f).err()).contains("h1 0000:3b:00.0 is over capacity now");
        assertThat(validate(f, "--strict").code()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void fullButNotOverCapacityIsQuiet() throws IOException {
        Path f = write("fleet.yaml", HEAD.formatted(VERSIONS) + parent("0000:3b:00.0", "nvidia", "NVIDIA A16", "nvidia-713", 4));
        Cli.Result r = validate(f, "--strict");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aFullParentWithoutARulePackIsNotOverCapacity() throws IOException {
        // docs/reference/rulepack.md, Parents no pack governs: observed availableInstances already leave out the existing instances, so a GPU whose sysfs says
        // 0 available with 4 mdevs on it is full, not over capacity, and --strict must accept it
        String text = HEAD.formatted(VERSIONS) + parent("0000:5e:00.0", "acme", "Acme X1", "acme-2", 4)
                + "        supportedTypes:\n          acme-2: {availableInstances: 0, deviceApi: vfio-pci}\n";
        Cli.Result r = validate(write("fleet.yaml", text), "--strict");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).doesNotContain("over capacity").contains("no rule pack governs h1 0000:5e:00.0");
    }

    // ------------------------------------------------------------------ observed availableInstances

    private static String observed(int available749, int available750) {
        return HEAD.formatted(VERSIONS) + """
                      - id: "0000:3b:00.0"
                        driver: nvidia
                        model: "NVIDIA A16"
                        supportedTypes:
                          nvidia-713: {availableInstances: %d, name: "NVIDIA A16-4Q"}
                          nvidia-714: {availableInstances: %d}
                        mdevs:
                          - {uuid: "%s", type: nvidia-713}
                """.formatted(available749, available750, uuid(1));
    }

    @Test
    void observedAvailableInstancesDisagreeingWithThePackIsAWarningNamingParentAndType() throws IOException {
        // one 4Q exists on an exclusive 16 GiB GPU: the pack predicts 3 more 4Q and no 8Q; the host says 4 and 0
        Path f = write("fleet.yaml", observed(4, 0));
        for (String[] extra : new String[][]{{}, {"--strict"}}) {
            Cli.Result r = validate(f, extra);
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(r.err()).contains("fleet.yaml: hosts[0].devices[0].supportedTypes['nvidia-713'].availableInstances (line 13, column 44)")
                    .contains("h1 0000:3b:00.0 reports 4 available nvidia-713 but pack nvidia-a16-same-size predicts 3");
            assertThat(r.err()).doesNotContain("nvidia-714");
            assertThat(r.out()).contains("1 warning(s)");
        }
    }

    @Test
    void observedAvailableInstancesAgreeingWithThePackIsQuiet() throws IOException {
        Cli.Result r = validate(write("fleet.yaml", observed(3, 0)));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("0 warning(s)");
    }

    @Test
    void aLockedTypeObservedAsAvailableIsAWarning() throws IOException {
        Cli.Result r = validate(write("fleet.yaml", observed(3, 1)));
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("supportedTypes['nvidia-714'].availableInstances")
                .contains("reports 1 available nvidia-714 but pack nvidia-a16-same-size predicts 0");
    }

    // ------------------------------------------------------------------ parents no pack governs, empty hosts

    @Test
    void parentNoPackGovernsIsAWarningOncePerParent() throws IOException {
        String text = HEAD.formatted(VERSIONS) + """
                      - id: "0000:01:00.0"
                        driver: acme
                        supportedTypes: {acme-1: {availableInstances: 2, deviceApi: vfio-pci}}
                      - id: "0000:02:00.0"
                        driver: acme
                        supportedTypes: {acme-1: {availableInstances: 2, deviceApi: vfio-pci}}
                        mdevs:
                          - {uuid: "%s", type: acme-1}
                """.formatted(uuid(1));
        Cli.Result r = validate(write("fleet.yaml", text), "--strict");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        String first = "fleet.yaml: hosts[0].devices[0] (line 9, column 9): no rule pack governs h1 0000:01:00.0 (driver acme)";
        String second = "fleet.yaml: hosts[0].devices[1] (line 12, column 9): no rule pack governs h1 0000:02:00.0 (driver acme)";
        assertThat(r.err()).contains(first).contains(second);
        assertThat(r.err().split("no rule pack governs", -1)).hasSize(3);
        assertThat(r.out()).contains("2 warning(s)");
    }

    @Test
    void hostWithoutCpusIsAWarning() throws IOException {
        String text = HEAD.formatted(VERSIONS).replace("    cpus: 64\n", "") + parent("0000:3b:00.0", "nvidia", "NVIDIA A16", "nvidia-713", 0);
        Cli.Result r = validate(write("fleet.yaml", text));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("hosts[0]").contains("host h1 has no cpus");
    }
}
