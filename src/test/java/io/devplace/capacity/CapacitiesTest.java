package io.devplace.capacity;

import io.devplace.model.InputProblem;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import io.devplace.rules.Fixtures;
import io.devplace.rules.GovernedParent;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.devplace.rules.Fixtures.map;
import static io.devplace.rules.Fixtures.mdev;
import static org.assertj.core.api.Assertions.assertThat;

/** Capacity models per parent, and the placement of existing instances (docs/reference/fleet.md {@code placement}). */
class CapacitiesTest {
    static final RuleBook BOOK = io.devplace.rules.TestPacks.withAggregatingGvtg();
    static final String Q2 = "nvidia-1148", Q4 = "nvidia-1150", Q8 = "nvidia-1152", Q16 = "nvidia-1154", Q48 = "nvidia-1156";

    static GovernedParent l40s(Mdev... mdevs) {
        ParentDevice p = Fixtures.parent("0000:af:00.0", "nvidia", "NVIDIA L40S", map(), mdevs);
        GovernedParent gp = BOOK.govern(Fixtures.host("h", map(), p), p);
        assertThat(gp.pack().name()).isEqualTo("nvidia-l40s-mixed-size");
        return gp;
    }

    static List<Instance> existing(GovernedParent gp, List<InputProblem> problems) {
        return Capacities.existing(gp, Capacities.of(gp), problems, "fleet.yaml", "hosts[0].devices[0]");
    }

    @Test
    void modelPerParent() {
        assertThat(Capacities.of(l40s())).isInstanceOf(PackCapacity.class);
        ParentDevice acme = Fixtures.observedParent("p", "acme", map(), Map.of("acme-1", new SupportedType(2L, null, null, null)));
        GovernedParent gp = BOOK.govern(Fixtures.host("h", map(), acme), acme);
        ParentCapacity cap = Capacities.of(gp);
        assertThat(cap).isInstanceOf(ObservedCapacity.class);
        assertThat(cap.canCreate("acme-1")).isTrue();
        assertThat(cap.fit(List.of(), List.of(Instance.added("acme-1", 1), Instance.added("acme-1", 1), Instance.added("acme-1", 1))).fits()).isFalse();
    }

    @Test
    void recordedPlacementsAreKeptAndTheRestGoLowestFreeAllowedInListOrder() {
        // the L40S placement IDs: 2Q 0, 4, 6, 10, ...; 4Q 0, 8, 12, 20, ...; 8Q 0, 16, 24, 40; 16Q 0, 32
        GovernedParent gp = l40s(
                mdev("m1", Q8, 16L),
                mdev("m2", Q4),        // lowest free 4Q start: 0
                mdev("m3", Q8),        // 0..7 is half taken by m2, 16 is m1's: 24
                mdev("m4", Q2),        // lowest free 2Q start: 4
                mdev("m5", Q16, 32L));
        List<InputProblem> problems = new ArrayList<>();
        List<Instance> got = existing(gp, problems);
        assertThat(problems).isEmpty();
        assertThat(got).extracting(Instance::uuid).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(got).extracting(Instance::placement).containsExactly(16L, 0L, 24L, 4L, 32L);
        assertThat(got).extracting(Instance::type).containsExactly(Q8, Q4, Q8, Q2, Q16);
    }

    @Test
    void listOrderDecidesForUnplacedInstances() {
        // the same instances, m3 before m2: now the 8Q takes 0, the 4Q goes to 8 and the 2Q to 12
        GovernedParent gp = l40s(mdev("m1", Q8, 16L), mdev("m3", Q8), mdev("m2", Q4), mdev("m4", Q2));
        List<Instance> got = existing(gp, new ArrayList<>());
        assertThat(got).extracting(Instance::placement).containsExactly(16L, 0L, 8L, 12L);
    }

    @Test
    void unplacedInstancesGoToAllowedOffsetsNotJustTheLowestFreeSlot() {
        // after a 2Q at 0 the lowest free slot is 2, but no profile may start there: the 4Q goes to 8, the next 2Q to 4
        GovernedParent gp = l40s(mdev("a", Q2), mdev("b", Q4), mdev("c", Q2), mdev("d", Q8));
        assertThat(existing(gp, new ArrayList<>())).extracting(Instance::placement).containsExactly(0L, 8L, 4L, 16L);
    }

    @Test
    void recordedPlacementsComeFirstEvenWhenListedLater() {
        // m1 has no placement and is listed first, but m2's recorded 0 is honoured: m1 goes to 16 (the next 8Q start)
        GovernedParent gp = l40s(mdev("m1", Q8), mdev("m2", Q8, 0L));
        assertThat(existing(gp, new ArrayList<>())).extracting(Instance::placement).containsExactly(16L, 0L);
    }

    @Test
    void existingPlacementsFeedTheFit() {
        // 0-15 and 24-39 free: 32 slots, but a 24Q starts only at 0 or 24
        GovernedParent gp = l40s(mdev("a", Q8, 16L), mdev("b", Q8, 40L));
        List<Instance> present = existing(gp, new ArrayList<>());
        Fit f = Capacities.of(gp).fit(present, List.of(Instance.added("nvidia-1155", 1)));
        assertThat(f.shortfall()).isEqualTo(Shortfall.FRAGMENTED);
        Fit g = Capacities.of(gp).fit(present, List.of(Instance.added(Q16, 1), Instance.added(Q8, 1)));
        assertThat(g.placements()).containsExactly(0L, 24L);
    }

    @Test
    void recordedPlacementTheTypeMayNotStartAtIsReportedNamingTheMdev() {
        // 8 is a multiple of the 8Q's size but not one of its placement IDs
        GovernedParent gp = l40s(mdev("ok", Q8, 0L), mdev("bad", Q8, 8L));
        List<InputProblem> problems = new ArrayList<>();
        existing(gp, problems);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("fleet.yaml");
            assertThat(p.path()).isEqualTo("hosts[0].devices[0].mdevs[1].placement");
            assertThat(p.message()).contains("placement 8 of bad").contains("may start at [0, 16, 24, 40]");
        });
    }

    @Test
    void overlappingRecordedPlacementsAreReported() {
        GovernedParent gp = l40s(mdev("a", Q16, 0L), mdev("b", Q4, 8L), mdev("c", Q4, 20L));
        List<InputProblem> problems = new ArrayList<>();
        existing(gp, problems);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("hosts[0].devices[0].mdevs[1].placement");
            assertThat(p.message()).contains("b").contains("overlap");
        });
    }

    @Test
    void placementOutsideTheParentIsReported() {
        GovernedParent gp = l40s(mdev("far", Q2, 48L), mdev("neg", Q2, -2L), mdev("whole", Q48, 0L));
        List<InputProblem> problems = new ArrayList<>();
        existing(gp, problems);
        assertThat(problems).extracting(InputProblem::path).containsExactly(
                "hosts[0].devices[0].mdevs[0].placement", "hosts[0].devices[0].mdevs[1].placement");
    }

    @Test
    void problemsMayBeIgnoredByPassingNull() {
        GovernedParent gp = l40s(mdev("a", Q8, 0L), mdev("b", Q8, 0L));
        assertThat(existing(gp, null)).extracting(Instance::placement).containsExactly(0L, null);
    }

    @Test
    void unplacedInstanceWithNoRoomLeftHasNoPlacement() {
        GovernedParent gp = l40s(mdev("a", Q48, 0L), mdev("b", Q2));
        assertThat(existing(gp, new ArrayList<>())).extracting(Instance::placement).containsExactly(0L, null);
    }

    @Test
    void nonSlotParentsHaveNoPlacementsAndCarryAggregation() {
        ParentDevice p = Fixtures.parent("0000:00:02.0", "i915", "x", map("gvt_version", "5.4"),
                mdev("a", "i915-GVTg_V5_4", "aggregator", "2"), mdev("b", "i915-GVTg_V5_8"),
                mdev("c", "i915-GVTg_V5_1", "aggregator", "2"), mdev("d", "i915-GVTg_V5_4", 3L));
        GovernedParent gp = BOOK.govern(Fixtures.host("h", map(), p), p);
        List<InputProblem> problems = new ArrayList<>();
        List<Instance> got = existing(gp, problems);
        assertThat(problems).isEmpty();
        assertThat(got).extracting(Instance::placement).containsOnlyNulls();
        assertThat(got).extracting(Instance::aggregation).containsExactly(2L, 1L, 1L, 1L);
        // a V5_4 x2 (4 units) and a V5_8 (1) and a V5_1 (8) and a V5_4 (2): 15 of 8, over capacity
        assertThat(Capacities.of(gp).fit(got, List.of()).fits()).isFalse();
    }
}
