package io.devplace.importers;

import io.devplace.model.Host;
import io.devplace.model.InvalidInputException;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import io.devplace.model.Vf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * VF-based parents from a sysfs tree laid out as the kernel does it (built here with real symlinks): PFs in
 * sys/devices with virtfnN links to their VFs, sys/bus/pci/devices links to every device, driver and iommu_group links.
 * The file names come from the layouts (as the VF rule packs declare them), never from the importer.
 */
class SysfsVfImporterTest {
    static final HostFacts HOST = new HostFacts("vf-host", 64, 524288);
    static final VfLayout NVIDIA = new VfLayout("nvidia-l40s-vf", "nvidia", "nvidia/current_vgpu_type", "nvidia/creatable_vgpu_types",
            "^\\s*(?<id>\\d+)\\s*:\\s*(?<name>.*?)\\s*$", "0", null, null);
    static final VfLayout MLX5 = new VfLayout("mlx5-vfio-pci-vf", "mlx5_core", null, null, "^(?<id>\\S+)$", "0", "mlx5_vfio_pci", "mlx5-vf");

    @TempDir
    Path root;

    /** Builds the tree: an L40S PF with 3 VFs (one set to 1152) and a ConnectX-7 PF with 2 VFs (one bound to mlx5_vfio_pci). */
    static void materialize(Path root) throws IOException {
        Path devices = Files.createDirectories(root.resolve("sys/devices/pci0000:40"));
        Path bus = Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        Path drivers = Files.createDirectories(root.resolve("sys/bus/pci/drivers"));
        Path groups = Files.createDirectories(root.resolve("sys/kernel/iommu_groups"));
        for (String d : List.of("nvidia", "mlx5_core", "mlx5_vfio_pci", "vfio-pci")) Files.createDirectories(drivers.resolve(d));
        pf(root, devices, bus, groups, "0000:41:00.0", "nvidia", 40, List.of("0000:41:00.4", "0000:41:00.5", "0000:41:00.6"));
        Path gpu = devices.resolve("0000:41:00.0");
        Files.writeString(gpu.resolve("numa_node"), "1\n");
        for (String vf : List.of("0000:41:00.4", "0000:41:00.5", "0000:41:00.6")) {
            Path n = Files.createDirectories(devices.resolve(vf).resolve("nvidia"));
            boolean set = vf.endsWith(".4");
            Files.writeString(n.resolve("current_vgpu_type"), set ? "1152\n" : "0\n");
            Files.writeString(n.resolve("creatable_vgpu_types"), set ? "" : "1150 : NVIDIA L40S-4Q\n1152 : NVIDIA L40S-8Q\n");
        }
        pf(root, devices, bus, groups, "0000:af:00.0", "mlx5_core", 60, List.of("0000:af:00.2", "0000:af:00.3"));
        link(devices.resolve("0000:af:00.2/driver"), drivers.resolve("mlx5_vfio_pci"));
        // a PF with VFs no VF pack describes
        pf(root, devices, bus, groups, "0000:5e:00.0", "ixgbe", 70, List.of("0000:5e:10.0"));
        // an ordinary device without VFs
        Files.createDirectories(devices.resolve("0000:00:1f.0"));
        link(bus.resolve("0000:00:1f.0"), devices.resolve("0000:00:1f.0"));
    }

    private static void pf(Path root, Path devices, Path bus, Path groups, String pf, String driver, int group, List<String> vfs) throws IOException {
        Path dir = Files.createDirectories(devices.resolve(pf));
        link(bus.resolve(pf), dir);
        link(dir.resolve("driver"), root.resolve("sys/bus/pci/drivers/" + driver));
        link(dir.resolve("iommu_group"), Files.createDirectories(groups.resolve(String.valueOf(group))));
        for (int i = 0; i < vfs.size(); i++) {
            Path vf = Files.createDirectories(devices.resolve(vfs.get(i)));
            link(bus.resolve(vfs.get(i)), vf);
            link(dir.resolve("virtfn" + i), vf);
            link(vf.resolve("physfn"), dir);
            link(vf.resolve("iommu_group"), Files.createDirectories(groups.resolve(String.valueOf(group + 1 + i))));
        }
    }

    /** A relative symlink, as sysfs has them. */
    private static void link(Path link, Path target) throws IOException {
        Files.createSymbolicLink(link, link.getParent().relativize(target));
    }

    @BeforeEach
    void tree() throws IOException { materialize(root); }

    @Test
    void theVfsOfEachPfAreReadAsTheirPackSays() {
        Imported imported = SysfsImporter.importTree(HOST, root, List.of(NVIDIA, MLX5));
        Host h = imported.fleet().hosts().get(0);
        ParentDevice gpu = h.parent("0000:41:00.0");
        assertThat(gpu.driver()).isEqualTo("nvidia");
        assertThat(gpu.numaNode()).isEqualTo(1L);
        assertThat(gpu.iommuGroup()).isEqualTo(40L);
        assertThat(gpu.mdevs()).isEmpty();
        assertThat(gpu.vfs()).containsExactly(new Vf("0000:41:00.4", "1152", null, 41L), new Vf("0000:41:00.5", null, null, 42L),
                new Vf("0000:41:00.6", null, null, 43L));
        assertThat(gpu.supportedTypes()).containsEntry("1150", new SupportedType(2L, "NVIDIA L40S-4Q", "vfio-pci", null))
                .containsEntry("1152", new SupportedType(2L, "NVIDIA L40S-8Q", "vfio-pci", null));
        ParentDevice nic = h.parent("0000:af:00.0");
        assertThat(nic.driver()).isEqualTo("mlx5_core");
        assertThat(nic.vfs()).containsExactly(new Vf("0000:af:00.2", "mlx5-vf", null, 61L), new Vf("0000:af:00.3", null, null, 62L));
        assertThat(h.parent("0000:5e:00.0")).isNull();
        assertThat(imported.warnings()).anyMatch(w -> w.contains("0000:5e:00.0") && w.contains("ixgbe"));
    }

    @Test
    void withoutVfPacksNoVfParentIsRead() {
        Imported imported = SysfsImporter.importTree(HOST, root, List.of());
        assertThat(imported.fleet().hosts().get(0).devices()).isEmpty();
    }

    @Test
    void aMissingTypeFileIsNamed() throws IOException {
        Files.delete(root.resolve("sys/devices/pci0000:40/0000:41:00.5/nvidia/current_vgpu_type"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SysfsImporter.importTree(HOST, root, List.of(NVIDIA)));
        assertThat(e.getMessage()).contains("0000:41:00.0/virtfn1/nvidia/current_vgpu_type").contains("missing: pack nvidia-l40s-vf");
    }
}
