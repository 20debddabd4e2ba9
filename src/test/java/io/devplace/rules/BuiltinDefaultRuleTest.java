package io.devplace.rules;

import io.devplace.model.Descriptor;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.devplace.rules.Fixtures.map;
import static io.devplace.rules.Fixtures.mdev;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/reference/rulepack.md, Compatibility descriptors built-in default descriptor, and Parents no pack governs. */
class BuiltinDefaultRuleTest {
    static final RuleBook BOOK = RuleBook.bundledOnly();
    static final Map<String, SupportedType> ACME_TYPES = Map.of(
            "acme-1", new SupportedType(4L, "Acme small", "vfio-ccw", null),
            "acme-2", new SupportedType(2L, "Acme large", null, null));

    static GovernedParent acme(String host, Map<String, String> parentAttrs, Mdev... mdevs) {
        ParentDevice p = Fixtures.observedParent("0.0.26ab", "acme", parentAttrs, ACME_TYPES, mdevs);
        Host h = Fixtures.host(host, map(), p);
        GovernedParent gp = BOOK.govern(h, p);
        assertThat(gp.pack()).as("no bundled pack governs driver acme").isNull();
        return gp;
    }

    static final Mdev SRC = mdev("u1", "acme-1", "mode", "fast", "aggregator", "3", "mode", "slow");

    @Test
    void sourceWithAVersion() {
        SourceDescriptor d = acme("a", map("software_version", "2.3.1"), SRC).source(SRC, null, "vm-1 device 0");
        assertThat(d.rule()).isEqualTo(GovernedParent.BUILTIN_RULE);
        assertThat(d.self()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "device_api", "vfio-ccw", "mdev_type", "acme-1", "software_version", "2.3.1"));
        assertThat(d.entries()).singleElement().satisfies(e -> {
            assertThat(e.index()).isZero();
            assertThat(e.fields()).containsOnlyKeys("device_api", "mdev_type", "software_version");
            assertThat(e.fields().get("device_api").text()).isEqualTo("vfio-ccw");
            assertThat(e.fields().get("mdev_type").text()).isEqualTo("acme-1");
            assertThat(e.fields().get("software_version").text()).isEqualTo("^2.3");
            // the source's attrs, copied in order, duplicates included
            assertThat(e.attrs()).containsExactly(Map.of("mode", "fast"), Map.of("aggregator", "3"), Map.of("mode", "slow"));
        });
    }

    @ParameterizedTest(name = "source {0}, target {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            2.3.1 | 2.3.1 | true
            2.3.1 | 2.3.0 | true
            2.3.1 | 2.3   | true
            2.3.1 | 2.9.7 | true
            2.3.1 | 2.2.9 | false
            2.3.1 | 3.0   | false
            2.3.1 | 1.9   | false
            2.3.1 | null  | false
            2.3.1 | beta  | false
            2.3   | 2.3   | true
            null  | 9.9   | true
            null  | null  | true
            2     | 7.1   | true
            """)
    void caretMajorMinorOnlyWhenTheSourceHasAVersion(String sourceVersion, String targetVersion, boolean compatible) {
        SourceDescriptor src = acme("a", sourceVersion == null ? map() : map("software_version", sourceVersion), SRC)
                .source(SRC, null, "vm-1 device 0");
        GovernedParent target = acme("b", targetVersion == null ? map() : map("software_version", targetVersion));
        Match m = BOOK.matcher().match(src, target.offer("acme-1"));
        assertThat(m.compatible()).isEqualTo(compatible);
        if (compatible) {
            Recipe r = m.recipe(target.parent().id(), "acme-1");
            assertThat(r.rule()).isEqualTo("builtin-default#0");
            assertThat(r.attrs()).containsExactly(Map.of("mode", "fast"), Map.of("aggregator", "3"), Map.of("mode", "slow"));
        } else {
            assertThat(m.failures()).singleElement().extracting(EntryFailure::field).isEqualTo("software_version");
        }
    }

    @Test
    void noSoftwareVersionConstraintWithoutASourceVersion() {
        SourceDescriptor d = acme("a", map(), SRC).source(SRC, null, "x");
        assertThat(d.self()).doesNotContainKey("software_version");
        assertThat(d.entries().get(0).fields()).containsOnlyKeys("device_api", "mdev_type");
    }

    @Test
    void sameDeviceApiAndTypeRequired() {
        SourceDescriptor src = acme("a", map(), SRC).source(SRC, null, "x");
        GovernedParent target = acme("b", map());
        assertThat(BOOK.matcher().match(src, target.offer("acme-2")).failures())
                .singleElement().extracting(EntryFailure::field).isEqualTo("device_api"); // acme-2 has vfio-pci by default
        TargetOffer sameApiOtherType = new TargetOffer(Map.of("device_api", "vfio-ccw", "mdev_type", "acme-9"), null, 1, 1, java.util.Set.of());
        assertThat(BOOK.matcher().match(src, sameApiOtherType).failures())
                .singleElement().extracting(EntryFailure::field).isEqualTo("mdev_type");
    }

    @Test
    void observedTypeWithoutDeviceApiIsVfioPci() {
        GovernedParent gp = acme("a", map());
        assertThat(gp.offer("acme-2").self()).containsEntry("device_api", "vfio-pci").containsEntry("mdev_type", "acme-2");
        assertThat(gp.creatableTypes()).containsExactlyInAnyOrder("acme-1", "acme-2");
        assertThat(gp.knowsType("acme-1")).isTrue();
        assertThat(gp.knowsType("nvidia-713")).isFalse();
        assertThat(gp.aggregationAttrs()).isEmpty();
    }

    @Test
    void aPackWithoutAMigrationTemplateUsesTheBuiltinDefaultWithThePacksTypes() {
        // the bundled mtty pack declares types and capacity but no migration template
        ParentDevice p = Fixtures.parent("mtty", "mtty", "mtty", map("software_version", "1.0"));
        Mdev m = mdev("m1", "mtty-2");
        GovernedParent gp = BOOK.govern(Fixtures.host("h", map(), p), p);
        assertThat(gp.pack().name()).isEqualTo("mtty");
        SourceDescriptor d = gp.source(m, null, "x");
        assertThat(d.rule()).isEqualTo(GovernedParent.BUILTIN_RULE);
        assertThat(d.self()).containsEntry("device_api", "vfio-pci").containsEntry("mdev_type", "mtty-2").containsEntry("software_version", "1.0");
        assertThat(BOOK.matcher().match(d, gp.offer("mtty-2")).compatible()).isTrue();
        assertThat(BOOK.matcher().match(d, gp.offer("mtty-1")).compatible()).isFalse();
    }

    @Test
    void anExplicitDescriptorOnTheDeviceWins() {
        Descriptor explicit = new Descriptor(map("device_api", "vfio-ccw", "mdev_type", "${type.id}", "tier", "gold"),
                List.of(Map.of("mdev_type", "acme-*", "tier", "gold")));
        SourceDescriptor d = acme("a", map("software_version", "2.3"), SRC).source(SRC, explicit, "vm-9 device 0");
        assertThat(d.rule()).isEqualTo("device:vm-9 device 0");
        assertThat(d.self()).containsEntry("tier", "gold").containsEntry("mdev_type", "acme-1");
        GovernedParent target = acme("b", map());
        // the target's self (built-in default) has no "tier": a field the target lacks does not match
        Match m = BOOK.matcher().match(d, target.offer("acme-1"));
        assertThat(m.compatible()).isFalse();
        assertThat(m.failures()).singleElement().extracting(EntryFailure::field).isEqualTo("tier");
    }
}
