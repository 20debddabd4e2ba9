package io.devplace.importers;

import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SysfsImporterTest {
    private static final HostFacts GPU_HOST = new HostFacts("gpu-host-1", 64, 524288);
    private static final String GPU0 = "sys/devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0/0000:3c:08.0/0000:3d:00.0";

    @TempDir
    Path root;

    @BeforeEach
    void tree() throws IOException { SysfsTree.materialize(root); }

    @Test
    void theFixtureIsLaidOutAsTheKernelDoesIt() throws IOException {
        Path bus = root.resolve("sys/class/mdev_bus/0000:3d:00.0");
        assertThat(Files.isSymbolicLink(bus)).isTrue();
        assertThat(Files.readSymbolicLink(bus).toString()).isEqualTo("../../devices/pci0000:3a/0000:3a:00.0/0000:3b:00.0/0000:3c:08.0/0000:3d:00.0");
        Path type = bus.resolve("d5562ef4-94fd-41cb-b0dc-1b0f150d2b41/mdev_type");
        assertThat(Files.readSymbolicLink(type).toString()).isEqualTo("../mdev_supported_types/nvidia-713");
        assertThat(type.toRealPath()).isEqualTo(root.resolve(GPU0 + "/mdev_supported_types/nvidia-713").toRealPath());
        assertThat(root.resolve("sys/bus/mdev/devices/d5562ef4-94fd-41cb-b0dc-1b0f150d2b41/mdev_type").toRealPath()).isEqualTo(type.toRealPath());
    }

    @Test
    void parentsTypesAndMdevsOfAGpuHost() {
        Imported imported = SysfsImporter.importTree(GPU_HOST, root);

        assertThat(imported.warnings()).isEmpty();
        Host h = imported.fleet().hosts().get(0);
        assertThat(h.name()).isEqualTo("gpu-host-1");
        assertThat(h.cpus()).isEqualTo(64);
        assertThat(h.memoryMiB()).isEqualTo(524288);
        assertThat(h.devices()).extracting(ParentDevice::id, ParentDevice::driver, ParentDevice::numaNode, ParentDevice::iommuGroup).containsExactly(
                tuple("0000:3d:00.0", "nvidia", 0L, 45L),
                tuple("0000:3e:00.0", "nvidia", 0L, 46L),
                tuple("mtty", "mtty", null, null)); // virtual parent: no driver link (type prefix), no NUMA node, no group

        ParentDevice gpu = h.parent("0000:3d:00.0");
        assertThat(gpu.supportedTypes()).containsOnlyKeys("nvidia-711", "nvidia-712", "nvidia-713", "nvidia-714", "nvidia-715");
        assertThat(gpu.supportedTypes().get("nvidia-713")).isEqualTo(new SupportedType(2L, "NVIDIA A16-4Q", "vfio-pci",
                "num_heads=4, frl_config=60, framebuffer=4096M, max_resolution=7680x4320, max_instance=4"));
        assertThat(gpu.mdevs()).containsExactly(
                new Mdev("3f443a71-7129-44d9-9e91-6d0617823c48", "nvidia-713", List.of(), 121L, null),
                new Mdev("d5562ef4-94fd-41cb-b0dc-1b0f150d2b41", "nvidia-713", List.of(), 120L, null));
        assertThat(h.parent("0000:3e:00.0").mdevs()).containsExactly(new Mdev("56e62c23-97ac-4027-ab5d-e8c168449741", "nvidia-711", List.of(), 122L, null));
        assertThat(h.parent("mtty").supportedTypes().get("mtty-1")).isEqualTo(new SupportedType(24L, "Single port serial", "vfio-pci", null));
        assertThat(h.parent("mtty").mdevs()).isEmpty();
    }

    @Test
    void noMdevBusMeansNoParentsAndAWarning() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Imported imported = SysfsImporter.importTree(GPU_HOST, empty);
        assertThat(imported.fleet().hosts().get(0).devices()).isEmpty();
        assertThat(imported.warnings()).singleElement().asString().contains("sys/class/mdev_bus does not exist");
    }

    @Test
    void aMissingRootIsInvalidInput() {
        Path missing = root.resolve("nope");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SysfsImporter.importTree(GPU_HOST, missing));
        assertThat(e.problems()).extracting(InputProblem::file, InputProblem::message)
                .containsExactly(tuple(missing.toString(), "expected the directory that holds sys/ but it does not exist"));
    }

    @Test
    void unusableAttributesAreReportedByFile() throws IOException {
        Path types = root.resolve(GPU0 + "/mdev_supported_types");
        Files.writeString(types.resolve("nvidia-713/available_instances"), "many\n");
        Files.delete(types.resolve("nvidia-714/device_api"));
        Files.writeString(root.resolve(GPU0 + "/numa_node"), "zero\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SysfsImporter.importTree(GPU_HOST, root));
        assertThat(e.problems()).extracting(InputProblem::file, InputProblem::message).containsExactly(
                tuple(root.resolve("sys/class/mdev_bus/0000:3d:00.0/mdev_supported_types/nvidia-713/available_instances").toString(),
                        "expected a count >= 0 but got 'many'"),
                tuple(root.resolve("sys/class/mdev_bus/0000:3d:00.0/mdev_supported_types/nvidia-714/device_api").toString(),
                        "missing: the kernel always provides it"),
                tuple(root.resolve("sys/class/mdev_bus/0000:3d:00.0/numa_node").toString(), "expected a count >= 0 but got 'zero'"));
    }

    @Test
    void noNumaAffinityIsMinusOne() throws IOException {
        Files.writeString(root.resolve(GPU0 + "/numa_node"), "-1\n");
        assertThat(SysfsImporter.importTree(GPU_HOST, root).fleet().hosts().get(0).parent("0000:3d:00.0").numaNode()).isNull();
    }

    @Test
    void withoutADriverLinkTheDriverIsTheTypePrefix() throws IOException {
        Files.delete(root.resolve(GPU0 + "/driver"));
        assertThat(SysfsImporter.importTree(GPU_HOST, root).fleet().hosts().get(0).parent("0000:3d:00.0").driver()).isEqualTo("nvidia");
    }
}
