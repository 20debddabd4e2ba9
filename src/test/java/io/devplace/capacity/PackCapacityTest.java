package io.devplace.capacity;

import io.devplace.rules.Aggregation;
import io.devplace.rules.CapacitySpec;
import io.devplace.rules.RuleBook;
import io.devplace.rules.TypeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.devplace.capacity.Slots.add;
import static io.devplace.capacity.Slots.at;
import static io.devplace.capacity.Slots.placementProblems;
import static io.devplace.capacity.Slots.slotParent;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/reference/rulepack.md (Aggregation, Slots): counters with aggregation, maxInstances, exclusive types, aligned slots. */
class PackCapacityTest {

    static PackCapacity packCapacity(String packName) {
        var lp = io.devplace.rules.TestPacks.withAggregatingGvtg().packs().stream().filter(p -> p.name().equals(packName)).findFirst().orElseThrow();
        return new PackCapacity(lp.pack().capacity(), lp.pack().types());
    }

    // ------------------------------------------------------------ counters and aggregation (intel-gvtg: 8 units)

    static final PackCapacity GVT = packCapacity("intel-gvtg");
    static final String V51 = "i915-GVTg_V5_1", V52 = "i915-GVTg_V5_2", V54 = "i915-GVTg_V5_4", V58 = "i915-GVTg_V5_8";

    static Instance gvt(String type, long aggregation) { return new Instance("u", type, aggregation, null); }

    @Test
    void aggregationScalesConsumption() {
        // V5_4 x2 = 4 units, twice = 8 units: full
        assertThat(GVT.fit(List.of(gvt(V54, 2)), List.of(Instance.added(V54, 2))).fits()).isTrue();
        Fit over = GVT.fit(List.of(gvt(V54, 2), gvt(V54, 2)), List.of(Instance.added(V58, 1)));
        assertThat(over.shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(over.detail()).contains("units 9 of 8");
        assertThat(over.penalty()).isPositive();
        // the same instance without aggregation would fit: aggregation is what fills the GPU
        assertThat(GVT.fit(List.of(gvt(V54, 1), gvt(V54, 1)), List.of(Instance.added(V58, 1))).fits()).isTrue();
        // V5_8 x8 = 8 units alone
        assertThat(GVT.fit(List.of(), List.of(Instance.added(V58, 8))).fits()).isTrue();
        assertThat(GVT.fit(List.of(), List.of(Instance.added(V58, 8), Instance.added(V58, 1))).fits()).isFalse();
    }

    @Test
    void anAggregatedInstanceCountsAsOneInstance() {
        // V5_2: maxInstances 2; two instances with aggregator 1 each = 8 units, ok; aggregation does not multiply the count
        assertThat(GVT.fit(List.of(), List.of(Instance.added(V52, 1), Instance.added(V52, 1))).fits()).isTrue();
        assertThat(GVT.fit(List.of(), List.of(Instance.added(V52, 2))).fits()).isTrue();
    }

    @Test
    void maxInstancesIsEnforcedAcrossPresentAndAdded() {
        // V5_8: maxInstances 8 and 1 unit each: the counter allows 8, and so does maxInstances
        List<Instance> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) eight.add(Instance.added(V58, 1));
        assertThat(GVT.fit(List.of(), eight).fits()).isTrue();
        // a custom pack where counters are generous but maxInstances is 2
        PackCapacity cap = new PackCapacity(new CapacitySpec(Map.of("u", 100L), null, null, null),
                Map.of("t", Slots.counted(Map.of("u", 1L), 2L, null)));
        assertThat(cap.fit(List.of(gvtLike("t")), List.of(Instance.added("t", 1))).fits()).isTrue();
        Fit f = cap.fit(List.of(gvtLike("t"), gvtLike("t")), List.of(Instance.added("t", 1)));
        assertThat(f.shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(f.detail()).contains("at most 2");
        assertThat(cap.fit(List.of(), List.of(Instance.added("t", 1), Instance.added("t", 1), Instance.added("t", 1))).fits()).isFalse();
    }

    static Instance gvtLike(String type) { return new Instance("e", type, 1, null); }

    @Test
    void typeWithoutLimitsFitsAnyNumber() {
        PackCapacity ap = packCapacity("vfio-ap");
        List<Instance> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) many.add(Instance.added("vfio_ap-passthrough", 1));
        assertThat(ap.fit(List.of(), many).fits()).isTrue();
        assertThat(ap.canCreate("vfio_ap-passthrough")).isTrue();
    }

    @Test
    void unknownTypeDoesNotFit() {
        Fit f = GVT.fit(List.of(), List.of(Instance.added("nvidia-713", 1)));
        assertThat(f.fits()).isFalse();
        assertThat(f.shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(GVT.canCreate("nvidia-713")).isFalse();
    }

    @Test
    void canCreate() {
        assertThat(GVT.canCreate(V51)).isTrue();
        PackCapacity cap = new PackCapacity(new CapacitySpec(Map.of("u", 4L), null, null, null), Map.of(
                "zero", Slots.counted(Map.of("u", 1L), 0L, null),
                "huge", Slots.counted(Map.of("u", 5L), null, null),
                "ok", Slots.counted(Map.of("u", 4L), null, null)));
        assertThat(cap.canCreate("zero")).isFalse();
        assertThat(cap.canCreate("huge")).isFalse();
        assertThat(cap.canCreate("ok")).isTrue();
    }

    @Test
    void emptyRequestFits() {
        Fit f = GVT.fit(List.of(gvt(V54, 1)), List.of());
        assertThat(f.fits()).isTrue();
        assertThat(f.placements()).isEmpty();
        assertThat(f.penalty()).isZero();
    }

    @Test
    void counterFitHasNoPlacements() {
        Fit f = GVT.fit(List.of(), List.of(Instance.added(V54, 1), Instance.added(V58, 1)));
        assertThat(f.fits()).isTrue();
        assertThat(f.placements()).containsExactly(null, null);
    }

    @Test
    void penaltyGrowsWithDistanceFromFitting() {
        Fit one = GVT.fit(List.of(gvt(V51, 1)), List.of(Instance.added(V58, 1)));
        Fit four = GVT.fit(List.of(gvt(V51, 1)), List.of(Instance.added(V58, 4)));
        assertThat(one.fits()).isFalse();
        assertThat(four.penalty()).isGreaterThan(one.penalty());
    }

    // ------------------------------------------------------------ exclusive type (nvidia A16 same-size)

    static final PackCapacity A16 = packCapacity("nvidia-a16-same-size");

    @Test
    void exclusiveParentIsLockedToThePresentType() {
        List<Instance> present = List.of(new Instance("free", "nvidia-713", 1, null));
        Fit f = A16.fit(present, List.of(Instance.added("nvidia-714", 1)));
        assertThat(f.shortfall()).isEqualTo(Shortfall.TYPE_LOCKED);
        assertThat(f.detail()).contains("nvidia-713");
        assertThat(A16.fit(present, List.of(Instance.added("nvidia-713", 1), Instance.added("nvidia-713", 1))).fits()).isTrue();
        // maxInstances 4 for the 4Q
        assertThat(A16.fit(present, List.of(Instance.added("nvidia-713", 1), Instance.added("nvidia-713", 1),
                Instance.added("nvidia-713", 1), Instance.added("nvidia-713", 1))).shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
    }

    @Test
    void exclusiveParentTakesOneNewTypeWhenEmpty() {
        assertThat(A16.fit(List.of(), List.of(Instance.added("nvidia-714", 1), Instance.added("nvidia-714", 1))).fits()).isTrue();
        Fit mixed = A16.fit(List.of(), List.of(Instance.added("nvidia-713", 1), Instance.added("nvidia-714", 1)));
        assertThat(mixed.shortfall()).isEqualTo(Shortfall.TYPE_LOCKED);
        assertThat(mixed.fits()).isFalse();
    }

    @Test
    void nonExclusiveParentMixesTypes() {
        assertThat(GVT.fit(List.of(gvt(V54, 1)), List.of(Instance.added(V58, 1), Instance.added(V52, 1))).fits()).isTrue();
    }

    @Test
    void typeLockOutranksCapacityAsTheReason() {
        // wrong type AND over the framebuffer: the lock is the more telling reason
        List<Instance> present = List.of(new Instance("a", "nvidia-715", 1, null));
        assertThat(A16.fit(present, List.of(Instance.added("nvidia-714", 1))).shortfall()).isEqualTo(Shortfall.TYPE_LOCKED);
    }

    // ------------------------------------------------------------ slots (docs/reference/rulepack.md, Slots)

    @Test
    void specExampleTwoSize2AtZeroAndFourLeaveNoRoomForASize4() {
        PackCapacity cap = slotParent(8, 2, 4);
        Fit f = cap.fit(List.of(at("s2", 0), at("s2", 4)), List.of(add("s4")));
        assertThat(f.fits()).isFalse();
        assertThat(f.shortfall()).isEqualTo(Shortfall.FRAGMENTED);
        assertThat(f.placements()).containsExactly((Long) null);
    }

    @Test
    void specExampleTwoSize2AtZeroAndTwoLeaveRoomForASize4() {
        PackCapacity cap = slotParent(8, 2, 4);
        Fit f = cap.fit(List.of(at("s2", 0), at("s2", 2)), List.of(add("s4")));
        assertThat(f.fits()).isTrue();
        assertThat(f.placements()).containsExactly(4L);
    }

    @Test
    void moreSlotsThanThereAreIsInsufficientNotFragmented() {
        PackCapacity cap = slotParent(8, 2, 4);
        Fit f = cap.fit(List.of(at("s4", 0), at("s2", 4)), List.of(add("s4")));
        assertThat(f.shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(f.detail()).contains("10 of 8");
    }

    @Test
    void onlyOneArrangementFitsAndTheSearchFindsIt() {
        // 8 slots, size 1 at 1 and size 2 at 4: free are 0, 2-3, 6-7; two size-2 and one size-1 fit only as 2, 6, 0
        PackCapacity cap = slotParent(8, 1, 2, 4);
        List<Instance> added = List.of(add("s1"), add("s2"), add("s2"));
        List<Instance> present = List.of(at("s1", 1), at("s2", 4));
        Fit f = cap.fit(present, added);
        assertThat(f.fits()).isTrue();
        assertThat(f.placements()).containsExactly(0L, 2L, 6L);
        assertThat(placementProblems(8, present, added, f.placements())).isEmpty();
    }

    @Test
    void theSearchBacktracksWhenLargestFirstLowestOffsetFails() {
        // 12 slots, sizes 3 and 4, a size-2 instance at 8. Largest first at the lowest offset puts the 4 at 0, after
        // which no 3 fits (offsets 0, 3, 6, 9 all clash); the only arrangement is the 3 at 0 and the 4 at 4.
        PackCapacity cap = slotParent(12, 2, 3, 4);
        List<Instance> present = List.of(at("s2", 8));
        List<Instance> added = List.of(add("s4"), add("s3"));
        Fit f = cap.fit(present, added);
        assertThat(f.fits()).isTrue();
        assertThat(f.placements()).containsExactly(4L, 0L);
        // and with three: 3 at 0, 3 at 3, 4 at 8 around a size-2 at 6
        Fit g = cap.fit(List.of(at("s2", 6)), List.of(add("s3"), add("s4"), add("s3")));
        assertThat(g.fits()).isTrue();
        assertThat(placementProblems(12, List.of(at("s2", 6)), List.of(add("s3"), add("s4"), add("s3")), g.placements())).isEmpty();
        assertThat(g.placements().get(1)).isEqualTo(8L);
    }

    static Stream<Arguments> slotCases() {
        return Stream.of(
                Arguments.of(List.of(), List.of("s8")),
                Arguments.of(List.of(), List.of("s1", "s2", "s4", "s1")),
                Arguments.of(List.of(), List.of("s1", "s1", "s1", "s1", "s1", "s1", "s1", "s1")),
                Arguments.of(List.of(at("s1", 3)), List.of("s4", "s2", "s1")),
                Arguments.of(List.of(at("s1", 7)), List.of("s2", "s4", "s1")),
                Arguments.of(List.of(at("s2", 2), at("s1", 1)), List.of("s4", "s1")),
                Arguments.of(List.of(at("s4", 4)), List.of("s2", "s1", "s1")));
    }

    @ParameterizedTest
    @MethodSource("slotCases")
    void placementsAreAlignedAndNonOverlappingInTheOrderGiven(List<Instance> present, List<String> addedTypes) {
        PackCapacity cap = slotParent(8, 1, 2, 4, 8);
        List<Instance> added = addedTypes.stream().map(Slots::add).toList();
        Fit f = cap.fit(present, added);
        assertThat(f.fits()).isTrue();
        assertThat(placementProblems(8, present, added, f.placements())).isEmpty();
    }

    @Test
    void aFullSlotParentIsFullForAnything() {
        PackCapacity cap = slotParent(8, 1, 8);
        assertThat(cap.fit(List.of(at("s8", 0)), List.of(add("s1"))).shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(cap.fit(List.of(), List.of(add("s8"), add("s1"))).shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
    }

    @Test
    void sizesAndCanCreateOnSlotParents() {
        PackCapacity l40s = packCapacity("nvidia-l40s-mixed-size");
        assertThat(l40s.slots()).isEqualTo(48);
        assertThat(l40s.sizeOf("nvidia-1152")).isEqualTo(8);
        assertThat(l40s.sizeOf("nvidia-1156")).isEqualTo(48);
        assertThat(l40s.sizeOf("no-such-type")).isEqualTo(1);
        assertThat(l40s.canCreate("nvidia-1156")).isTrue();
        // L40S: a 24Q at 24 leaves 0..23: one 16Q (at 0) and one 8Q (at 16) fit, but not two 16Q
        Fit f = l40s.fit(List.of(new Instance("a", "nvidia-1155", 1, 24L)), List.of(Instance.added("nvidia-1152", 1), Instance.added("nvidia-1154", 1)));
        assertThat(f.fits()).isTrue();
        assertThat(f.placements()).containsExactly(16L, 0L);
        assertThat(l40s.fit(List.of(new Instance("a", "nvidia-1155", 1, 24L)),
                List.of(Instance.added("nvidia-1154", 1), Instance.added("nvidia-1154", 1))).shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        // a 16Q at 16 and an 8Q at 40: 32 slots are free but no aligned 24-run exists (0..23 clashes, 24..47 clashes)
        assertThat(l40s.fit(List.of(new Instance("a", "nvidia-1154", 1, 16L), new Instance("b", "nvidia-1152", 1, 40L)),
                List.of(Instance.added("nvidia-1155", 1))).shortfall()).isEqualTo(Shortfall.FRAGMENTED);
    }

    @Test
    void slotsCountersAndExclusiveCombine() {
        Map<String, TypeSpec> types = new LinkedHashMap<>();
        types.put("a", new TypeSpec(null, null, "vfio-pci", Map.of("mem", 3L), null, 2L, new Aggregation(null, null, 2L), null, null));
        types.put("b", new TypeSpec(null, null, "vfio-pci", Map.of("mem", 1L), null, 4L, null, null, null));
        PackCapacity cap = new PackCapacity(new CapacitySpec(Map.of("mem", 8L), "type", 8L, null), types);
        assertThat(cap.fit(List.of(), List.of(Instance.added("a", 1), Instance.added("a", 1))).fits()).isTrue();
        // slots would allow a third "a" (6 of 8) but mem would be 9 of 8
        assertThat(cap.fit(List.of(), List.of(Instance.added("a", 1), Instance.added("a", 1), Instance.added("a", 1))).shortfall())
                .isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        // aggregation 2: 6 mem per instance
        assertThat(cap.fit(List.of(), List.of(Instance.added("a", 2), Instance.added("a", 1))).fits()).isFalse();
        assertThat(cap.fit(List.of(new Instance("x", "a", 1, 0L)), List.of(Instance.added("b", 1))).shortfall()).isEqualTo(Shortfall.TYPE_LOCKED);
    }
}
