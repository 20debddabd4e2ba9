package io.devplace.rules;

import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.devplace.rules.Fixtures.map;
import static io.devplace.rules.Fixtures.mdev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled nvidia-a16-same-size pack: exact vGPU manager release, same board, host requirements. */
class NvidiaA16Test {
    static final RuleBook BOOK = RuleBook.bundledOnly();
    static final Mdev SRC = mdev("3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11", "nvidia-713", "aggregator", "1");

    static GovernedParent a16(String host, Map<String, String> hostAttrs, Mdev... mdevs) {
        ParentDevice p = Fixtures.parent("0000:3b:00.0", "nvidia", "NVIDIA A16", map("ecc", "on"), mdevs);
        Host h = Fixtures.host(host, hostAttrs, p);
        GovernedParent gp = BOOK.govern(h, p);
        assertThat(gp.pack().name()).isEqualTo("nvidia-a16-same-size");
        return gp;
    }

    static Map<String, String> attrs(String vgpuManager) {
        return map("vgpu_manager", vgpuManager, "libvirt", "10.0.0", "qemu", "8.2.2");
    }

    static SourceDescriptor source() {
        return a16("host-a", attrs("17.4"), SRC).source(SRC, null, "vm-17 device 0");
    }

    @Test
    void sourceSelf() {
        assertThat(source().self()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "device_api", "vfio-pci", "mdev_type", "nvidia-713", "software_version", "17.4", "board", "NVIDIA A16"));
        assertThat(source().entries()).singleElement().satisfies(e ->
                assertThat(e.fields().get("software_version").text()).isEqualTo("=17.4"));
    }

    @ParameterizedTest(name = "target vgpu_manager {0}: compatible {1}")
    @CsvSource({"17.4, true", "17.4.0, true", "17.4.1, false", "17.3, false", "17.5, false", "18.0, false", "17, false", "17.4-rc1, false"})
    void vgpuManagerMustBeTheSameRelease(String targetRelease, boolean compatible) {
        GovernedParent target = a16("host-c", attrs(targetRelease));
        Match m = BOOK.matcher().match(source(), target.offer("nvidia-713"));
        assertThat(m.compatible()).isEqualTo(compatible);
        if (compatible) {
            Recipe r = m.recipe("0000:3b:00.0", "nvidia-713");
            assertThat(r.rule()).isEqualTo("nvidia-a16-same-size#0");
            assertThat(r.attrs()).isEmpty();
        } else {
            assertThat(m.failures()).singleElement().satisfies(f -> {
                assertThat(f.entry()).isZero();
                assertThat(f.field()).isEqualTo("software_version");
                assertThat(f.detail()).contains(targetRelease).contains("=17.4");
            });
        }
    }

    @Test
    void otherTypeOnTheSameBoardFailsOnMdevType() {
        Match m = BOOK.matcher().match(source(), a16("host-c", attrs("17.4")).offer("nvidia-714"));
        assertThat(m.compatible()).isFalse();
        assertThat(m.failures()).singleElement().extracting(EntryFailure::field).isEqualTo("mdev_type");
    }

    @Test
    void otherBoardFailsOnBoard() {
        // a target of the same type id and release on another board (as another pack would describe it)
        TargetOffer otherBoard = new TargetOffer(Map.of("device_api", "vfio-pci", "mdev_type", "nvidia-713",
                "software_version", "17.4", "board", "NVIDIA A2"), null, 1, 1, Set.of());
        Match m = BOOK.matcher().match(source(), otherBoard);
        assertThat(m.compatible()).isFalse();
        assertThat(m.failures()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("board");
            assertThat(f.detail()).contains("NVIDIA A2");
        });
    }

    @Test
    void targetWithoutTheFieldDoesNotMatch() {
        TargetOffer noBoard = new TargetOffer(Map.of("device_api", "vfio-pci", "mdev_type", "nvidia-713",
                "software_version", "17.4"), null, 1, 1, Set.of());
        Match m = BOOK.matcher().match(source(), noBoard);
        assertThat(m.compatible()).isFalse();
        assertThat(m.failures()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("board");
            assertThat(f.detail()).contains("no field 'board'");
        });
    }

    @Test
    void l40sTargetIsNotCompatible() {
        ParentDevice p = Fixtures.parent("0000:af:00.0", "nvidia", "NVIDIA L40S", map());
        GovernedParent l40s = BOOK.govern(Fixtures.host("host-l", attrs("17.4"), p), p);
        assertThat(l40s.pack().name()).isEqualTo("nvidia-l40s-mixed-size");
        for (String t : l40s.creatableTypes()) assertThat(BOOK.matcher().match(source(), l40s.offer(t)).compatible()).isFalse();
    }

    @Test
    void targetHostWithoutAVgpuManagerCannotOfferAndSaysWhy() {
        GovernedParent target = a16("host-x", map("libvirt", "10.0.0", "qemu", "8.2.2"));
        assertThatThrownBy(() -> target.offer("nvidia-713")).isExactlyInstanceOf(TemplateException.class)
                .hasMessageContaining("nvidia-a16-same-size").hasMessageContaining("self.software_version")
                .hasMessageContaining("host.attributes.vgpu_manager");
        // the failure is remembered, and still thrown
        assertThatThrownBy(() -> target.offer("nvidia-713")).isExactlyInstanceOf(TemplateException.class);
    }

    // ------------------------------------------------------------ requires

    @Test
    void requiresHoldOnAModernHost() {
        assertThat(a16("host-a", attrs("17.4")).requiresFailures()).isEmpty();
    }

    @Test
    void libvirt80FailsTheLibvirtRequirementOnly() {
        GovernedParent gp = a16("old-host", map("vgpu_manager", "17.4", "libvirt", "8.0", "qemu", "8.2.2"));
        List<String> failures = gp.requiresFailures();
        assertThat(failures).singleElement().satisfies(s -> assertThat(s)
                .contains("nvidia-a16-same-size").contains("host.attributes.libvirt").contains(">=8.6")
                .contains("old-host").contains("\"8.0\""));
    }

    @ParameterizedTest
    @CsvSource({"8.6, 8.1, 0", "8.6.0, 8.1.0, 0", "8.5.99, 8.1, 1", "8.0, 8.0.9, 2", "10.0.0, 9, 0", "ten, 8.1, 1"})
    void requiresAreVersionConstraints(String libvirt, String qemu, int failures) {
        assertThat(a16("h", map("vgpu_manager", "17.4", "libvirt", libvirt, "qemu", qemu)).requiresFailures()).hasSize(failures);
    }

    @Test
    void missingAttributeFailsTheRequirementSayingNone() {
        GovernedParent gp = a16("bare", map("vgpu_manager", "17.4", "libvirt", "10.0"));
        assertThat(gp.requiresFailures()).singleElement().satisfies(s -> assertThat(s)
                .contains("host.attributes.qemu").contains("none"));
    }

    @Test
    void packWithoutRequiresAndNoPackHaveNoFailures() {
        ParentDevice i915 = Fixtures.parent("0000:00:02.0", "i915", "x", map("gvt_version", "5.4"));
        assertThat(BOOK.govern(Fixtures.host("h", map(), i915), i915).requiresFailures()).isEmpty();
        ParentDevice acme = Fixtures.parent("p0", "acme", "x", map());
        assertThat(BOOK.govern(Fixtures.host("h", map(), acme), acme).requiresFailures()).isEmpty();
    }

    @Test
    void aRequiresKeyThatIsNotAPlainReferenceFailsInsteadOfCrashing() {
        RuleBook book = Fixtures.bookOf("""
                apiVersion: devplace/v1
                kind: RulePack
                name: odd-requires
                match: {driver: odd}
                requires:
                  "host.attributes.n / 3": ">=1"
                  "host.attributes['libvirt-version']": ">=8.6"
                types:
                  odd-1: {deviceApi: vfio-pci}
                """);
        ParentDevice p = Fixtures.parent("p0", "odd", "x", map());
        GovernedParent gp = book.govern(Fixtures.host("h", map("n", "4", "libvirt-version", "9.0"), p), p);
        // 4 / 3 is not a whole number: the requirement cannot hold, which is a failure, not an internal error
        assertThat(gp.requiresFailures()).singleElement().satisfies(s -> assertThat(s).contains("host.attributes.n / 3"));
    }
}
