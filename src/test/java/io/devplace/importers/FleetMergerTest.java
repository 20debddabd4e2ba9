package io.devplace.importers;

import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
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

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FleetMergerTest {
    private static final String A = "3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11";
    private static final String B = "9c4954d2-fa39-4973-9d66-d61c6c4d0100";

    @TempDir
    Path tmp;

    private static Fleet fleet(List<Host> hosts, List<Vm> vms) { return new Fleet(Documents.API_VERSION, "Fleet", hosts, vms); }

    private static Host host(String name, long cpus, ParentDevice... parents) { return new Host(name, cpus, 0, null, null, null, null, List.of(parents)); }

    private static ParentDevice parent(String id, String driver, Map<String, SupportedType> types, Mdev... mdevs) {
        return new ParentDevice(id, driver, null, null, null, null, types, List.of(mdevs));
    }

    private static Fragment fromFile(String relative) {
        Documents.Parsed<Fleet> p = FleetReader.read(Fixtures.file(relative));
        return new Fragment(Fixtures.file(relative), p.value(), p.locations());
    }

    private static Fragment libvirtGpuHost() {
        return new Fragment("libvirt", LibvirtImporter.importFiles(new HostFacts("gpu-host-1", 64, 0), LibvirtImporterTest.files(LibvirtImporterTest.GPU_FILES)).fleet());
    }

    @Test
    void everySourceOfOneHostCombinesIntoOneHost() throws IOException {
        HostFacts h = HostFacts.named("gpu-host-1");
        Fleet merged = FleetMerger.merge(List.of(
                new Fragment("sysfs", SysfsImporter.importTree(h, SysfsTree.materialize(tmp)).fleet()),
                new Fragment("mdevctl", MdevctlImporter.importFiles(h, Fixtures.file("mdevctl/types.json"), List.of(Fixtures.file("mdevctl/list.json"))).fleet()),
                libvirtGpuHost(),
                fromFile("merge/hand.yaml")));

        assertThat(merged.hosts()).hasSize(1);
        Host host = merged.hosts().get(0);
        assertThat(host.cpus()).isEqualTo(64);
        assertThat(host.memoryMiB()).isEqualTo(524288);
        assertThat(host.labels()).containsExactly(Map.entry("rack", "r1"), Map.entry("zone", "z1"));
        assertThat(host.attributes()).containsEntry("vgpu_manager", "17.4");
        assertThat(host.devices()).extracting(ParentDevice::id, ParentDevice::driver, ParentDevice::model, ParentDevice::numaNode, ParentDevice::iommuGroup)
                .containsExactly(tuple("0000:3d:00.0", "nvidia", "NVIDIA A16", 0L, 45L),
                        tuple("0000:3e:00.0", "nvidia", "NVIDIA A16", 0L, 46L),
                        tuple("mtty", "mtty", null, null, null));
        ParentDevice gpu = host.parent("0000:3d:00.0");
        // the description comes from sysfs and mdevctl; libvirt does not carry it, and that is no conflict
        assertThat(gpu.supportedTypes().get("nvidia-749")).isEqualTo(new SupportedType(2L, "NVIDIA A16-4Q", "vfio-pci",
                "num_heads=4, frl_config=60, framebuffer=4096M, max_resolution=7680x4320, max_instance=4"));
        assertThat(gpu.mdevs()).containsExactly(
                new Mdev("3f443a71-7129-44d9-9e91-6d0617823c48", "nvidia-749", List.of(), 121L, null, "manual"),
                new Mdev("d5562ef4-94fd-41cb-b0dc-1b0f150d2b41", "nvidia-749", List.of(), 120L, null, "auto"));
        assertThat(merged.vms()).containsExactly(
                new Vm("vm-gpu-1", "gpu-host-1", 8, 16384, 100, true, List.of("db-tier"), List.of(new VmDevice("d5562ef4-94fd-41cb-b0dc-1b0f150d2b41", null,
                        Map.of("type", "pci", "domain", "0x0000", "bus", "0x05", "slot", "0x00", "function", "0x0")))),
                new Vm("vm-gpu-2", "gpu-host-1", 4, 8192, 0, true, List.of(), List.of(new VmDevice("3f443a71-7129-44d9-9e91-6d0617823c48", null,
                        Map.of("type", "pci", "domain", "0x0000", "bus", "0x06", "slot", "0x00", "function", "0x0")))));
    }

    @Test
    void everyConflictIsReportedWithFileLineAndTheOtherSource() {
        Fragment conflict = fromFile("merge/conflict.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FleetMerger.merge(List.of(libvirtGpuHost(), conflict)));

        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(conflict.source()));
        assertThat(e.problems()).extracting(InputProblem::path, InputProblem::line, InputProblem::message).containsExactly(
                tuple("hosts[0].cpus", 6, "conflicting cpus of host gpu-host-1: 32 here but 64 in libvirt"),
                tuple("hosts[0].devices[0].driver", 10, "conflicting driver of parent 0000:3d:00.0 on host gpu-host-1: 'i915' here but 'nvidia' in libvirt"),
                tuple("hosts[0].devices[0].supportedTypes['nvidia-749'].availableInstances", 12,
                        "conflicting availableInstances of type nvidia-749 of parent 0000:3d:00.0 on host gpu-host-1: 3 here but 2 in libvirt"),
                tuple("hosts[0].devices[0].mdevs[0].type", 15,
                        "conflicting type of mdev d5562ef4-94fd-41cb-b0dc-1b0f150d2b41 on host gpu-host-1: 'nvidia-750' here but 'nvidia-749' in libvirt"),
                tuple("hosts[0].devices[1].mdevs[0].uuid", 19,
                        "conflicting parent of mdev 3f443a71-7129-44d9-9e91-6d0617823c48 on host gpu-host-1: '0000:3e:00.0' here but '0000:3d:00.0' in libvirt (one mdev lives on one parent)"),
                tuple("vms[0].host", 26, "conflicting host of VM vm-gpu-1: 'other-host' here but 'gpu-host-1' in libvirt"),
                tuple("vms[1].devices[0].mdev", 36,
                        "conflicting owner of mdev d5562ef4-94fd-41cb-b0dc-1b0f150d2b41 on host gpu-host-1: VM 'vm-gpu-2' here but VM 'vm-gpu-1' in libvirt (an mdev is assigned to one VM)"));
    }

    @Test
    void unknownFactsCombineWithKnownOnes() {
        Mdev fromSysfs = new Mdev(A, "vfio_ap-passthrough", List.of(), 3L, null);
        Mdev fromMdevctl = new Mdev(A.toUpperCase(), "vfio_ap-passthrough", List.of(Map.of("assign_adapter", "5")), null, null);
        Fleet merged = FleetMerger.merge(List.of(
                new Fragment("sysfs", fleet(List.of(host("z", 0, parent("matrix", "vfio_ap", null, fromSysfs))), List.of())),
                new Fragment("mdevctl", fleet(List.of(host("z", 8, parent("matrix", null, Map.of("vfio_ap-passthrough", new SupportedType(5L, null, "vfio-ap", null)), fromMdevctl))), List.of()))));
        Host z = merged.hosts().get(0);
        assertThat(z.cpus()).isEqualTo(8);
        assertThat(z.parent("matrix").driver()).isEqualTo("vfio_ap");
        assertThat(z.parent("matrix").supportedTypes()).containsEntry("vfio_ap-passthrough", new SupportedType(5L, null, "vfio-ap", null));
        // sysfs cannot read attrs back: its empty list is "unknown", not "none", and the UUID is spelled as first seen
        assertThat(z.parent("matrix").mdevs()).containsExactly(new Mdev(A, "vfio_ap-passthrough", List.of(Map.of("assign_adapter", "5")), 3L, null));
    }

    @Test
    void differentAttrsAndLabelsAreConflicts() {
        Host a = new Host("z", 0, 0, null, Map.of("rack", "r1"), null, null,
                List.of(parent("matrix", "vfio_ap", null, new Mdev(A, "vfio_ap-passthrough", List.of(Map.of("assign_adapter", "5")), null, null))));
        Host b = new Host("z", 0, 0, null, Map.of("rack", "r2"), null, null,
                List.of(parent("matrix", "vfio_ap", null, new Mdev(A, "vfio_ap-passthrough", List.of(Map.of("assign_adapter", "6")), null, null))));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FleetMerger.merge(List.of(new Fragment("a", fleet(List.of(a), List.of())), new Fragment("b", fleet(List.of(b), List.of())))));
        assertThat(e.problems()).extracting(InputProblem::file, InputProblem::message).containsExactly(
                tuple("b", "conflicting label rack of host z: 'r2' here but 'r1' in a"),
                tuple("b", "conflicting attrs of mdev " + A + " on host z: [{assign_adapter: '6'}] here but [{assign_adapter: '5'}] in a"));
    }

    @Test
    void theSameMdevOnTwoHostsIsTwoMdevs() {
        Fleet merged = FleetMerger.merge(List.of(
                new Fragment("a", fleet(List.of(host("h1", 0, parent("mtty", "mtty", null, new Mdev(B, "mtty-1", null, null, null)))), List.of())),
                new Fragment("b", fleet(List.of(host("h2", 0, parent("mtty", "mtty", null, new Mdev(B, "mtty-2", null, null, null)))), List.of()))));
        assertThat(merged.hosts()).extracting(Host::name).containsExactly("h1", "h2");
    }

    @Test
    void mergingASourceWithItselfChangesNothing() {
        Fragment f = libvirtGpuHost();
        assertThat(FleetMerger.merge(List.of(f, f))).isEqualTo(FleetMerger.merge(List.of(f)));
        assertThat(FleetMerger.merge(List.of(f))).isEqualTo(f.fleet());
    }
}
