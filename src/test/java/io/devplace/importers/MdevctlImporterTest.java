package io.devplace.importers;

import io.devplace.model.Host;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MdevctlImporterTest {
    private static final HostFacts GPU_HOST = new HostFacts("gpu-host-1", 64, 524288);

    @TempDir
    Path tmp;

    private static Imported gpuHost(String... lists) {
        return MdevctlImporter.importFiles(GPU_HOST, Fixtures.file("mdevctl/types.json"),
                Arrays.stream(lists).map(l -> Fixtures.file("mdevctl/" + l)).toList());
    }

    @Test
    void typesAndActiveListBecomeOneHostWithParentsTypesAndMdevs() {
        Imported imported = gpuHost("list.json");

        assertThat(imported.warnings()).isEmpty();
        assertThat(imported.fleet().vms()).isEmpty();
        Host h = imported.fleet().hosts().get(0);
        assertThat(imported.fleet().hosts()).hasSize(1);
        assertThat(h.name()).isEqualTo("gpu-host-1");
        assertThat(h.cpus()).isEqualTo(64);
        assertThat(h.memoryMiB()).isEqualTo(524288);
        assertThat(h.devices()).extracting(ParentDevice::id).containsExactly("0000:3d:00.0", "0000:3e:00.0", "mtty");
        assertThat(h.devices()).extracting(ParentDevice::driver).containsExactly("nvidia", "nvidia", "mtty");
        assertThat(h.devices()).extracting(ParentDevice::model).containsOnlyNulls();

        ParentDevice gpu = h.parent("0000:3d:00.0");
        assertThat(gpu.supportedTypes()).containsOnlyKeys("nvidia-746", "nvidia-747", "nvidia-749", "nvidia-750", "nvidia-751");
        SupportedType q4 = gpu.supportedTypes().get("nvidia-749");
        assertThat(q4.availableInstances()).isEqualTo(2);
        assertThat(q4.name()).isEqualTo("NVIDIA A16-4Q");
        assertThat(q4.deviceApi()).isEqualTo("vfio-pci");
        assertThat(q4.description()).isEqualTo("num_heads=4, frl_config=60, framebuffer=4096M, max_resolution=7680x4320, max_instance=4");
        assertThat(gpu.supportedTypes().get("nvidia-746").availableInstances()).isZero();
        assertThat(gpu.mdevs()).extracting(Mdev::uuid)
                .containsExactly("d5562ef4-94fd-41cb-b0dc-1b0f150d2b41", "3f443a71-7129-44d9-9e91-6d0617823c48");
        assertThat(gpu.mdevs()).extracting(Mdev::type).containsOnly("nvidia-749");
        assertThat(gpu.mdevs()).allSatisfy(m -> assertThat(m.attrs()).isEmpty());

        assertThat(h.parent("0000:3e:00.0").mdevs()).extracting(Mdev::type).containsExactly("nvidia-746");
        ParentDevice mtty = h.parent("mtty");
        assertThat(mtty.mdevs()).isEmpty();
        assertThat(mtty.supportedTypes().get("mtty-2")).isEqualTo(new SupportedType(12L, "Dual port serial", "vfio-pci", null));
    }

    @Test
    void withoutAListTheParentsHaveNoMdevs() {
        Host h = gpuHost().fleet().hosts().get(0);
        assertThat(h.devices()).hasSize(3).allSatisfy(p -> assertThat(p.mdevs()).isEmpty());
    }

    @Test
    void activeAndDefinedListsCombine() {
        assertThat(gpuHost("list.json", "list-defined.json").fleet()).isEqualTo(gpuHost("list.json").fleet());
    }

    @Test
    void ccwAndApParentsKeepAttrsInOrder() {
        Imported imported = MdevctlImporter.importFiles(HostFacts.named("z-host-1"), Fixtures.file("mdevctl/types-s390.json"),
                List.of(Fixtures.file("mdevctl/list-s390.json")));
        Host h = imported.fleet().hosts().get(0);

        assertThat(h.cpus()).isZero();
        assertThat(h.devices()).extracting(ParentDevice::id).containsExactly("0.0.26ab", "0.0.26ac", "matrix");
        assertThat(h.devices()).extracting(ParentDevice::driver).containsExactly("vfio_ccw", "vfio_ccw", "vfio_ap");
        assertThat(h.parent("0.0.26ab").mdevs()).extracting(Mdev::type).containsExactly("vfio_ccw-io");
        Mdev ap = h.parent("matrix").mdevs().get(0);
        assertThat(ap.uuid()).isEqualTo("63adb2d3-5462-443a-9710-43f8b0e0433b");
        assertThat(ap.attrs()).containsExactly(Map.of("assign_adapter", "5"), Map.of("assign_adapter", "6"),
                Map.of("assign_domain", "0x00ab"), Map.of("assign_control_domain", "0x00ab"));
        assertThat(h.parent("matrix").supportedTypes().get("vfio_ap-passthrough").availableInstances()).isEqualTo(65535);
    }

    @Test
    void oneUuidDefinedUnderTwoParentsIsRefusedWithAHint() {
        String list = Fixtures.file("mdevctl/list-defined-two-parents.json");
        assertThatThrownBy(() -> MdevctlImporter.importFiles(GPU_HOST, Fixtures.file("mdevctl/types.json"), List.of(list)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(list)
                .hasMessageContaining("mdev 3f443a71-7129-44d9-9e91-6d0617823c48 is defined under parents 0000:3d:00.0, 0000:3e:00.0")
                .hasMessageContaining("add the active list (`mdevctl list --dumpjson`, without --defined)");
    }

    /** mdevctl's own state: defined under two parents, active under one; the active list settles which is live. */
    @Test
    void theActiveListSaysWhichParentIsLive() {
        Imported i = MdevctlImporter.importFiles(GPU_HOST, Fixtures.file("mdevctl/types.json"),
                List.of(Fixtures.file("mdevctl/list-defined-two-parents.json"), Fixtures.file("mdevctl/real/list-active.json")));
        var h = i.fleet().hosts().get(0);
        assertThat(h.parent("0000:3d:00.0").mdevs()).extracting(io.devplace.model.Mdev::uuid).containsExactly("3f443a71-7129-44d9-9e91-6d0617823c48");
        assertThat(h.parent("0000:3d:00.0").mdevs().get(0).start()).isEqualTo("manual");
        assertThat(h.parent("0000:3e:00.0") == null || h.parent("0000:3e:00.0").mdevs().isEmpty()).isTrue();
        assertThat(i.warnings()).anyMatch(w -> w.contains("the active list has it on 0000:3d:00.0") && w.contains("0000:3e:00.0 left out"));
    }

    @Test
    void malformedJsonNamesFileAndLine() {
        String f = Fixtures.write(tmp, "types.json", "[\n  {\n    \"0000:3d:00.0\": [\n      {\"nvidia-749\": {\"available_instances\": 2,}}\n");
        assertThatThrownBy(() -> MdevctlImporter.importFiles(GPU_HOST, f, List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f)
                .hasMessageContaining("(line 4")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void aMappingAtTheTopIsNotMdevctlOutput() {
        String f = Fixtures.write(tmp, "types.json", "{\"0000:3d:00.0\": []}");
        assertThatThrownBy(() -> MdevctlImporter.importFiles(GPU_HOST, f, List.of()))
                .hasMessageContaining(f).hasMessageContaining("expected a JSON list as `mdevctl types --dumpjson` prints");
    }

    @Test
    void everyBrokenTypeIsReportedWithItsPathAndLine() {
        String f = Fixtures.write(tmp, "types.json", """
                [
                  {
                    "0000:3d:00.0": [
                      {"nvidia-746": {"device_api": "vfio-pci"}},
                      {"nvidia-747": {"available_instances": -1, "device_api": "vfio-pci"}},
                      {"nvidia-749": {"available_instances": "2", "device_api": "vfio-pci"}},
                      {"nvidia-750": {"available_instances": 1}},
                      {"nvidia-751": {"available_instances": 1, "device_api": "vfio-pci", "name": 7}},
                      "nvidia-752"
                    ]
                  }
                ]
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MdevctlImporter.importFiles(GPU_HOST, f, List.of()));
        assertThat(e.problems()).hasSize(6);
        assertThat(e.getMessage())
                .contains(f + ": [0]['0000:3d:00.0'][0]['nvidia-746'] (line 4, column 22): type nvidia-746 has no available_instances")
                .contains("[0]['0000:3d:00.0'][1]['nvidia-747'].available_instances (line 5")
                .contains("expected available_instances to be a count >= 0 but got the number -1")
                .contains("but got the string \"2\"")
                .contains("'nvidia-750' has no device_api")
                .contains("expected name to be a string but got the number 7")
                .contains("[0]['0000:3d:00.0'][5] (line 9").contains("expected a one-key mapping");
    }

    @Test
    void everyBrokenListEntryIsReported() {
        String f = Fixtures.write(tmp, "list.json", """
                [{"0000:3d:00.0": [
                  {"not-a-uuid": {"mdev_type": "nvidia-749", "start": "auto"}},
                  {"d5562ef4-94fd-41cb-b0dc-1b0f150d2b41": {"start": "auto"}},
                  {"3f443a71-7129-44d9-9e91-6d0617823c48": {"mdev_type": "nvidia-749", "start": "sometimes"}},
                  {"56e62c23-97ac-4027-ab5d-e8c168449741": {"mdev_type": "nvidia-749", "start": "auto", "attrs": {"a": "1"}}},
                  {"63adb2d3-5462-443a-9710-43f8b0e0433b": {"mdev_type": "nvidia-749", "start": "auto", "attrs": [{"a": 1}, {"b": "2", "c": "3"}]}}
                ]}]
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MdevctlImporter.importFiles(GPU_HOST, Fixtures.file("mdevctl/types.json"), List.of(f)));
        assertThat(e.problems()).hasSize(6).allSatisfy(p -> assertThat(p.file()).isEqualTo(f));
        assertThat(e.getMessage())
                .contains("expected an mdev UUID as the key but got 'not-a-uuid'")
                .contains("'d5562ef4-94fd-41cb-b0dc-1b0f150d2b41' has no mdev_type")
                .contains("expected start to be auto or manual but got 'sometimes'")
                .contains("expected attrs to be a list of one-key mappings")
                .contains(".attrs[0] (line 6").contains("but got the value the number 1")
                .contains(".attrs[1] (line 6").contains("but got a mapping");
    }

    @Test
    void typesOutputGivenAsTheListGetsAHint() {
        String types = Fixtures.file("mdevctl/types.json");
        assertThatThrownBy(() -> MdevctlImporter.importFiles(GPU_HOST, types, List.of(types)))
                .hasMessageContaining("expected an mdev UUID as the key but got 'nvidia-746' (this looks like `mdevctl types --dumpjson` output");
    }

    @Test
    void aTypeIdWithoutDriverPrefixLeavesTheDriverUnknowable() {
        String f = Fixtures.write(tmp, "types.json", """
                [{"0000:00:02.0": [{"mdev_type1": {"available_instances": 5, "device_api": "vfio-pci", "name": "name1"}}]}]""");
        assertThatThrownBy(() -> MdevctlImporter.importFiles(GPU_HOST, f, List.of()))
                .hasMessageContaining(f + ": [0]['0000:00:02.0']")
                .hasMessageContaining("cannot tell the driver of parent 0000:00:02.0: type id 'mdev_type1' has no driver prefix");
    }

    @Test
    void typesOfTwoDriversOnOneParentAreRefused() {
        String f = Fixtures.write(tmp, "types.json", """
                [{"0000:00:02.0": [{"i915-GVTg_V5_4": {"available_instances": 1, "device_api": "vfio-pci"}},
                                   {"nvidia-749": {"available_instances": 1, "device_api": "vfio-pci"}}]}]""");
        assertThatThrownBy(() -> MdevctlImporter.importFiles(GPU_HOST, f, List.of()))
                .hasMessageContaining("its type ids name different drivers [i915, nvidia]");
    }

    @Test
    void aListThatContradictsTheTypesIsAConflictNamingBothFiles() {
        String types = Fixtures.file("mdevctl/types.json");
        String list = Fixtures.write(tmp, "list.json", """
                [{"0000:3d:00.0": [{"d5562ef4-94fd-41cb-b0dc-1b0f150d2b41": {"mdev_type": "i915-GVTg_V5_4", "start": "auto", "attrs": []}}]}]""");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MdevctlImporter.importFiles(GPU_HOST, types, List.of(list)));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(list);
            assertThat(p.message()).isEqualTo("conflicting driver of parent 0000:3d:00.0 on host gpu-host-1: 'i915' here but 'nvidia' in " + types);
        });
    }

    @Test
    void anMdevOfATypeItsParentDoesNotListIsAWarning() {
        String list = Fixtures.write(tmp, "list.json", """
                [{"mtty": [{"d5562ef4-94fd-41cb-b0dc-1b0f150d2b41": {"mdev_type": "mtty-3", "start": "manual", "attrs": []}}],
                  "0000:00:02.0": [{"3f443a71-7129-44d9-9e91-6d0617823c48": {"mdev_type": "i915-GVTg_V5_4", "start": "manual", "attrs": []}}]}]""");
        Imported imported = MdevctlImporter.importFiles(GPU_HOST, Fixtures.file("mdevctl/types.json"), List.of(list));
        assertThat(imported.warnings()).containsExactly(
                "mdev d5562ef4-94fd-41cb-b0dc-1b0f150d2b41 on parent mtty has type mtty-3, which the parent does not list in " + Fixtures.file("mdevctl/types.json"),
                "parent 0000:00:02.0 has mdevs but is not in " + Fixtures.file("mdevctl/types.json") + ": its supported types are unknown");
        assertThat(imported.fleet().hosts().get(0).parent("0000:00:02.0").driver()).isEqualTo("i915");
    }

    @Test
    void emptyOutputIsAHostWithoutDevicesAndEmptyParentsAreLeftOut() {
        String empty = Fixtures.write(tmp, "empty.json", "[]\n");
        assertThat(MdevctlImporter.importFiles(GPU_HOST, empty, List.of(empty)).fleet().hosts().get(0).devices()).isEmpty();
        String noTypes = Fixtures.write(tmp, "types.json", "[{\"0000:3d:00.0\": []}]");
        Imported imported = MdevctlImporter.importFiles(GPU_HOST, noTypes, List.of());
        assertThat(imported.fleet().hosts().get(0).devices()).isEmpty();
        assertThat(imported.warnings()).containsExactly(noTypes + ": parent 0000:3d:00.0 lists no types and has no mdevs: left out");
    }

    @Test
    void aMissingFileIsInvalidInput() {
        String f = tmp.resolve("nope.json").toString();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MdevctlImporter.importFiles(GPU_HOST, f, List.of()));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(f);
            assertThat(p.message()).isEqualTo("file not found");
        });
    }
}
