package io.devplace.planning;

import io.devplace.model.InvalidInputException;
import io.devplace.model.Plan;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.devplace.planning.Fixtures.A16;
import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code identifyTypesBy: name} (the NVIDIA packs): a host whose driver numbers the A16-4Q type 695 — as another
 * release or the VF framework does — lists it in supportedTypes by name, and devplace reads and creates it as 695.
 */
class TypesByNameTest {
    static String a16(String id, String supported, String mdevs) {
        return "{id: \"" + id + "\", driver: nvidia, model: \"NVIDIA A16\", supportedTypes: {" + supported + "}, mdevs: [" + mdevs + "]}";
    }

    static final String IDS_695 = "nvidia-695: {name: \"NVIDIA A16-4Q\", availableInstances: 4}, nvidia-696: {name: \"NVIDIA A16-8Q\", availableInstances: 2}";

    static String fleet(String dstSupported) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 32, memoryMiB: 131072, attributes: %1$s, devices: [%2$s]}
                  - {name: dst, cpus: 32, memoryMiB: 131072, attributes: %1$s, devices: [%3$s]}
                vms:
                  - {name: vm, host: src, cpus: 4, memoryMiB: 8192, devices: [{mdev: "%4$s"}]}
                """.formatted(A16, a16("0000:41:00.0", IDS_695, "{uuid: \"" + uuid(1) + "\", type: nvidia-695}"),
                a16("0000:41:00.0", dstSupported, ""), uuid(1));
    }

    @Test
    void aTypeIsFoundByTheNameItsHostReports() {
        FleetView view = Fixtures.view(fleet(IDS_695));
        assertThat(view.parent("src", "0000:41:00.0").governed().type("nvidia-695").name()).isEqualTo("NVIDIA A16-4Q");
        assertThat(view.parent("src", "0000:41:00.0").governed().knowsType("nvidia-749")).as("the pack's own id is not this host's").isFalse();
        Plan p = Fixtures.plan(view, "src");
        Plan.Target t = Fixtures.move(p, "vm").devices().get(0).target();
        assertThat(t.type()).isEqualTo("nvidia-695");
        assertThat(t.action()).isEqualTo("create");
    }

    @Test
    void aHostThatDoesNotListTheNameCannotCreateIt() {
        // dst lists only the 8Q: no 4Q target there, whatever id the pack gives it
        Plan p = Fixtures.plan(Fixtures.view(fleet("nvidia-696: {name: \"NVIDIA A16-8Q\", availableInstances: 2}")), "src");
        assertThat(p.moves()).isEmpty();
        assertThat(p.unplaced().get(0).reasons().get(0).code()).isEqualTo("NO_COMPATIBLE_DEVICE");
    }

    @Test
    void withoutSupportedTypesThePacksIdsApply() {
        FleetView view = Fixtures.view(fleet(""));
        assertThat(view.parent("dst", "0000:41:00.0").governed().knowsType("nvidia-749")).isTrue();
    }

    @Test
    void byNameNeedsDistinctNames() {
        String pack = """
                apiVersion: devplace/v1
                kind: RulePack
                name: twins
                match: {driver: twins}
                identifyTypesBy: name
                types:
                  twins-1: {name: "Twin", deviceApi: vfio-pci}
                  twins-2: {name: "Twin", deviceApi: vfio-pci}
                  twins-3: {deviceApi: vfio-pci}
                """;
        assertThatThrownBy(() -> RuleBook.parse("twins.yaml", pack.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("types['twins-2'].name").hasMessageContaining("given to two types")
                .hasMessageContaining("types['twins-3'].name");
    }
}
