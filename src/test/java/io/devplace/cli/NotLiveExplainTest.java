package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code explain} decides how a VM moves as planning does: a device of a {@code live: false} pack rules out live. */
class NotLiveExplainTest {
    @TempDir
    Path dir;

    @Test
    void explainNamesThePackAndWhyAndAllowColdMovesIt() throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 8, memoryMiB: 8192, devices: [{id: mbochs, driver: mbochs, mdevs: [
                      {uuid: "00000000-0000-4000-8000-000000000001", type: mbochs-medium}]}]}
                  - {name: dst, cpus: 8, memoryMiB: 8192, devices: [{id: mbochs, driver: mbochs}]}
                vms:
                  - {name: display, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: "00000000-0000-4000-8000-000000000001"}]}
                """);
        Cli.Result r = Cli.run("explain", "-f", fleet.toString(), "--vm", "display", "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode host = r.json().get("hosts").get(0);
        assertThat(host.get("fits").asBoolean()).isFalse();
        assertThat(host.get("reason").get("code").asText()).isEqualTo("NOT_LIVE_MIGRATABLE");
        assertThat(host.get("reason").get("detail").asText()).contains("rule pack mbochs").contains("registers no VFIO migration ops");

        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "apiVersion: devplace/v1\nkind: Policy\nallowCold: true\n");
        Cli.Result cold = Cli.run("explain", "-f", fleet.toString(), "--vm", "display", "--policy", policy.toString(), "-o", "json");
        assertThat(cold.code()).as(cold.toString()).isZero();
        assertThat(cold.json().get("hosts").get(0).get("fits").asBoolean()).as(cold.out()).isTrue();
    }
}
