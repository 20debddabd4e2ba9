package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * vfio-ap queue exclusivity end to end: {@code validate} reports two mdevs holding one APQN as a capacity overrun
 * (error with --strict) and refuses values the driver cannot read; {@code plan evacuate} moves vfio-ap VMs cold only
 * where their APQNs are free, else leaves them unplaced naming the APQN and its holder; {@code verify} accepts the plan.
 */
class ApqnCliTest {
    @TempDir
    Path dir;

    static String uuid(int i) { return "00000000-0000-4000-8000-%012d".formatted(i); }

    /** src: a1 (5.4), a2 (6.4, 6.71); dst: stay's mdev on 5.4 and 5.5, dst attributes as given. */
    static String fleet(String dstAttributes) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - name: src
                    cpus: 16
                    memoryMiB: 65536
                    devices:
                      - id: matrix
                        driver: vfio_ap
                        mdevs:
                          - {uuid: "%1$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "5"}, {assign_domain: "4"}]}
                          - {uuid: "%2$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "6"}, {assign_domain: "4"}, {assign_domain: "0x47"}]}
                  - name: dst
                    cpus: 16
                    memoryMiB: 65536
                    devices:
                      - id: matrix
                        driver: vfio_ap
                        attributes: %4$s
                        mdevs:
                          - {uuid: "%3$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "0x05"}, {assign_domain: "4"}, {assign_domain: "5"}, {assign_control_domain: "4"}]}
                vms:
                  - {name: a1, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%1$s"}]}
                  - {name: a2, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%2$s"}]}
                  - {name: stay, host: dst, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%3$s"}]}
                """.formatted(uuid(1), uuid(2), uuid(3), dstAttributes);
    }

    private Path write(String name, String text) throws IOException { return Files.writeString(dir.resolve(name), text); }

    private static final String COLD = "apiVersion: devplace/v1\nkind: Policy\nallowCold: true\n";

    @Test
    void evacuationMovesColdOnlyWhereTheApqnsAreFreeAndTheVerifierAgrees() throws IOException {
        Path f = write("fleet.yaml", fleet("{}")), pol = write("cold.yaml", COLD), out = dir.resolve("plan.json");
        Cli.Result r = Cli.run("plan", "evacuate", "-f", f.toString(), "--policy", pol.toString(), "--seed", "1",
                "--time-limit", "2s", "--out", out.toString(), "src");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INCOMPLETE);
        JsonNode plan = Cli.parseJson(Files.readString(out));
        assertThat(plan.get("moves")).hasSize(1);
        JsonNode m = plan.get("moves").get(0);
        assertThat(m.get("vm").asText()).isEqualTo("a2");
        assertThat(m.get("mode").asText()).isEqualTo("cold");
        assertThat(m.get("devices").get(0).get("target").get("attrs").toString())
                .isEqualTo("[{\"assign_adapter\":\"6\"},{\"assign_domain\":\"4\"},{\"assign_domain\":\"0x47\"}]");
        JsonNode u = plan.get("unplaced").get(0);
        assertThat(u.get("vm").asText()).isEqualTo("a1");
        assertThat(u.get("reasons").get(0).get("code").asText()).isEqualTo("INSUFFICIENT_DEVICE_CAPACITY");
        assertThat(u.get("reasons").get(0).get("detail").asText())
                .isEqualTo("dst matrix: APQN 0x5.0x4 (assign_adapter=0x5, assign_domain=0x4) is held by mdev " + uuid(3));

        Cli.Result v = Cli.run("verify", "-f", f.toString(), "--policy", pol.toString(), out.toString());
        assertThat(v.code()).as(v.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void withoutColdMovesNeitherGoes() throws IOException {
        Path f = write("fleet.yaml", fleet("{}"));
        Cli.Result r = Cli.run("plan", "evacuate", "-f", f.toString(), "--seed", "1", "--time-limit", "2s", "-o", "json", "src");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.json().get("moves")).isEmpty();
        assertThat(r.json().get("unplaced").toString()).contains("NOT_LIVE_MIGRATABLE").doesNotContain("APQN");
    }

    @Test
    void twoMdevsHoldingOneApqnAreOverCapacityNow() throws IOException {
        // a second free mdev on dst with 5.5 spelled 05 / 0x5
        Path f = write("fleet.yaml", fleet("{}").replace(
                "{assign_control_domain: \"4\"}]}\n",
                "{assign_control_domain: \"4\"}]}\n          - {uuid: \"" + uuid(9)
                        + "\", type: vfio_ap-passthrough, attrs: [{assign_adapter: \"05\"}, {assign_domain: \"0x5\"}]}\n"));
        Cli.Result lenient = Cli.run("validate", "-f", f.toString());
        assertThat(lenient.code()).as(lenient.toString()).isEqualTo(ExitCodes.OK);
        assertThat(lenient.err()).contains("warning: ").contains("dst matrix is over capacity now")
                .contains("APQN 0x5.0x5 (assign_adapter=0x5, assign_domain=0x5) is held by mdev " + uuid(3));
        Cli.Result strict = Cli.run("validate", "-f", f.toString(), "--strict");
        assertThat(strict.code()).as(strict.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void controlDomainsSharedAndDisjointQueuesAreQuiet() throws IOException {
        String f = fleet("{}").replace("{assign_control_domain: \"4\"}]}\n",
                "{assign_control_domain: \"4\"}]}\n          - {uuid: \"" + uuid(9)
                        + "\", type: vfio_ap-passthrough, attrs: [{assign_adapter: \"5\"}, {assign_domain: \"6\"}, {assign_control_domain: \"4\"}]}\n");
        Cli.Result r = Cli.run("validate", "-f", write("fleet.yaml", f).toString(), "--strict");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void valuesTheDriverCannotReadAndUnreadableQueueListsAreInvalidInput() throws IOException {
        Path bad = write("fleet.yaml", fleet("{vfio_ap_queues: \"05.0004 0x5\"}").replace("{assign_domain: \"0x47\"}", "{assign_domain: \"08\"}"));
        Cli.Result r = Cli.run("validate", "-f", bad.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("hosts[0].devices[0].mdevs[1].attrs").contains("assign_domain=08 is not a value the driver reads")
                .contains("hosts[1].devices[0].attributes.vfio_ap_queues").contains("entry '0x5' of attribute vfio_ap_queues has 1 value(s), expected 2");
    }

    @Test
    void aTargetListingItsQueuesTakesOnlyThoseItOffers() throws IOException {
        // dst offers 5.4 and 5.5 (stay's) and 6.4, not 6.71: a2 cannot go either
        Path f = write("fleet.yaml", fleet("{vfio_ap_queues: \"05.0004,05.0005,06.0004\"}")), pol = write("cold.yaml", COLD);
        Cli.Result r = Cli.run("plan", "evacuate", "-f", f.toString(), "--policy", pol.toString(), "--seed", "1", "--time-limit", "2s", "-o", "json", "src");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INCOMPLETE);
        assertThat(r.json().get("moves")).isEmpty();
        assertThat(r.json().get("unplaced").toString()).contains("APQN 0x6.0x47 (assign_adapter=0x6, assign_domain=0x47) is not one this parent offers (attribute vfio_ap_queues)");
    }

    @Test
    void aPackWhoseResourcesAreMalformedIsInvalidInput() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("ap.yaml"), """
                apiVersion: devplace/v1
                kind: RulePack
                name: vfio-ap
                match: {driver: vfio_ap}
                capacity:
                  resources: {product: [assign_adapter, assign_adapter], values: hex, offered: {radix: 40, sysfs: bus/ap, entries: "["}}
                types:
                  vfio_ap-passthrough: {deviceApi: vfio-ap}
                migration: {live: false, why: test}
                """);
        Cli.Result r = Cli.run("validate", "-f", write("fleet.yaml", fleet("{}")).toString(), "--rules", rules.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("ap.yaml").contains("capacity.resources.product[1]").contains("listed twice")
                .contains("capacity.resources.values").contains("expected 'text' or 'integer' but got 'hex'")
                .contains("capacity.resources.offered.attribute").contains("capacity.resources.offered.radix")
                .contains("capacity.resources.offered.sysfs").contains("expected an absolute path")
                .contains("capacity.resources.offered.entries").contains("not a regular expression");
    }
}
