package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VF-based parents end to end through the CLI (docs/vf.md): the example fleet with both generations validates, plans
 * (each VM only where its driver allows), verifies; bad VF input is invalid (exit 4) with file, path and line.
 */
class VfCliTest {
    static final String VF_FLEET = "examples/fleet-vf.yaml";

    @TempDir
    Path dir;

    @Test
    void bothGenerationsPlanWhereEachDriverAllowsAndVerify() throws IOException {
        Path plan = dir.resolve("plan.json");
        Cli.Result r = Cli.run("plan", "evacuate", "l40s-m1", "l40s-v1", "nic-1", "-f", VF_FLEET, "--seed", "7", "--time-limit", "5s",
                "-o", "json", "--out", plan.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode p = Cli.parseJson(Files.readString(plan));
        assertThat(to(p, "cad-old")).isEqualTo("l40s-m2");   // mdev vGPU: mdev hosts only
        assertThat(to(p, "cad-new")).isEqualTo("l40s-v2");   // VF vGPU: VF hosts only
        assertThat(to(p, "viz-new")).isEqualTo("l40s-v2");
        assertThat(to(p, "nfv-1")).isEqualTo("nic-2");       // ConnectX-7 VF: not onto the ConnectX-6 Dx of nic-3
        JsonNode t = target(p, "cad-new");
        assertThat(t.get("action").asText()).isEqualTo("configure");
        assertThat(t.has("uuid")).isFalse();
        // 0000:41:00.4 is set to a type on l40s-v2 (cad-v2 owns it): a free VF is configured instead
        assertThat(t.get("vf").asText()).isNotEqualTo("0000:41:00.4").startsWith("0000:41:00.");
        assertThat(move(p, "cad-new").get("devices").get(0).get("source").get("vf").asText()).isEqualTo("0000:41:00.4");
        // the VF each target names is the VF its configure-vf action sets, and every moved VF is reset afterwards
        boolean configured = false, reset = false;
        for (JsonNode a : p.get("actions")) {
            if (a.get("op").asText().equals("configure-vf") && a.get("host").asText().equals("l40s-v2")
                    && a.get("vf").asText().equals(t.get("vf").asText())) configured = a.get("type").asText().equals("1152");
            if (a.get("op").asText().equals("reset-vf") && a.get("host").asText().equals("l40s-v1") && a.get("vf").asText().equals("0000:41:00.4"))
                reset = true;
            if (a.get("host") != null && a.get("host").asText().startsWith("l40s-v"))
                assertThat(a.get("op").asText()).as("VF-based hosts get VF actions").isIn("configure-vf", "reset-vf");
        }
        assertThat(configured).isTrue();
        assertThat(reset).isTrue();
        Cli.Result v = Cli.run("verify", "-f", VF_FLEET, plan.toString());
        assertThat(v.code()).as(v.toString()).isZero();
    }

    @Test
    void explainSaysWhyAnMdevVgpuDoesNotGoToAVfHost() {
        Cli.Result r = Cli.run("explain", "-f", VF_FLEET, "--vm", "cad-old", "--host", "l40s-v2");
        assertThat(r.out()).contains("NO_COMPATIBLE_DEVICE");
        Cli.Result c = Cli.run("compat", "-f", VF_FLEET, "--source", "cad-old:0", "--target", "l40s-v2/0000:41:00.0");
        assertThat(c.out()).contains("1152: not compatible").contains("target value \"nvidia-vf-1152\" does not match \"nvidia-1152\"");
    }

    /** compat names a VF source by its address under {@code vf} and a VF target's recipe as {@code configure}, as plans do, in every format. */
    @Test
    void compatNamesVfSourcesAndTargetsAsVfs() throws IOException {
        String[] args = {"compat", "-f", VF_FLEET, "--source", "cad-new:0", "--target", "l40s-v2/0000:41:00.0:1152"};
        Cli.Result json = Cli.run(concat(args, "-o", "json"));
        assertThat(json.code()).as(json.toString()).isZero();
        JsonNode j = json.json();
        assertThat(j.get("source").get("vf").asText()).isEqualTo("0000:41:00.4");
        assertThat(j.get("source").has("uuid")).isFalse();
        assertThat(j.get("compatible").asBoolean()).isTrue();
        JsonNode recipe = j.get("recipe");
        assertThat(recipe.get("action").asText()).isEqualTo("configure");
        assertThat(recipe.get("type").asText()).isEqualTo("1152");
        assertThat(recipe.has("uuid")).isFalse();

        // the same words as the plan for this move: its target is a VF, configured
        Path plan = dir.resolve("plan.json");
        assertThat(Cli.run("plan", "evacuate", "l40s-v1", "-f", VF_FLEET, "--seed", "7", "--time-limit", "5s", "--out", plan.toString()).code()).isZero();
        JsonNode moved = move(Cli.parseJson(Files.readString(plan)), "cad-new").get("devices").get(0);
        assertThat(moved.get("source").get("vf").asText()).isEqualTo(j.get("source").get("vf").asText());
        assertThat(moved.get("target").get("action").asText()).isEqualTo(recipe.get("action").asText());
        assertThat(moved.get("target").get("rule").asText()).isEqualTo(recipe.get("rule").asText());

        JsonNode yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(Cli.run(concat(args, "-o", "yaml")).out());
        assertThat(yaml).isEqualTo(j);

        Cli.Result table = Cli.run(args);
        assertThat(table.code()).isZero();
        assertThat(table.out()).startsWith("source l40s-v1 0000:41:00.0 VF 0000:41:00.4 (1152) -> l40s-v2 0000:41:00.0\n")
                .contains("1152: compatible, configure a free VF as 1152 attrs [] (rule nvidia-l40s-vf#0)")
                .doesNotContain("create");

        // every type of the parent: each compatible one's recipe configures a VF
        JsonNode all = Cli.run("compat", "-f", VF_FLEET, "--source", "nfv-1:0", "--target", "nic-2/0000:af:00.0", "-o", "json").json();
        assertThat(all.get("source").get("vf").asText()).isEqualTo("0000:af:00.4");
        assertThat(all.get("recipe").get("action").asText()).isEqualTo("configure");
        for (JsonNode t : all.get("types")) if (t.get("compatible").asBoolean()) assertThat(t.get("recipe").get("action").asText()).isEqualTo("configure");
    }

    /** A VF source may be named by its address; the same address on several hosts is named by VM:INDEX instead (exit 4 saying so). */
    @Test
    void compatTakesAVfAddressAsSource() {
        Cli.Result one = Cli.run("compat", "-f", VF_FLEET, "--source", "0000:af:00.4", "--target", "nic-2/0000:af:00.0", "-o", "json");
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(one.json().get("source").get("host").asText()).isEqualTo("nic-1");
        assertThat(one.json().get("source").get("vf").asText()).isEqualTo("0000:af:00.4");

        Cli.Result two = Cli.run("compat", "-f", VF_FLEET, "--source", "0000:41:00.4", "--target", "l40s-v2/0000:41:00.0");
        assertThat(two.code()).as(two.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(two.err()).contains("--source: VF 0000:41:00.4 is on more than one host: l40s-v1 (cad-new:0), l40s-v2 (cad-v2:0)")
                .contains("VM:INDEX");
        assertThat(two.out()).isEmpty();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static final String FLEET = """
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
                      - {id: "0000:41:00.4", type: "1152", placement: 0}
                      - {id: "0000:41:00.5"}
            vms:
              - name: vm-1
                host: h1
                cpus: 4
                memoryMiB: 4096
                devices:
                  - vf: "0000:41:00.4"
            """;

    @Test
    void theVfFleetValidates() throws IOException {
        Cli.Result r = Cli.run("validate", "-f", Files.writeString(dir.resolve("f.yaml"), FLEET).toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    /**
     * A VF lists as creatable only what it can take now, so import sysfs gives a busy GPU's parent supportedTypes
     * without the types its set VFs hold (here two 16Q, the mixed-size maximum, and room left for a 4Q). The VF pack
     * identifies types by id, so the set VFs' type is still one it knows; by name it would not be.
     */
    @Test
    void aBusyGpusSetTypesAreKnownThoughNoVfListsThemAsCreatable() throws IOException {
        String busy = FLEET.replace("""
                        vfs:
                          - {id: "0000:41:00.4", type: "1152", placement: 0}
                          - {id: "0000:41:00.5"}
                """, """
                        supportedTypes:
                          "1150": {availableInstances: 1, name: "NVIDIA L40S-4Q", deviceApi: vfio-pci}
                        vfs:
                          - {id: "0000:41:00.4", type: "1154", placement: 0}
                          - {id: "0000:41:00.5", type: "1154", placement: 32}
                          - {id: "0000:41:00.6"}
                """);
        assertThat(busy).isNotEqualTo(FLEET);
        Cli.Result r = Cli.run("validate", "-f", Files.writeString(dir.resolve("busy.yaml"), busy).toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown VF         | - vf: "0000:41:00.4"              | - vf: "0000:41:00.7"                                  | vms[0].devices[0].vf (line 21 | VF 0000:41:00.7 does not exist on host h1
            free VF owned      | - vf: "0000:41:00.4"              | - vf: "0000:41:00.5"                                  | vms[0].devices[0].vf (line 21 | is not set to a type
            VF owned twice     | - vf: "0000:41:00.4"              | - vf: "0000:41:00.4"\\n      - vf: "0000:41:00.4"      | vms[0].devices[1].vf (line 22 | is already owned by VM vm-1
            unknown type       | type: "1152"                      | type: "9999"                                          | hosts[0].devices[0].vfs[0].type (line 13 | type 9999 is not one pack nvidia-l40s-vf knows
            misplaced VF       | {id: "0000:41:00.5"}              | {id: "0000:41:00.5", type: "1150", placement: 2}      | hosts[0].devices[0].vfs[1].placement | placement 2 of 0000:41:00.5 is not one its type 1150 may start at
            aligned, not a placement ID | {id: "0000:41:00.5"}     | {id: "0000:41:00.5", type: "1150", placement: 4}      | hosts[0].devices[0].vfs[1].placement | placement 4 of 0000:41:00.5 is not one its type 1150 may start at [0, 8, 12
            placed free VF     | {id: "0000:41:00.5"}              | {id: "0000:41:00.5", placement: 8}                    | hosts[0].devices[0].vfs[1].placement (line 14 | is free (no type): it has no placement
            not an address     | {id: "0000:41:00.5"}              | {id: "vf-5"}                                          | hosts[0].devices[0].vfs[1].id (line 14 | expected the VF's PCI address
            vfs and mdevs      | vfs:                              | mdevs: [{uuid: "00000000-0000-4000-8000-000000000001", type: nvidia-1152}]\\n        vfs: | hosts[0].devices[0].vfs | lists both vfs and mdevs
            """)
    void badVfInputIsInvalidWithFilePathAndLine(String name, String from, String to, String path, String message) throws IOException {
        String text = FLEET.replace(from, to.replace("\\n", "\n"));
        assertThat(text).isNotEqualTo(FLEET);
        Path f = Files.writeString(dir.resolve("bad.yaml"), text);
        Cli.Result r = Cli.run("validate", "-f", f.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains(f.toString()).contains(path).contains(message);
    }

    static String to(JsonNode plan, String vm) { return move(plan, vm).get("to").asText(); }

    static JsonNode move(JsonNode plan, String vm) {
        for (JsonNode m : plan.get("moves")) if (m.get("vm").asText().equals(vm)) return m;
        throw new AssertionError(vm + " not moved");
    }

    static JsonNode target(JsonNode plan, String vm) { return move(plan, vm).get("devices").get(0).get("target"); }

    @Test
    void headroomPerTypeCountsFreeVfs() throws IOException {
        Path s = Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: devplace/v1
                kind: WhatIf
                scenarios:
                  - name: lose-v1
                    down: {names: [l40s-v1]}
                """);
        Cli.Result r = Cli.run("whatif", "-f", VF_FLEET, "-s", s.toString(), "-o", "json", "--time-limit", "2s");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode report = Cli.parseJson(r.out());
        // L40S-1Q takes one slot of 48: what bounds it is the free VFs (l40s-v1: 6 of 8 free, l40s-v2: 7 of 8)
        assertThat(report.at("/base/headroom/1147").asLong()).isEqualTo(13);
        assertThat(report.at("/base/headroom/mlx5-vf").asLong()).isEqualTo(11);
        // with l40s-v1 down its two VMs restart on l40s-v2, which then has 5 free VFs
        assertThat(report.at("/scenarios/0/headroom/1147").asLong()).isEqualTo(5);
        Cli.Result html = Cli.run("whatif", "-f", VF_FLEET, "-s", s.toString(), "-o", "html", "--time-limit", "2s");
        assertThat(html.code()).isZero();
        assertThat(html.out()).contains("1147").contains("l40s-v2");
    }
}
