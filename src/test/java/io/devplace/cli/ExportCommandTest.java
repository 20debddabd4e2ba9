package io.devplace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code devplace export}: a saved plan, verified, rendered as reviewed; one file per host or domain with --out-dir. */
class ExportCommandTest {
    @TempDir
    static Path tmp;
    static Path plan;
    static Path fleet;

    /** The example fleet with one source mdev started auto and one VM device at a guest PCI address. */
    @BeforeAll
    static void savedPlan() throws IOException {
        String text = Files.readString(Path.of(Cli.EXAMPLE));
        fleet = tmp.resolve("fleet.yaml");
        Files.writeString(fleet, text);
        Cli.Result r = Cli.run("plan", "evacuate", "gpu-a1", "-f", fleet.toString(), "--seed", "1", "--time-limit", "10s", "--out", tmp.resolve("plan.json").toString());
        assertThat(r.code()).as(r.toString()).isIn(0, 3);
        plan = tmp.resolve("plan.json");
    }

    @Test
    void mdevctlExportNamesThePlanItsUnplacedVmsAndSplitsByHost() throws Exception {
        Cli.Result verify = Cli.run("verify", "-f", fleet.toString(), plan.toString(), "-o", "json");
        assertThat(verify.code()).as(verify.toString()).isZero();
        String digest = verify.json().get("plan").asText();
        JsonNode saved = Cli.parseJson(Files.readString(plan));

        Cli.Result r = Cli.run("export", "-f", fleet.toString(), plan.toString(), "-o", "mdevctl");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("# plan " + digest);
        assertThat(r.out()).contains(saved.get("summary").get("placed").asText() + " of " + saved.get("summary").get("vms").asText() + " VMs placed");
        for (JsonNode u : saved.get("unplaced")) assertThat(r.out()).contains("#   " + u.get("vm").asText() + ": ");
        // every create of the saved plan, with the same UUIDs: what was reviewed is what runs
        for (JsonNode a : saved.get("actions"))
            if (a.get("op").asText().equals("create-mdev")) assertThat(r.out()).contains("--uuid " + a.get("uuid").asText());

        Path dir = tmp.resolve("mdevctl");
        Cli.Result split = Cli.run("export", "-f", fleet.toString(), plan.toString(), "-o", "mdevctl", "--out-dir", dir.toString());
        assertThat(split.code()).as(split.toString()).isZero();
        List<String> hosts = Stream.of("gpu-a1.sh", "gpu-a2.sh").toList();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsAll(hosts);
        }
        String a1 = Files.readString(dir.resolve("gpu-a1.sh"));
        assertThat(a1).startsWith("#!/bin/sh\n").contains("# plan " + digest).contains("set -eu").doesNotContain("gpu-a2 0000");
        assertThat(a1).contains("mdevctl undefine").doesNotContain("mdevctl define");
        for (String h : hosts) assertThat(shellSyntaxOk(dir.resolve(h))).as(h).isTrue();
    }

    @Test
    void libvirtExportWritesOneDomainPerFile() throws IOException {
        Path dir = tmp.resolve("libvirt");
        Cli.Result r = Cli.run("export", "-f", fleet.toString(), plan.toString(), "-o", "libvirt", "--out-dir", dir.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode saved = Cli.parseJson(Files.readString(plan));
        for (JsonNode m : saved.get("moves")) {
            String xml = Files.readString(dir.resolve(m.get("vm").asText() + ".xml"));
            for (JsonNode d : m.get("devices")) assertThat(xml).contains("<address uuid='" + d.get("target").get("uuid").asText() + "'/>");
        }
    }

    @Test
    void aPlanThatFailsVerificationIsNotExported() throws IOException {
        ObjectNode p = (ObjectNode) new ObjectMapper().readTree(plan.toFile());
        ((ObjectNode) p.get("moves").get(0)).put("to", "gpu-a1"); // onto the host being emptied
        Path bad = tmp.resolve("tampered.json");
        Files.writeString(bad, p.toString());
        Cli.Result r = Cli.run("export", "-f", fleet.toString(), bad.toString(), "-o", "mdevctl");
        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("violation").contains("nothing exported");
    }

    @Test
    void outDirOnlyForFormatsThatSplit() {
        Cli.Result r = Cli.run("export", "-f", fleet.toString(), plan.toString(), "-o", "json", "--out-dir", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--out-dir");
    }

    @Test
    void exportAsJsonGivesTheSamePlanBack() throws IOException {
        Cli.Result r = Cli.run("export", "-f", fleet.toString(), plan.toString(), "-o", "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.json()).isEqualTo(Cli.parseJson(Files.readString(plan)));
    }

    static boolean shellSyntaxOk(Path script) throws Exception {
        if (!Files.isExecutable(Path.of("/bin/sh"))) return true; // no shell to ask
        Process p = new ProcessBuilder("/bin/sh", "-n", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEmpty();
        return p.exitValue() == 0;
    }
}
