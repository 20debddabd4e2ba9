package io.devplace.capacity;

import io.devplace.model.SupportedType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/reference/rulepack.md, Parents no pack governs: no rule pack: at most availableInstances new instances, of one new type per parent. */
class ObservedCapacityTest {
    static final Map<String, SupportedType> SUPPORTED = Map.of(
            "acme-1", new SupportedType(3L, "small", "vfio-pci", null),
            "acme-2", new SupportedType(1L, "large", "vfio-pci", null),
            "acme-0", new SupportedType(0L, "none left", "vfio-pci", null),
            "acme-n", new SupportedType(null, "unknown", "vfio-pci", null));
    static final ObservedCapacity CAP = new ObservedCapacity(SUPPORTED);

    static List<Instance> added(String... types) {
        return java.util.Arrays.stream(types).map(t -> Instance.added(t, 1)).toList();
    }

    @Test
    void upToAvailableInstancesOfOneType() {
        Fit f = CAP.fit(List.of(), added("acme-1", "acme-1", "acme-1"));
        assertThat(f.fits()).isTrue();
        assertThat(f.placements()).containsExactly(null, null, null);
        Fit over = CAP.fit(List.of(), added("acme-1", "acme-1", "acme-1", "acme-1"));
        assertThat(over.shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(over.detail()).contains("3").contains("acme-1");
        assertThat(over.placements()).hasSize(4);
    }

    @Test
    void onlyOneNewTypePerParent() {
        Fit f = CAP.fit(List.of(), added("acme-1", "acme-2"));
        assertThat(f.shortfall()).isEqualTo(Shortfall.TYPE_LOCKED);
        assertThat(CAP.fit(List.of(), added("acme-2", "acme-1", "acme-1")).fits()).isFalse();
    }

    @Test
    void presentInstancesAreAlreadyAccountedForInTheObservedCount() {
        // availableInstances is what the parent says it can still create: existing instances do not reduce it again,
        // and an existing instance of another type does not lock the parent
        List<Instance> present = List.of(new Instance("e1", "acme-2", 1, null), new Instance("e2", "acme-1", 1, null));
        assertThat(CAP.fit(present, added("acme-1", "acme-1", "acme-1")).fits()).isTrue();
    }

    /** The fallback model of a parent with one existing acme-2 instance, as Capacities builds it. */
    static ParentCapacity ofParentWithExisting() {
        var p = io.devplace.rules.Fixtures.observedParent("p0", "acme", Map.of(), SUPPORTED,
                io.devplace.rules.Fixtures.mdev("E1-UUID", "acme-2"));
        return Capacities.of(io.devplace.rules.RuleBook.bundledOnly().govern(io.devplace.rules.Fixtures.host("h", Map.of(), p), p));
    }

    @Test
    void instancesCreatedInEarlierWavesCountAsNew() {
        ParentCapacity cap = ofParentWithExisting();
        Instance existing = new Instance("e1-uuid", "acme-2", 1, null);
        Instance createdEarlier = new Instance("n1", "acme-1", 1, null);
        // the existing instance is already accounted for: three new acme-1 fit
        assertThat(cap.fit(List.of(existing), added("acme-1", "acme-1", "acme-1")).fits()).isTrue();
        // one acme-1 created in an earlier wave leaves room for two more, not three
        assertThat(cap.fit(List.of(existing, createdEarlier), added("acme-1", "acme-1")).fits()).isTrue();
        assertThat(cap.fit(List.of(existing, createdEarlier), added("acme-1", "acme-1", "acme-1")).shortfall())
                .isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        // and it fixes the one new type of this parent
        assertThat(cap.fit(List.of(existing, createdEarlier), added("acme-2")).shortfall()).isEqualTo(Shortfall.TYPE_LOCKED);
        // an added instance not yet named counts as new as well
        assertThat(cap.fit(List.of(Instance.added("acme-2", 1)), added("acme-1")).shortfall()).isEqualTo(Shortfall.TYPE_LOCKED);
    }

    @Test
    void unknownOrExhaustedTypesDoNotFit() {
        assertThat(CAP.fit(List.of(), added("acme-0")).shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(CAP.fit(List.of(), added("acme-n")).shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(CAP.fit(List.of(), added("other")).shortfall()).isEqualTo(Shortfall.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(CAP.canCreate("acme-1")).isTrue();
        assertThat(CAP.canCreate("acme-0")).isFalse();
        assertThat(CAP.canCreate("acme-n")).isFalse();
        assertThat(CAP.canCreate("other")).isFalse();
    }

    @Test
    void nothingAddedFits() {
        assertThat(CAP.fit(List.of(new Instance("e", "acme-1", 1, null)), List.of()).fits()).isTrue();
    }

    @Test
    void penaltyGrowsWithTheExcess() {
        Fit one = CAP.fit(List.of(), added("acme-2", "acme-2"));
        Fit three = CAP.fit(List.of(), added("acme-2", "acme-2", "acme-2", "acme-2"));
        assertThat(three.penalty()).isGreaterThan(one.penalty()).isPositive();
    }
}
