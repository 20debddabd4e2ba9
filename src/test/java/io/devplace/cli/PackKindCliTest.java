package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pack governs only parents of its kind (docs/reference/rulepack.md, VF-based parents; docs/vf.md): a parent that
 * only packs of the other kind match is governed by no pack. It validates with a warning naming the pack that matched
 * (not exit 4), and plans as any parent no pack governs: capacity from observed availableInstances, built-in
 * compatibility.
 */
class PackKindCliTest {
    @TempDir
    Path dir;

    /**
     * Two hosts, each with one parent of {@code driver}/{@code model} listing {@code instances} ({@code %s} = the
     * instance's id); {@code vm-1} on {@code n1} owns it by {@code ref} ({@code mdev} or {@code vf}).
     */
    private static String fleet(String driver, String model, String supported, String n1Instances, String n2Instances, String ref, String id) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - name: n1
                    cpus: 32
                    memoryMiB: 65536
                    devices:
                      - id: "0000:5e:00.0"
                        driver: %1$s
                        model: "%2$s"
                        supportedTypes: %3$s
                        %4$s
                  - name: n2
                    cpus: 32
                    memoryMiB: 65536
                    devices:
                      - id: "0000:5e:00.0"
                        driver: %1$s
                        model: "%2$s"
                        supportedTypes: %3$s
                        %5$s
                vms:
                  - name: vm-1
                    host: n1
                    cpus: 2
                    memoryMiB: 2048
                    devices: [{%6$s: "%7$s"}]
                """.formatted(driver, model, supported, n1Instances, n2Instances, ref, id);
    }

    static final String MDEV = "33333333-3333-4333-8333-333333333333";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mdev parent, only a VF pack matches | mlx5_core | ConnectX-7  | {mlx5-sf: {availableInstances: 4, deviceApi: vfio-pci}} | 'mdevs: [{uuid: "33333333-3333-4333-8333-333333333333", type: mlx5-sf}]' | 'mdevs: []' | mdev | 33333333-3333-4333-8333-333333333333 | pack mlx5-vfio-pci-vf matches it but governs VF-based parents (devices: vf), and it lists mdevs | create
            VF parent, only an mdev pack matches | nvidia   | NVIDIA A16 | {nvidia-713: {availableInstances: 4, deviceApi: vfio-pci}} | 'vfs: [{id: "0000:5e:00.4", type: nvidia-713}, {id: "0000:5e:00.5"}]' | 'vfs: [{id: "0000:5e:00.4"}, {id: "0000:5e:00.5"}]' | vf | 0000:5e:00.4 | pack nvidia-a16-same-size matches it but governs mdev parents (devices: mdev), and it lists vfs | configure
            """)
    void aParentOnlyPacksOfTheOtherKindMatchIsGovernedByNoPack(String name, String driver, String model, String supported, String n1, String n2,
                                                               String ref, String id, String warning, String action) throws IOException {
        Path f = Files.writeString(dir.resolve("fleet.yaml"), fleet(driver, model, supported, n1, n2, ref, id));
        Cli.Result v = Cli.run("validate", "-f", f.toString());
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.err()).contains("hosts[0].devices[0] (line 8").contains("no rule pack governs n1 0000:5e:00.0 (driver " + driver + ": " + warning
                + "): capacity from observed availableInstances");
        assertThat(v.err()).contains("no rule pack governs n2 0000:5e:00.0");

        Path plan = dir.resolve("plan.json");
        Cli.Result r = Cli.run("plan", "evacuate", "n1", "-f", f.toString(), "--seed", "1", "--time-limit", "5s", "-o", "json", "--out", plan.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode t = Cli.parseJson(Files.readString(plan)).at("/moves/0/devices/0/target");
        assertThat(t.get("rule").asText()).isEqualTo("builtin-default#0");
        assertThat(t.get("action").asText()).isEqualTo(action);
        assertThat(Cli.run("verify", "-f", f.toString(), plan.toString()).code()).isZero();
    }
}
