package io.devplace.importers;

import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LibvirtImporterTest {
    private static final HostFacts GPU_HOST = new HostFacts("gpu-host-1", 64, 524288);

    static final List<String> GPU_FILES = List.of(
            "libvirt/pci_0000_3d_00_0.xml", "libvirt/pci_0000_3e_00_0.xml",
            "libvirt/mdev_d5562ef4_94fd_41cb_b0dc_1b0f150d2b41_0000_3d_00_0.xml",
            "libvirt/mdev_3f443a71_7129_44d9_9e91_6d0617823c48.xml",
            "libvirt/mdev_56e62c23_97ac_4027_ab5d_e8c168449741_0000_3e_00_0.xml",
            "libvirt/vm-gpu-1.xml", "libvirt/vm-gpu-2.xml");

    @TempDir
    Path tmp;

    static List<String> files(List<String> relative) { return relative.stream().map(Fixtures::file).toList(); }

    private static InvalidInputException refused(HostFacts host, String... files) {
        return assertThrows(InvalidInputException.class, () -> LibvirtImporter.importFiles(host, List.of(files)));
    }

    @Test
    void nodeDevicesAndDomainsOfAGpuHost() {
        Imported imported = LibvirtImporter.importFiles(GPU_HOST, files(GPU_FILES));

        assertThat(imported.warnings()).isEmpty();
        Host h = imported.fleet().hosts().get(0);
        assertThat(h.name()).isEqualTo("gpu-host-1");
        assertThat(h.cpus()).isEqualTo(64);
        assertThat(h.memoryMiB()).isEqualTo(524288);
        assertThat(h.devices()).extracting(ParentDevice::id).containsExactly("0000:3d:00.0", "0000:3e:00.0");

        ParentDevice gpu = h.parent("0000:3d:00.0");
        assertThat(gpu.driver()).isEqualTo("nvidia");
        assertThat(gpu.model()).isNull();
        assertThat(gpu.numaNode()).isEqualTo(0);
        assertThat(gpu.iommuGroup()).isEqualTo(45);
        assertThat(gpu.supportedTypes()).containsOnlyKeys("nvidia-746", "nvidia-747", "nvidia-749", "nvidia-750", "nvidia-751");
        assertThat(gpu.supportedTypes().get("nvidia-749")).isEqualTo(new SupportedType(2L, "NVIDIA A16-4Q", "vfio-pci", null));
        assertThat(gpu.mdevs()).containsExactly(
                new Mdev("d5562ef4-94fd-41cb-b0dc-1b0f150d2b41", "nvidia-749", List.of(), 120L, null),
                // old-style name and no <uuid>: the UUID comes from the name
                new Mdev("3f443a71-7129-44d9-9e91-6d0617823c48", "nvidia-749", List.of(), 121L, null));
        assertThat(h.parent("0000:3e:00.0").iommuGroup()).isEqualTo(46);
        assertThat(h.parent("0000:3e:00.0").mdevs()).extracting(Mdev::uuid, Mdev::type)
                .containsExactly(tuple("56e62c23-97ac-4027-ab5d-e8c168449741", "nvidia-746"));

        assertThat(imported.fleet().vms()).containsExactly(
                new Vm("vm-gpu-1", "gpu-host-1", 8, 16384, 0, true, List.of(), List.of(new VmDevice("d5562ef4-94fd-41cb-b0dc-1b0f150d2b41", null,
                        java.util.Map.of("type", "pci", "domain", "0x0000", "bus", "0x05", "slot", "0x00", "function", "0x0")))),
                // <vcpu current='2'>4</vcpu>: the maximum counts; the upper-case UUID is the kernel's lower case
                new Vm("vm-gpu-2", "gpu-host-1", 4, 8192, 0, true, List.of(), List.of(new VmDevice("3f443a71-7129-44d9-9e91-6d0617823c48", null,
                        java.util.Map.of("type", "pci", "domain", "0x0000", "bus", "0x06", "slot", "0x00", "function", "0x0")))));
    }

    @Test
    void fileOrderDoesNotChangeTheFacts() {
        List<String> reversed = new ArrayList<>(GPU_FILES);
        Collections.reverse(reversed);
        Host a = LibvirtImporter.importFiles(GPU_HOST, files(GPU_FILES)).fleet().hosts().get(0);
        Host b = LibvirtImporter.importFiles(GPU_HOST, files(reversed)).fleet().hosts().get(0);
        for (ParentDevice p : a.devices()) assertThat(b.parent(p.id())).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(p);
    }

    @Test
    void ccwAndApMatrixParentsAndTheirMdevs() {
        Imported imported = LibvirtImporter.importFiles(HostFacts.named("z-host-1"), files(List.of(
                "libvirt/s390/css_0_0_26ab.xml", "libvirt/s390/ap_matrix.xml",
                "libvirt/s390/mdev_2eb6ead3_86d2_4708_9767_fbfea9583c9f_0_0_26ab.xml",
                "libvirt/s390/mdev_63adb2d3_5462_443a_9710_43f8b0e0433b_matrix.xml", "libvirt/s390/vm-z-1.xml")));
        Host h = imported.fleet().hosts().get(0);

        assertThat(h.devices()).extracting(ParentDevice::id, ParentDevice::driver).containsExactly(
                tuple("0.0.26ab", "vfio_ccw"),
                tuple("matrix", "vfio_ap")); // no <driver> on ap_matrix: the type prefix
        assertThat(h.parent("0.0.26ab").supportedTypes().get("vfio_ccw-io"))
                .isEqualTo(new SupportedType(0L, "I/O subchannel (Non-QDIO)", "vfio-ccw", null));
        assertThat(h.parent("0.0.26ab").mdevs()).containsExactly(new Mdev("2eb6ead3-86d2-4708-9767-fbfea9583c9f", "vfio_ccw-io", List.of(), 0L, null));
        assertThat(h.parent("matrix").supportedTypes().get("vfio_ap-passthrough").availableInstances()).isEqualTo(65535);
        assertThat(h.parent("matrix").mdevs().get(0).attrs()).containsExactly(Map.of("assign_adapter", "5"), Map.of("assign_adapter", "6"),
                Map.of("assign_domain", "0x00ab"), Map.of("assign_control_domain", "0x00ab"));
        Vm vm = imported.fleet().vm("vm-z-1");
        assertThat(vm.cpus()).isEqualTo(2);
        assertThat(vm.memoryMiB()).isEqualTo(4096); // <memory unit='GiB'>4</memory>
        assertThat(vm.devices()).extracting(VmDevice::mdev)
                .containsExactly("2eb6ead3-86d2-4708-9767-fbfea9583c9f", "63adb2d3-5462-443a-9710-43f8b0e0433b");
    }

    @Test
    void aWrapperElementMayHoldSeveralDevicesAsTheTestDriverDoes() {
        String f = Fixtures.write(tmp, "node.xml", """
                <node>
                  <device><name>pci_0000_00_02_0</name><parent>computer</parent><driver><name>i915</name></driver>
                    <capability type='pci'><domain>0</domain><bus>0</bus><slot>2</slot><function>0</function>
                      <capability type='mdev_types'>
                        <type id='i915-GVTg_V5_4'><name>GVTg_V5_4</name><deviceAPI>vfio-pci</deviceAPI><availableInstances>3</availableInstances></type>
                      </capability>
                    </capability>
                  </device>
                  <device><name>mdev_9c4954d2_fa39_4973_9d66_d61c6c4d0100</name><parent>pci_0000_00_02_0</parent>
                    <capability type='mdev'><type id='i915-GVTg_V5_4'/><uuid>9c4954d2-fa39-4973-9d66-d61c6c4d0100</uuid></capability>
                  </device>
                  <device><name>usb_1_1</name><capability type='usb_device'><bus>1</bus><device>1</device></capability></device>
                </node>
                """);
        Imported imported = LibvirtImporter.importFiles(HostFacts.named("laptop"), List.of(f));
        ParentDevice igd = imported.fleet().hosts().get(0).parent("0000:00:02.0");
        assertThat(igd.driver()).isEqualTo("i915");
        assertThat(igd.mdevs()).extracting(Mdev::uuid).containsExactly("9c4954d2-fa39-4973-9d66-d61c6c4d0100");
        assertThat(imported.warnings()).containsExactly(f + ": device usb_1_1 is neither an mdev parent (no mdev_types capability) nor an mdev: skipped");
    }

    @Test
    void memoryUnitsFollowLibvirtsScaledIntegers() {
        XmlSource src = new XmlSource("d.xml", new ArrayList<>(), new ArrayList<>());
        assertThat(DomainXml.mebibytes("16777216", null, "", src)).isEqualTo(16384);
        assertThat(DomainXml.mebibytes("16777216", "KiB", "", src)).isEqualTo(16384);
        assertThat(DomainXml.mebibytes("16777216", "k", "", src)).isEqualTo(16384);
        assertThat(DomainXml.mebibytes("2", "G", "", src)).isEqualTo(2048);
        assertThat(DomainXml.mebibytes("1", "TiB", "", src)).isEqualTo(1048576);
        assertThat(DomainXml.mebibytes("1000", "MB", "", src)).isEqualTo(954); // 10^9 bytes, rounded up
        assertThat(DomainXml.mebibytes("1048576", "bytes", "", src)).isEqualTo(1);
        assertThat(DomainXml.mebibytes("1", "b", "", src)).isEqualTo(1);
        assertThat(src.problems()).isEmpty();
        assertThat(DomainXml.mebibytes("4", "GiBs", "/domain/memory", src)).isNull();
        assertThat(DomainXml.mebibytes("4.5", "GiB", "/domain/memory", src)).isNull();
        assertThat(src.problems()).extracting(InputProblem::message).containsExactly(
                "unknown memory unit 'GiBs' (expected b, KiB, KB, MiB, MB, GiB, GB, TiB, TB...)",
                "expected the memory size as a whole number but got '4.5'");
    }

    @Test
    void malformedXmlNamesFileAndLine() {
        String f = Fixtures.write(tmp, "pci.xml", "<device>\n  <name>pci_0000_3d_00_0</name>\n  <capability type='pci'>\n</device>\n");
        InvalidInputException e = refused(GPU_HOST, f);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(f);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("malformed XML: ").contains("capability");
        });
        assertThat(e.getMessage()).contains(f).contains("line 4");
    }

    @Test
    void externalEntitiesAreRefusedAndNothingIsRead() {
        String f = Fixtures.write(tmp, "xxe.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE device [ <!ENTITY leak SYSTEM "file:///etc/passwd"> ]>
                <device><name>&leak;</name><parent>computer</parent></device>
                """);
        InvalidInputException e = refused(GPU_HOST, f);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(f);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("DOCTYPE is refused");
        });
        assertThat(e.getMessage()).doesNotContain("root:");
    }

    @Test
    void entityExpansionBombsAreRefused() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE domain [\n <!ENTITY l0 \"lol\">\n");
        for (int i = 1; i < 10; i++) b.append(" <!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">\n");
        b.append("]>\n<domain><name>&l9;</name><memory>1</memory></domain>\n");
        String f = Fixtures.write(tmp, "bomb.xml", b.toString());
        assertThat(refused(GPU_HOST, f).getMessage()).contains(f).contains("DOCTYPE is refused");
    }

    @Test
    void xincludeIsNotFollowed() {
        String f = Fixtures.write(tmp, "xi.xml", """
                <domain xmlns:xi="http://www.w3.org/2001/XInclude">
                  <name><xi:include href="file:///etc/hostname" parse="text"/></name>
                  <memory unit='KiB'>1024</memory>
                </domain>
                """);
        assertThat(refused(GPU_HOST, f).problems()).extracting(InputProblem::message).containsExactly("expected the domain's <name>");
    }

    @Test
    void aDomainWhoseMdevIsNotAmongTheNodeDevicesIsRefused() {
        String vm = Fixtures.file("libvirt/vm-gpu-1.xml");
        InvalidInputException e = refused(GPU_HOST, Fixtures.file("libvirt/pci_0000_3d_00_0.xml"), vm);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(vm);
            assertThat(p.message()).contains("domain vm-gpu-1 uses mdev d5562ef4-94fd-41cb-b0dc-1b0f150d2b41, which no node device file describes")
                    .contains("virsh nodedev-dumpxml mdev_d5562ef4_94fd_41cb_b0dc_1b0f150d2b41");
        });
    }

    @Test
    void aDomainWithAPlainPassthroughDeviceMayNotMoveLive() {
        String f = Fixtures.write(tmp, "vm.xml", """
                <domain type='kvm'><name>vm-nic</name><memory unit='MiB'>2048</memory><vcpu>2</vcpu>
                  <devices>
                    <hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x81' slot='0x00' function='0x1'/></source></hostdev>
                  </devices>
                </domain>
                """);
        Imported imported = LibvirtImporter.importFiles(GPU_HOST, List.of(f));
        assertThat(imported.fleet().vm("vm-nic")).isEqualTo(new Vm("vm-nic", "gpu-host-1", 2, 2048, 0, false, List.of(), List.of()));
        assertThat(imported.warnings()).containsExactly(f + ": domain vm-nic also has <hostdev> of type [pci] that devplace cannot describe: marked liveMigratable: false");
    }

    @Test
    void somethingElseThanNodeDevicesOrDomainsIsRefused() {
        String f = Fixtures.write(tmp, "caps.xml", "<capabilities><host><uuid>x</uuid></host></capabilities>");
        assertThat(refused(GPU_HOST, f).problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(f);
            assertThat(p.path()).isEqualTo("/capabilities");
            assertThat(p.message()).isEqualTo("expected virsh nodedev-dumpxml (<device>) or virsh dumpxml (<domain>) output but the root element is <capabilities>");
        });
    }

    @Test
    void everyUnusableValueIsReportedWithItsPath() {
        String parent = Fixtures.write(tmp, "pci.xml", """
                <device><name>pci_0000_3d_00_0</name>
                  <capability type='pci'>
                    <capability type='mdev_types'>
                      <type id='nvidia-749'><name>NVIDIA A16-4Q</name><deviceAPI>vfio-pci</deviceAPI><availableInstances>lots</availableInstances></type>
                      <type id='nvidia-750'><name>NVIDIA A16-8Q</name></type>
                    </capability>
                    <iommuGroup number='-3'/>
                  </capability>
                </device>
                """);
        String mdev = Fixtures.write(tmp, "mdev.xml", """
                <device><name>mdev_3627463d_b7f0_4fea_b468_f1da537d301b</name><parent>computer</parent>
                  <capability type='mdev'><type id='mtty-1'/><iommuGroup number='12'/></capability>
                </device>
                """);
        String domain = Fixtures.write(tmp, "vm.xml", """
                <domain><name>vm-x</name><vcpu>many</vcpu>
                  <devices><hostdev mode='subsystem' type='mdev'><source><address uuid='nope'/></source></hostdev></devices>
                </domain>
                """);
        InvalidInputException e = refused(GPU_HOST, parent, mdev, domain);
        assertThat(e.problems()).extracting(InputProblem::file, InputProblem::path, InputProblem::message).containsExactly(
                tuple(parent, "/device[name='pci_0000_3d_00_0']/capability[@type='pci']/capability[@type='mdev_types']/type[@id='nvidia-749']/availableInstances",
                        "expected availableInstances to be a count >= 0 but got 'lots'"),
                tuple(parent, "/device[name='pci_0000_3d_00_0']/capability[@type='pci']/capability[@type='mdev_types']/type[@id='nvidia-750']",
                        "type nvidia-750 of pci_0000_3d_00_0 has no <availableInstances>"),
                tuple(parent, "/device[name='pci_0000_3d_00_0']/capability[@type='pci']/capability[@type='mdev_types']/type[@id='nvidia-750']",
                        "type nvidia-750 of pci_0000_3d_00_0 has no <deviceAPI>"),
                tuple(parent, "/device[name='pci_0000_3d_00_0']/capability[@type='pci']/iommuGroup/@number",
                        "expected the IOMMU group to be a count >= 0 but got '-3'"),
                // an mdev whose parent is 'computer' (a virtual parent) is skipped with a warning, not an error: see RealToolOutputTest
                tuple(domain, "/domain[name='vm-x']/vcpu", "expected <vcpu> to be a count >= 0 but got 'many'"),
                tuple(domain, "/domain[name='vm-x']", "domain vm-x has no <memory>"),
                tuple(domain, "/domain[name='vm-x']/devices/hostdev[1]",
                        "expected <source><address uuid='...'/></source> with an mdev UUID but got 'nope'"));
    }

    @Test
    void twoFilesThatDisagreeAboutAnMdevAreAConflict() {
        String other = Fixtures.write(tmp, "mdev_d5562ef4.xml", """
                <device><name>mdev_d5562ef4_94fd_41cb_b0dc_1b0f150d2b41_0000_3d_00_0</name><parent>pci_0000_3d_00_0</parent>
                  <capability type='mdev'><type id='nvidia-750'/><uuid>d5562ef4-94fd-41cb-b0dc-1b0f150d2b41</uuid><iommuGroup number='120'/></capability>
                </device>
                """);
        String first = Fixtures.file("libvirt/mdev_d5562ef4_94fd_41cb_b0dc_1b0f150d2b41_0000_3d_00_0.xml");
        InvalidInputException e = refused(GPU_HOST, first, other);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(other);
            assertThat(p.message()).isEqualTo("conflicting type of mdev d5562ef4-94fd-41cb-b0dc-1b0f150d2b41 on host gpu-host-1: 'nvidia-750' here but 'nvidia-749' in " + first);
        });
    }

    @Test
    void aMissingFileIsInvalidInput() {
        String f = tmp.resolve("missing.xml").toString();
        assertThat(refused(GPU_HOST, f).problems()).extracting(InputProblem::file, InputProblem::message)
                .containsExactly(tuple(f, "file not found"));
    }
}
