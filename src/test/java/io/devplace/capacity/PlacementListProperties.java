package io.devplace.capacity;

import io.devplace.rules.CapacitySpec;
import io.devplace.rules.TypeSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Types with a list of allowed start slots ({@code placements}, not necessarily multiples of the size) next to a type
 * without one: the search agrees with a brute force over every assignment of allowed offsets, and the offsets it
 * returns are allowed, in range and clear of each other and of the present instances.
 */
class PlacementListProperties {
    static final int SLOTS = 12;

    record Case(Map<String, TypeSpec> types, List<Instance> present, List<Instance> added) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Long>> two = Arbitraries.longs().between(0, SLOTS - 2).set().ofMinSize(1).ofMaxSize(8).map(s -> List.copyOf(s));
        Arbitrary<List<Long>> three = Arbitraries.longs().between(0, SLOTS - 3).set().ofMinSize(1).ofMaxSize(6).map(s -> List.copyOf(s));
        Arbitrary<List<String>> added = Arbitraries.of("p2", "p3", "a4", "a1").list().ofMaxSize(6);
        Arbitrary<Integer> presentAt = Arbitraries.integers().between(-1, SLOTS - 1);
        return Combinators.combine(two, three, added, presentAt).as((p2, p3, add, at) -> {
            Map<String, TypeSpec> types = new LinkedHashMap<>();
            types.put("p2", spec(2, p2));
            types.put("p3", spec(3, p3));
            types.put("a4", spec(4, null));
            types.put("a1", spec(1, null));
            List<Instance> present = at < 0 ? List.of() : List.of(new Instance("u-present", "a1", 1, (long) at));
            List<Instance> adds = new ArrayList<>();
            for (String t : add) adds.add(Instance.added(t, 1));
            return new Case(types, present, adds);
        });
    }

    @Property(tries = 400)
    void searchAgreesWithBruteForceAndReturnsAllowedOffsets(@ForAll("cases") Case c) {
        PackCapacity cap = new PackCapacity(new CapacitySpec(null, null, (long) SLOTS, null), c.types());
        Fit f = cap.fit(c.present(), c.added());
        boolean[] used = new boolean[SLOTS];
        for (Instance p : c.present()) used[p.placement().intValue()] = true;
        assertThat(f.fits()).isEqualTo(bruteForce(c, used.clone(), 0));
        if (!f.fits()) return;
        for (int i = 0; i < c.added().size(); i++) {
            Instance a = c.added().get(i);
            TypeSpec t = c.types().get(a.type());
            long o = f.placements().get(i), k = t.size();
            if (t.placements() != null) assertThat(t.placements()).as("%s at %d", a.type(), o).contains(o);
            else assertThat(o % k).as("%s at %d aligned", a.type(), o).isZero();
            assertThat(o + k).isLessThanOrEqualTo(SLOTS);
            for (long j = o; j < o + k; j++) {
                assertThat(used[(int) j]).as("slot %d taken twice", j).isFalse();
                used[(int) j] = true;
            }
        }
    }

    /** Every allowed offset for every instance, no ordering or symmetry breaking. */
    private static boolean bruteForce(Case c, boolean[] used, int i) {
        if (i == c.added().size()) return true;
        TypeSpec t = c.types().get(c.added().get(i).type());
        int k = t.size().intValue();
        List<Long> offsets = new ArrayList<>();
        if (t.placements() != null) offsets.addAll(t.placements());
        else for (long o = 0; o + k <= SLOTS; o += k) offsets.add(o);
        for (long o : offsets) {
            boolean free = o + k <= SLOTS;
            for (long j = o; j < o + k && free; j++) free = !used[(int) j];
            if (!free) continue;
            for (long j = o; j < o + k; j++) used[(int) j] = true;
            boolean ok = bruteForce(c, used, i + 1);
            for (long j = o; j < o + k; j++) used[(int) j] = false;
            if (ok) return true;
        }
        return false;
    }

    private static TypeSpec spec(long size, List<Long> placements) {
        return new TypeSpec(null, null, "vfio-pci", null, null, size, null, null, null, placements);
    }
}
