package io.devplace.importers;

import io.devplace.cli.ImportOutput;
import io.devplace.model.Fleet;
import io.devplace.model.FleetReader;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.Vm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports of what the tools really write: a shell loop over virsh, an mtty parent, start, empty and number-like values. */
class RealToolOutputTest {
    static final HostFacts HOST = new HostFacts("h1", 32, 65536);

    @Test
    void severalVirshOutputsInOneFile() {
        Imported i = LibvirtImporter.importFiles(HOST, List.of(Fixtures.file("libvirt/real/nodedevs-concatenated.xml")));
        Host h = i.fleet().hosts().get(0);
        ParentDevice gpu = h.parent("0000:3d:00.0");
        assertThat(gpu.attributes()).containsEntry("product", "GA107GL [A2 / A16]").containsEntry("productId", "0x25b6");
        Mdev m = gpu.mdevs().get(0);
        assertThat(m.start()).isEqualTo("auto");
        assertThat(m.attrs()).containsExactly(Map.of("vendor_opt", ""));   // an empty value is a value
        // mtty: libvirt gives the parent as 'computer'; the name's suffix is the sysfs parent
        ParentDevice mtty = h.parent("mtty");
        assertThat(mtty.driver()).isEqualTo("mtty");
        assertThat(mtty.mdevs()).extracting(Mdev::uuid, Mdev::type, Mdev::start).containsExactly(
                org.assertj.core.groups.Tuple.tuple("8ea1b1a4-c5b2-4d4e-9d3c-0a1b2c3d4e5f", "mtty-2", "manual"));
        // the one whose name does not say its parent is skipped, said so, and the rest stands
        assertThat(i.warnings()).anyMatch(w -> w.contains("mdev_0f6e1d2c_3b4a_4958_8a7b_6c5d4e3f2a1b") && w.contains("skipped"));
        Vm vm = i.fleet().vm("vm-addr");
        assertThat(vm.devices().get(0).address()).isEqualTo(Map.of("type", "pci", "domain", "0x0000", "bus", "0x00", "slot", "0x09", "function", "0x0"));
        ImportOutput.readsBack(i.fleet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1e3", "1_000", "yes", "no", "on", "0x10", "010", "0o10", "+1", ".5", "1:20", "~", "null", "true", "1.0e+3", "-.inf", "2026-12-07"})
    void attributeValuesSurviveYamlAndJsonRoundTrips(String value) {
        String list = "[{\"0000:3d:00.0\": [{\"3f443a71-7129-44d9-9e91-6d0617823c48\": {\"mdev_type\": \"nvidia-749\", \"start\": \"manual\","
                + " \"attrs\": [{\"opt\": \"" + value + "\"}]}}]}]";
        java.nio.file.Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("rt");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String f = Fixtures.write(dir, "list.json", list);
        Fleet fleet = MdevctlImporter.importFiles(HOST, Fixtures.file("mdevctl/types.json"), List.of(f)).fleet();
        for (var fmt : List.of("yaml", "json")) {
            String text = io.devplace.cli.Output.document(fleet, fmt);
            Fleet back = FleetReader.parse("back." + fmt, text.getBytes(StandardCharsets.UTF_8)).value();
            assertThat(back.hosts().get(0).parent("0000:3d:00.0").mdevs().get(0).attr("opt")).as(fmt + ":\n" + text).isEqualTo(value);
        }
    }
}
