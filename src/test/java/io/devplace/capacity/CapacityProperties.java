package io.devplace.capacity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple.Tuple2;

import java.util.ArrayList;
import java.util.List;

import static io.devplace.capacity.Slots.add;
import static io.devplace.capacity.Slots.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The exact slot placement search agrees with a brute force over every assignment of aligned offsets. */
class CapacityProperties {
    static final int SLOTS = 8;
    static final PackCapacity CAP = Slots.slotParent(SLOTS, 1, 2, 4, 8);

    record Case(List<Instance> present, List<Instance> added) {}

    @Provide
    Arbitrary<Case> slotCases() {
        Arbitrary<Integer> size = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Case> general = cases(size, 6, size, 6);
        // small scattered instances and medium requests: where fragmentation happens
        Arbitrary<Case> fragmenting = cases(Arbitraries.of(1, 2), 4, Arbitraries.of(2, 4), 3);
        return Arbitraries.oneOf(general, fragmenting);
    }

    static Arbitrary<Case> cases(Arbitrary<Integer> presentSize, int maxPresent, Arbitrary<Integer> addedSize, int maxAdded) {
        Arbitrary<List<Tuple2<Integer, Integer>>> presentSeeds =
                Combinators.combine(presentSize, Arbitraries.integers().between(0, 7)).as(Tuple::of).list().ofMaxSize(maxPresent);
        Arbitrary<List<Integer>> addedSizes = addedSize.list().ofMaxSize(maxAdded);
        return Combinators.combine(presentSeeds, addedSizes).as((seeds, sizes) -> {
            // valid present placements: each seed picks one of the free aligned offsets for its size, if any
            boolean[] used = new boolean[SLOTS];
            List<Instance> present = new ArrayList<>();
            for (Tuple2<Integer, Integer> s : seeds) {
                int k = s.get1();
                List<Integer> free = new ArrayList<>();
                for (int o = 0; o + k <= SLOTS; o += k) {
                    boolean f = true;
                    for (int j = o; j < o + k; j++) f &= !used[j];
                    if (f) free.add(o);
                }
                if (free.isEmpty()) continue;
                int o = free.get(s.get2() % free.size());
                for (int j = o; j < o + k; j++) used[j] = true;
                present.add(at("s" + k, o));
            }
            return new Case(present, sizes.stream().map(k -> add("s" + k)).toList());
        });
    }

    @Property(tries = 3000)
    void fitAgreesWithBruteForce(@ForAll("slotCases") Case c) {
        boolean expected = Slots.bruteForceFits(SLOTS, c.present(), c.added());
        Fit fit = CAP.fit(c.present(), c.added());
        Statistics.label("outcome").collect(fit.shortfall());
        Statistics.label("outcome").coverage(cov -> {
            cov.check(Shortfall.NONE).percentage(p -> p > 20);
            cov.check(Shortfall.FRAGMENTED).percentage(p -> p > 1);
            cov.check(Shortfall.INSUFFICIENT_DEVICE_CAPACITY).percentage(p -> p > 10);
        });
        assertThat(fit.fits()).as("fits %s + %s", c.present(), c.added()).isEqualTo(expected);
        assertThat(fit.placements()).hasSize(c.added().size());
        if (expected) {
            assertThat(Slots.placementProblems(SLOTS, c.present(), c.added(), fit.placements())).isEmpty();
            assertThat(fit.penalty()).isZero();
        } else {
            long used = 0;
            for (Instance i : c.present()) used += Slots.sizeOf(i);
            for (Instance i : c.added()) used += Slots.sizeOf(i);
            assertThat(fit.shortfall()).isEqualTo(used > SLOTS ? Shortfall.INSUFFICIENT_DEVICE_CAPACITY : Shortfall.FRAGMENTED);
            assertThat(fit.penalty()).isPositive();
            assertThat(fit.placements()).containsOnlyNulls();
        }
    }

    @Property(tries = 1000)
    void fitIsIndependentOfTheOrderOfAddedInstances(@ForAll("slotCases") Case c) {
        List<Instance> reversed = new ArrayList<>(c.added());
        java.util.Collections.reverse(reversed);
        assertThat(CAP.fit(c.present(), reversed).fits()).isEqualTo(CAP.fit(c.present(), c.added()).fits());
    }
}
