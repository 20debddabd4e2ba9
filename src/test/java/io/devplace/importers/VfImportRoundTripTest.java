package io.devplace.importers;

import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.devplace.importers.ImportCliTest.devplace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real data in for VF-based hosts, as an operator runs it: `import sysfs` (a fake tree with real symlinks) gives the PFs
 * and their VFs, `import libvirt` a domain's PCI hostdev as the VF it owns, `import merge` joins them with a hand-written
 * fragment (model, versions), and the result validates and plans.
 */
class VfImportRoundTripTest {
    @TempDir
    Path tmp;

    static final String DOMAIN = """
            <domain type='kvm'>
              <name>cad-new</name>
              <memory unit='GiB'>32</memory>
              <vcpu>8</vcpu>
              <devices>
                <hostdev mode='subsystem' type='pci' managed='yes'>
                  <source>
                    <address domain='0x0000' bus='0x41' slot='0x00' function='0x4'/>
                  </source>
                </hostdev>
              </devices>
            </domain>
            """;

    static final String HAND = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: vf-host
                attributes: {vgpu_manager: "17.4", kernel: "6.8.0", libvirt: "10.0.0", qemu: "8.2.2"}
                devices:
                  - {id: "0000:41:00.0", driver: nvidia, model: "NVIDIA L40S"}
                  - {id: "0000:af:00.0", driver: mlx5_core, model: "ConnectX-7", attributes: {firmware: "28.39.1002", psid: "MT_0000000834"}}
            """;

    @Test
    void aDomainsPciHostdevIsTheVfItOwns() throws IOException {
        Path xml = Files.writeString(tmp.resolve("cad-new.xml"), DOMAIN);
        ImportCliTest.Run run = devplace("import", "libvirt", "--host", "vf-host", xml.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Vm vm = FleetReader.parseFragment("stdout", run.out().getBytes(StandardCharsets.UTF_8)).value().vms().get(0);
        assertThat(vm.devices()).containsExactly(new VmDevice(null, null, "0000:41:00.4"));
        assertThat(vm.liveMigratable()).isTrue();
        assertThat(run.out()).contains("vf: \"0000:41:00.4\"").doesNotContain("mdev");
    }

    @Test
    void aPciAddressOutOfRangeIsNamed() throws IOException {
        Path xml = Files.writeString(tmp.resolve("bad.xml"), DOMAIN.replace("slot='0x00'", "slot='0x20'"));
        ImportCliTest.Run run = devplace("import", "libvirt", "--host", "vf-host", xml.toString());
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err()).contains("bad.xml").contains("hostdev[1]/source/address/@slot").contains("0x1f");
    }

    @Test
    void sysfsAndLibvirtAndAHandFragmentMergeIntoAFleetThatValidatesAndPlans() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        SysfsVfImporterTest.materialize(root);
        ImportCliTest.Run sysfs = devplace("import", "sysfs", "--host", "vf-host", "--cpus", "64", "--memory-mib", "524288", "--root", root.toString());
        assertThat(sysfs.exit()).as(sysfs.err()).isZero();
        assertThat(sysfs.out()).contains("vfs:").contains("type: \"1152\"").doesNotContain("mdevs:");
        Path a = Files.writeString(tmp.resolve("sysfs.yaml"), sysfs.out());
        Path b = Files.writeString(tmp.resolve("libvirt.yaml"), devplace("import", "libvirt", "--host", "vf-host",
                Files.writeString(tmp.resolve("d.xml"), DOMAIN).toString()).out());
        Path c = Files.writeString(tmp.resolve("hand.yaml"), HAND);
        ImportCliTest.Run merged = devplace("import", "merge", a.toString(), b.toString(), c.toString());
        assertThat(merged.exit()).as(merged.err()).isZero();
        Fleet f = FleetReader.parse("merged", merged.out().getBytes(StandardCharsets.UTF_8)).value();
        assertThat(f.hosts().get(0).parent("0000:41:00.0").vfs()).hasSize(3);
        assertThat(f.vms().get(0).devices().get(0).vf()).isEqualTo("0000:41:00.4");
        Path fleet = Files.writeString(tmp.resolve("fleet.yaml"), merged.out());
        ImportCliTest.Run valid = devplace("validate", "-f", fleet.toString());
        assertThat(valid.exit()).as(valid.err() + valid.out()).isZero();
        // the imported VM moves to another VF of the same GPU host? No: it is the only host; evacuating it leaves it unplaced
        ImportCliTest.Run plan = devplace("plan", "evacuate", "vf-host", "-f", fleet.toString(), "--time-limit", "1s", "-o", "json");
        assertThat(plan.exit()).as(plan.err()).isEqualTo(3);
        assertThat(plan.out()).contains("\"vm\" : \"cad-new\"");
    }
}
