package io.devplace.importers;

import io.devplace.cli.Main;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `devplace import ...` as a user runs it: exit codes, stdout/stderr, and output that devplace reads back. */
class ImportCliTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        Fleet fleet() { return FleetReader.parse("stdout", out.getBytes(StandardCharsets.UTF_8)).value(); }
    }

    static Run devplace(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String save(Run run, String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, run.out());
        return p.toString();
    }

    @Test
    void mdevctlPrintsAFleetInYamlThatReadsBack() {
        Run run = devplace("import", "mdevctl", "--host", "gpu-host-1", "--cpus", "64", "--memory-mib", "524288",
                "--types", Fixtures.file("mdevctl/types.json"), "--list", Fixtures.file("mdevctl/list.json"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("apiVersion: devplace/v1\nkind: Fleet\nhosts:\n- name: gpu-host-1\n  cpus: 64\n  memoryMiB: 524288\n");
        assertThat(run.out()).contains("  - id: 0000:3d:00.0\n    driver: nvidia\n    supportedTypes:\n");
        assertThat(run.out()).contains("        description: \"num_heads=4, frl_config=60, framebuffer=4096M, max_resolution=7680x4320, max_instance=4\"\n");
        assertThat(run.out()).doesNotContain("null").doesNotContain("model").doesNotContain("attrs").doesNotContain("vms");
        Host h = run.fleet().hosts().get(0);
        assertThat(h.cpus()).isEqualTo(64);
        assertThat(h.parent("0000:3d:00.0").mdevs()).extracting(Mdev::uuid)
                .containsExactly("d5562ef4-94fd-41cb-b0dc-1b0f150d2b41", "3f443a71-7129-44d9-9e91-6d0617823c48");
    }

    @Test
    void libvirtWritesJsonAtomicallyToOut() throws IOException {
        Path out = tmp.resolve("fleet.json");
        Files.writeString(out, "old");
        List<String> args = new ArrayList<>(List.of("import", "libvirt", "--host", "gpu-host-1", "-o", "json", "--out", out.toString()));
        args.addAll(LibvirtImporterTest.files(LibvirtImporterTest.GPU_FILES));
        Run run = devplace(args.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        String json = Files.readString(out);
        assertThat(json).startsWith("{\n  \"apiVersion\" : \"devplace/v1\",\n  \"kind\" : \"Fleet\",");
        Fleet f = FleetReader.read(out.toString()).value();
        assertThat(f.vms()).extracting(v -> v.name() + "@" + v.host() + " " + v.cpus() + "/" + v.memoryMiB() + " " + v.devices().get(0).mdev())
                .containsExactly("vm-gpu-1@gpu-host-1 8/16384 d5562ef4-94fd-41cb-b0dc-1b0f150d2b41",
                        "vm-gpu-2@gpu-host-1 4/8192 3f443a71-7129-44d9-9e91-6d0617823c48");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("fleet.json"); // no temp file left
        }
    }

    @Test
    void sysfsImportAndMergeOfAllThreeSourcesReadBack() throws IOException {
        Path root = SysfsTree.materialize(tmp.resolve("root"));
        Run sysfs = devplace("import", "sysfs", "--host", "gpu-host-1", "--root", root.toString());
        Run mdevctl = devplace("import", "mdevctl", "--host", "gpu-host-1", "--types", Fixtures.file("mdevctl/types.json"),
                "--list", Fixtures.file("mdevctl/list.json"), "--list", Fixtures.file("mdevctl/list-defined.json"));
        List<String> libvirtArgs = new ArrayList<>(List.of("import", "libvirt", "--host", "gpu-host-1", "-o", "json"));
        libvirtArgs.addAll(LibvirtImporterTest.files(LibvirtImporterTest.GPU_FILES));
        Run libvirt = devplace(libvirtArgs.toArray(String[]::new));
        for (Run r : List.of(sysfs, mdevctl, libvirt)) assertThat(r.exit()).as(r.err()).isZero();

        Run merged = devplace("import", "merge", save(sysfs, "sysfs.yaml"), save(mdevctl, "mdevctl.yaml"), save(libvirt, "libvirt.json"),
                Fixtures.file("merge/hand.yaml"));

        assertThat(merged.exit()).as(merged.err()).isZero();
        Fleet f = merged.fleet();
        Host h = f.hosts().get(0);
        assertThat(f.hosts()).hasSize(1);
        assertThat(h.cpus()).isEqualTo(64);
        assertThat(h.parent("0000:3d:00.0").model()).isEqualTo("NVIDIA A16");
        assertThat(h.parent("0000:3d:00.0").iommuGroup()).isEqualTo(45);
        assertThat(h.parent("0000:3d:00.0").mdevs()).hasSize(2).allSatisfy(m -> assertThat(m.iommuGroup()).isNotNull());
        assertThat(h.parent("mtty").supportedTypes()).containsOnlyKeys("mtty-1", "mtty-2");
        assertThat(f.vm("vm-gpu-1").priority()).isEqualTo(100);
        assertThat(f.vm("vm-gpu-1").devices()).hasSize(1);
    }

    @Test
    void s390AttrsSurviveTheRoundTrip() {
        Run run = devplace("import", "mdevctl", "--host", "z-host-1", "--types", Fixtures.file("mdevctl/types-s390.json"),
                "--list", Fixtures.file("mdevctl/list-s390.json"));
        assertThat(run.exit()).as(run.err()).isZero();
        // 0x00ab unquoted would be the integer 171 to YAML readers such as PyYAML
        assertThat(run.out()).contains("  - id: matrix\n").contains("      - assign_domain: \"0x00ab\"\n");
        assertThat(run.fleet().hosts().get(0).parent("matrix").mdevs().get(0).attrs())
                .containsExactly(Map.of("assign_adapter", "5"), Map.of("assign_adapter", "6"),
                        Map.of("assign_domain", "0x00ab"), Map.of("assign_control_domain", "0x00ab"));
    }

    @Test
    void idsThatYamlWouldReadAsNumbersAreQuoted() throws IOException {
        Path types = tmp.resolve("types.json");
        Files.writeString(types, """
                [{"0000:00:02.0": [{"i915-GVTg_V5_4": {"available_instances": 3, "device_api": "vfio-pci", "name": "GVTg_V5_4"}}],
                  "0.0.0023": [{"vfio_ccw-io": {"available_instances": 1, "device_api": "vfio-ccw"}}]}]""");
        Run run = devplace("import", "mdevctl", "--host", "h", "--types", types.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("  - id: \"0000:00:02.0\"\n").contains("  - id: \"0.0.0023\"\n");
        assertThat(run.fleet().hosts().get(0).devices()).extracting(d -> d.id()).containsExactly("0000:00:02.0", "0.0.0023");
    }

    @Test
    void warningsGoToStderrAndTheFleetStillPrints() throws IOException {
        Run run = devplace("import", "sysfs", "--host", "bare", "--root", Files.createDirectories(tmp.resolve("empty")).toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).startsWith("devplace: warning: ").contains("sys/class/mdev_bus does not exist");
        assertThat(run.fleet().hosts()).extracting(Host::name).containsExactly("bare");
    }

    @Test
    void conflictsExitFourListingEachOne() {
        List<String> args = new ArrayList<>(List.of("import", "libvirt", "--host", "gpu-host-1", "--cpus", "64"));
        args.addAll(LibvirtImporterTest.files(LibvirtImporterTest.GPU_FILES));
        Path libvirt = tmp.resolve("libvirt.yaml");
        args.addAll(List.of("--out", libvirt.toString()));
        assertThat(devplace(args.toArray(String[]::new)).exit()).isZero();

        Run run = devplace("import", "merge", libvirt.toString(), Fixtures.file("merge/conflict.yaml"));
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("devplace: invalid input:\n");
        assertThat(run.err().lines().filter(l -> l.contains("conflicting"))).hasSize(7);
        assertThat(run.err()).contains(Fixtures.file("merge/conflict.yaml") + ": hosts[0].devices[0].driver (line 10, column 17): conflicting driver of parent 0000:3d:00.0"
                + " on host gpu-host-1: 'i915' here but 'nvidia' in " + libvirt);
    }

    @Test
    void badInputExitsFourNamingTheFile() throws IOException {
        Path bad = tmp.resolve("types.json");
        Files.writeString(bad, "[{\"0000:3d:00.0\": [");
        Run run = devplace("import", "mdevctl", "--host", "h", "--types", bad.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains(bad.toString()).contains("malformed JSON");

        Path xml = tmp.resolve("vm.xml");
        Files.writeString(xml, "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><domain><name>&x;</name></domain>");
        Run xxe = devplace("import", "libvirt", "--host", "h", xml.toString());
        assertThat(xxe.exit()).isEqualTo(4);
        assertThat(xxe.err()).contains(xml.toString()).contains("DOCTYPE is refused").doesNotContain("root:");

        Run merge = devplace("import", "merge", tmp.resolve("missing.yaml").toString(), Fixtures.file("mdevctl/types.json"));
        assertThat(merge.exit()).isEqualTo(4);
        assertThat(merge.err()).contains("missing.yaml").contains("file not found").contains("types.json");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(devplace("import").exit()).isEqualTo(2);
        assertThat(devplace("import", "mdevctl", "--types", Fixtures.file("mdevctl/types.json")).err()).contains("--host");
        assertThat(devplace("import", "mdevctl", "--host", "h", "--types", Fixtures.file("mdevctl/types.json"), "-o", "xml").exit()).isEqualTo(2);
        assertThat(devplace("import", "sysfs", "--host", "h", "--cpus", "-1").exit()).isEqualTo(2);
        assertThat(devplace("import", "libvirt", "--host", "h").exit()).isEqualTo(2);
        assertThat(devplace("import", "merge").exit()).isEqualTo(2);
    }
}
