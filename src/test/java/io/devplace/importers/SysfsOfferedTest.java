package io.devplace.importers;

import io.devplace.model.ParentDevice;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.ResourceSpec;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sysfs importer sets a parent's offered resources from the directory its pack names (vfio-ap: the queue
 * devices bound to vfio_ap, /sys/bus/ap/drivers/vfio_ap/AA.DDDD), taking only the entries the pack's pattern matches.
 */
class SysfsOfferedTest {
    private static final HostFacts Z = new HostFacts("z1", 8, 16384);

    @TempDir
    Path root;

    /** The bundled vfio-ap pack's layout, read from the pack as the CLI does. */
    static OfferedLayout vfioAp() {
        LoadedPack lp = RuleBook.bundled().stream().filter(p -> p.name().equals("vfio-ap")).findFirst().orElseThrow();
        ResourceSpec.Offered o = lp.pack().capacity().resources().offered();
        return new OfferedLayout(lp.name(), lp.pack().match().get("driver"), o.attribute(), o.sysfs(), o.entries());
    }

    /** An AP matrix parent with the vfio_ap-passthrough type, and the driver's directory with queues and control files. */
    private void matrix(String... queues) throws IOException {
        Path dev = Files.createDirectories(root.resolve("sys/devices/vfio_ap/matrix"));
        Path type = Files.createDirectories(dev.resolve("mdev_supported_types/vfio_ap-passthrough"));
        Files.writeString(type.resolve("available_instances"), "65535\n");
        Files.writeString(type.resolve("device_api"), "vfio-ap\n");
        Path drv = Files.createDirectories(root.resolve("sys/bus/matrix/drivers/vfio_ap"));
        Files.createSymbolicLink(dev.resolve("driver"), drv);
        Files.createDirectories(root.resolve("sys/class/mdev_bus"));
        Files.createSymbolicLink(root.resolve("sys/class/mdev_bus/matrix"), dev);
        if (queues == null) return;
        Path bound = Files.createDirectories(root.resolve("sys/bus/ap/drivers/vfio_ap"));
        for (String f : List.of("bind", "unbind", "uevent")) Files.writeString(bound.resolve(f), "");
        for (String q : queues) Files.createSymbolicLink(bound.resolve(q), Files.createDirectories(root.resolve("sys/devices/ap/card05/" + q)));
    }

    @Test
    void theQueuesBoundToTheDriverBecomeTheMatrixsOfferedList() throws IOException {
        matrix("05.0047", "05.0004", "06.0004");
        Imported imported = SysfsImporter.importTree(Z, root, List.of(), List.of(vfioAp()));
        ParentDevice p = imported.fleet().hosts().get(0).parent("matrix");
        assertThat(p.driver()).isEqualTo("vfio_ap");
        assertThat(p.attributes()).containsEntry("vfio_ap_queues", "05.0004 05.0047 06.0004");
        // and the pack reads the list back as the APQNs it names
        assertThat(RuleBook.bundled().stream().filter(x -> x.name().equals("vfio-ap")).findFirst().orElseThrow()
                .pack().capacity().resources().offeredBy(p.attributes())).containsExactly("0x5.0x4", "0x5.0x47", "0x6.0x4");
    }

    @Test
    void noDriverDirectoryOffersNothingAndSaysSo() throws IOException {
        matrix((String[]) null);
        Imported imported = SysfsImporter.importTree(Z, root, List.of(), List.of(vfioAp()));
        assertThat(imported.fleet().hosts().get(0).parent("matrix").attributes()).containsEntry("vfio_ap_queues", "");
        assertThat(imported.warnings()).anyMatch(w -> w.contains("sys/bus/ap/drivers/vfio_ap does not exist") && w.contains("vfio-ap"));
    }

    @Test
    void withoutTheLayoutTheAttributeIsNotSet() throws IOException {
        matrix("05.0004");
        assertThat(SysfsImporter.importTree(Z, root).fleet().hosts().get(0).parent("matrix").attributes()).doesNotContainKey("vfio_ap_queues");
    }
}
