package io.devplace.rules;

import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.devplace.rules.Fixtures.map;
import static io.devplace.rules.Fixtures.mdev;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed's aggregation example (docs/reference/rulepack.md, Compatibility descriptors) with the bundled intel-gvtg pack. */
class GvtgAggregationTest {
    static final List<String> TYPES = List.of("i915-GVTg_V5_1", "i915-GVTg_V5_2", "i915-GVTg_V5_4", "i915-GVTg_V5_8");
    static final RuleBook BOOK = TestPacks.withAggregatingGvtg();

    static GovernedParent gpu(String host, String gvtVersion, Mdev... mdevs) {
        ParentDevice p = Fixtures.parent("0000:00:02.0", "i915", "Intel UHD 630", map("gvt_version", gvtVersion), mdevs);
        Host h = Fixtures.host(host, map(), p);
        GovernedParent gp = BOOK.govern(h, p);
        assertThat(gp.pack()).isNotNull();
        assertThat(gp.pack().name()).isEqualTo("intel-gvtg");
        return gp;
    }

    static SourceDescriptor source(Mdev m) {
        return gpu("src", "5.4", m).source(m, null, "vm-1 device 0");
    }

    /** Every GVT type on a fresh target GPU: the compatible ones with their recipe attrs, in type order. */
    static Map<String, List<Map<String, String>>> landings(SourceDescriptor src, String targetVersion) {
        GovernedParent target = gpu("dst", targetVersion);
        Map<String, List<Map<String, String>>> out = new java.util.LinkedHashMap<>();
        for (String t : target.creatableTypes()) {
            Match m = BOOK.matcher().match(src, target.offer(t));
            if (m.compatible()) {
                Recipe r = m.recipe(target.parent().id(), t);
                assertThat(r.rule()).isEqualTo("intel-gvtg#0");
                assertThat(r.type()).isEqualTo(t);
                out.put(t, r.attrs());
            } else {
                assertThat(m.failures()).isNotEmpty();
            }
        }
        return out;
    }

    @Test
    void packOffersAllFourTypes() {
        assertThat(gpu("dst", "5.4").creatableTypes()).containsExactlyInAnyOrderElementsOf(TYPES);
    }

    @Test
    void sourceV54WithoutAggregatorHasOneUnitsTwoAndTwoEntries() {
        SourceDescriptor d = source(mdev("u1", "i915-GVTg_V5_4"));
        assertThat(d.self()).containsEntry("aggregator", "1").containsEntry("units", "2")
                .containsEntry("mdev_type", "i915-GVTg_V5_4").containsEntry("software_version", "5.4");
        // n = 1 and n = 2 give 1/4 and 1/2: those bindings are skipped
        assertThat(d.entries()).extracting(e -> e.fields().get("mdev_type").text())
                .containsExactly("i915-GVTg_V5_4", "i915-GVTg_V5_8");
    }

    static Stream<Arguments> v54Sources() {
        return Stream.of(
                Arguments.of(mdev("u1", "i915-GVTg_V5_4")),                                  // aggregator absent => 1
                Arguments.of(mdev("u2", "i915-GVTg_V5_4", "aggregator", "1")),
                Arguments.of(mdev("u3", "i915-GVTg_V5_8", "aggregator", "2")),               // the same 2 eighths
                Arguments.of(mdev("u4", "i915-GVTg_V5_8", "aggregator", "1", "aggregator", "2"))); // last write wins
    }

    @ParameterizedTest
    @MethodSource("v54Sources")
    void aQuarterGpuLandsAsV54Agg1OrV58Agg2AndNeverAsV52OrV51(Mdev m) {
        Map<String, List<Map<String, String>>> got = landings(source(m), "5.4");
        assertThat(got).containsOnlyKeys("i915-GVTg_V5_4", "i915-GVTg_V5_8");
        assertThat(got.get("i915-GVTg_V5_4")).containsExactly(Map.of("aggregator", "1"));
        assertThat(got.get("i915-GVTg_V5_8")).containsExactly(Map.of("aggregator", "2"));
    }

    @Test
    void whyV52IsRefusedIsExplained() {
        GovernedParent target = gpu("dst", "5.4");
        Match m = BOOK.matcher().match(source(mdev("u1", "i915-GVTg_V5_4")), target.offer("i915-GVTg_V5_2"));
        assertThat(m.compatible()).isFalse();
        assertThat(m.failures()).extracting(EntryFailure::field).containsExactly("mdev_type");
    }

    @Test
    void aHalfGpuLandsOnEveryTypeWithTheRightAggregator() {
        // V5_2 with aggregator 1 = 4 eighths: V5_1 would need aggregator 1/2 (skipped), V5_2 x1, V5_4 x2, V5_8 x4
        Map<String, List<Map<String, String>>> got = landings(source(mdev("h", "i915-GVTg_V5_2")), "5.4");
        assertThat(got).containsOnlyKeys("i915-GVTg_V5_2", "i915-GVTg_V5_4", "i915-GVTg_V5_8");
        assertThat(got.get("i915-GVTg_V5_2")).containsExactly(Map.of("aggregator", "1"));
        assertThat(got.get("i915-GVTg_V5_4")).containsExactly(Map.of("aggregator", "2"));
        assertThat(got.get("i915-GVTg_V5_8")).containsExactly(Map.of("aggregator", "4"));
    }

    @Test
    void aWholeGpuLandsOnV51OnlyWithAggregatorOne() {
        // V5_4 x4 = 8 eighths: V5_1 x1 (V5_1 declares no aggregation, but 1 is allowed), V5_2 x2, V5_4 x4, V5_8 x8
        Map<String, List<Map<String, String>>> got = landings(source(mdev("w", "i915-GVTg_V5_4", "aggregator", "4")), "5.4");
        assertThat(got).containsOnlyKeys(TYPES);
        assertThat(got.get("i915-GVTg_V5_1")).containsExactly(Map.of("aggregator", "1"));
        assertThat(got.get("i915-GVTg_V5_2")).containsExactly(Map.of("aggregator", "2"));
        assertThat(got.get("i915-GVTg_V5_4")).containsExactly(Map.of("aggregator", "4"));
        assertThat(got.get("i915-GVTg_V5_8")).containsExactly(Map.of("aggregator", "8"));
    }

    @Test
    void aggregationOutsideTheTargetTypesRangeIsRejected() {
        // 16 eighths (an over-aggregated V5_2 x4): V5_2 would need 4 > max 2, V5_4 8 > max 4, V5_8 16 > max 8,
        // and V5_1 (no aggregation declared) would need aggregator=2, but there it must be 1
        SourceDescriptor src = source(mdev("big", "i915-GVTg_V5_2", "aggregator", "4"));
        assertThat(src.self()).containsEntry("units", "16");
        GovernedParent target = gpu("dst", "5.4");
        for (String t : TYPES) {
            Match m = BOOK.matcher().match(src, target.offer(t));
            assertThat(m.compatible()).as(t).isFalse();
            assertThat(m.failures()).as(t).singleElement().satisfies(f -> {
                assertThat(f.field()).isEqualTo("attrs.aggregator");
                assertThat(f.entry()).isZero();
            });
        }
        assertThat(BOOK.matcher().match(src, target.offer("i915-GVTg_V5_8")).failures().get(0).detail())
                .contains("16").contains("[1, 8]");
        assertThat(BOOK.matcher().match(src, target.offer("i915-GVTg_V5_1")).failures().get(0).detail())
                .contains("2").contains("[1, 1]");
    }

    @Test
    void softwareVersionIsCaretOfTheSourcesVersion() {
        SourceDescriptor src = source(mdev("u1", "i915-GVTg_V5_4"));
        assertThat(landings(src, "5.9")).containsOnlyKeys("i915-GVTg_V5_4", "i915-GVTg_V5_8");
        assertThat(landings(src, "5.3")).isEmpty();
        assertThat(landings(src, "6.0")).isEmpty();
        GovernedParent old = gpu("dst", "5.3");
        assertThat(BOOK.matcher().match(src, old.offer("i915-GVTg_V5_4")).failures())
                .extracting(EntryFailure::field).containsExactly("software_version");
    }

    @Test
    void targetOffersCarryTheTypesAggregationRange() {
        GovernedParent target = gpu("dst", "5.4");
        TargetOffer v58 = target.offer("i915-GVTg_V5_8");
        assertThat(v58.aggregationAttr()).isEqualTo("aggregator");
        assertThat(v58.aggregationMin()).isEqualTo(1);
        assertThat(v58.aggregationMax()).isEqualTo(8);
        assertThat(v58.self()).containsEntry("aggregator", "1").containsEntry("units", "1");
        TargetOffer v51 = target.offer("i915-GVTg_V5_1");
        assertThat(v51.aggregationAttr()).isNull();
        assertThat(v51.aggregationMax()).isEqualTo(1);
        assertThat(v51.packAggregationAttrs()).containsExactly("aggregator");
    }

    @Test
    void aggregationValueOfExistingInstances() {
        GovernedParent gp = gpu("src", "5.4");
        assertThat(gp.aggregationOf("i915-GVTg_V5_4", Fixtures.attrs())).isEqualTo(1);
        assertThat(gp.aggregationOf("i915-GVTg_V5_4", Fixtures.attrs("aggregator", "3"))).isEqualTo(3);
        assertThat(gp.aggregationOf("i915-GVTg_V5_4", Fixtures.attrs("aggregator", "3", "aggregator", "2"))).isEqualTo(2);
        assertThat(gp.aggregationOf("i915-GVTg_V5_1", Fixtures.attrs("aggregator", "3"))).isEqualTo(1);
    }
}
