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

import io.devplace.rules.Aggregation;
import io.devplace.rules.CapacitySpec;
import io.devplace.rules.TypeSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.devplace.capacity.Slots.add;
import static io.devplace.capacity.Slots.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact slot placement search agrees with a brute force over every assignment of aligned offsets; counters (with
 * aggregation), the exclusive type lock and maxInstances, alone and with slots, agree with an independent ledger.
 */
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
            cov.check(Shortfall.FRAGMENTED).percentage(p -> p > 0.4);
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

    // ---------------------------------------------------------------- counters, exclusive type, maxInstances (and slots)

    /** A pack's capacity (counters, exclusive, slots), its types, and a parent's present and added instances. */
    record PackCase(CapacitySpec spec, Map<String, TypeSpec> types, List<Instance> present, List<Instance> added) {
        PackCapacity capacity() { return new PackCapacity(spec, types); }

        @Override
        public String toString() { return "capacity " + spec + "\ntypes " + types + "\npresent " + present + "\nadded " + added; }
    }

    static final List<String> TYPE_IDS = List.of("t1", "t2", "t3");

    /**
     * Pack cases built from a seed (fast to generate; a failure prints the whole case): 0-2 counters, three types
     * with random consumption, maxInstances, aggregation and (on slot parents) sizes, an exclusive lock one time in
     * three, valid present instances and up to five added ones (now and then of a type the pack does not know).
     */
    @Provide
    Arbitrary<PackCase> packCases() {
        return Arbitraries.longs().map(CapacityProperties::packCase);
    }

    static PackCase packCase(long seed) {
        java.util.Random r = new java.util.Random(seed);
        Map<String, Long> counters = new java.util.LinkedHashMap<>();
        boolean slotsOnly = r.nextInt(4) == 0; // where fragmentation happens: slots and nothing else limiting
        long slots = slotsOnly || r.nextBoolean() ? 8 : 0;
        if (!slotsOnly) for (String c : List.of("c1", "c2")) if (r.nextInt(slots > 0 ? 4 : 3) > 1) counters.put(c, (long) r.nextInt(17));
        boolean exclusive = !slotsOnly && r.nextInt(4) == 0;
        Map<String, TypeSpec> types = new java.util.LinkedHashMap<>();
        for (String t : TYPE_IDS) {
            Map<String, Long> consumes = new java.util.LinkedHashMap<>();
            for (String c : counters.keySet()) if (r.nextBoolean()) consumes.put(c, (long) r.nextInt(4));
            Long max = slotsOnly || r.nextInt(3) > 0 ? null : (long) r.nextInt(5);
            long size = slots > 0 ? List.of(1L, 2L, 4L).get(slotsOnly ? t.equals("t1") ? 0 : t.equals("t2") ? 1 : 2 : r.nextInt(3)) : 1L;
            Aggregation agg = r.nextInt(5) < 2 ? new Aggregation("aggregator", 1L, 1L + r.nextInt(4)) : null;
            types.put(t, new TypeSpec(null, null, "vfio-pci", consumes, max, size, agg, null, null));
        }
        CapacitySpec spec = new CapacitySpec(counters, exclusive ? "type" : "none", slots, null);
        List<Tuple2<String, Integer>> seeds = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) seeds.add(Tuple.of(TYPE_IDS.get(r.nextInt(slotsOnly ? 2 : 3)), r.nextInt(8)));
        List<Instance> present = present(spec, types, seeds, 1 + r.nextInt(3));
        List<Instance> added = new ArrayList<>();
        String usual = present.isEmpty() ? TYPE_IDS.get(r.nextInt(3)) : present.get(0).type();
        for (int i = slotsOnly ? 1 + r.nextInt(3) : r.nextInt(6); i > 0; i--) {
            // on exclusive parents mostly the locked type, so that the other limits get their turn
            String t = !slotsOnly && r.nextInt(20) == 0 ? "unknown" : slotsOnly ? TYPE_IDS.get(1 + r.nextInt(2)) : exclusive && r.nextInt(4) > 0 ? usual : TYPE_IDS.get(r.nextInt(3));
            added.add(Instance.added(t, 1 + r.nextInt(4)));
        }
        return new PackCase(spec, types, present, added);
    }

    /** Valid existing instances: one type on an exclusive parent, non-overlapping aligned placements on a slot parent. */
    static List<Instance> present(CapacitySpec spec, Map<String, TypeSpec> types, List<Tuple2<String, Integer>> seeds, long agg) {
        List<Instance> out = new ArrayList<>();
        boolean[] used = new boolean[spec.slots().intValue()];
        for (Tuple2<String, Integer> s : seeds) {
            String t = spec.exclusiveType() && !out.isEmpty() ? out.get(0).type() : s.get1();
            TypeSpec ts = types.get(t);
            long a = ts.aggregation() == null ? 1 : Math.min(agg, ts.aggregation().max());
            if (spec.slots() == 0) {
                out.add(new Instance("u" + out.size(), t, a, null));
                continue;
            }
            int k = ts.size().intValue();
            List<Integer> free = new ArrayList<>();
            for (int o = 0; o + k <= used.length; o += k) {
                boolean f = true;
                for (int j = o; j < o + k; j++) f &= !used[j];
                if (f) free.add(o);
            }
            if (free.isEmpty()) continue;
            int o = free.get(s.get2() % free.size());
            for (int j = o; j < o + k; j++) used[j] = true;
            out.add(new Instance("u" + out.size(), t, a, (long) o));
        }
        return out;
    }

    /**
     * The reference, written from docs/reference/rulepack.md and docs/reference/reason-codes.md without looking at the implementation's structure: a ledger of
     * counters, instance counts and the type lock, then every assignment of aligned offsets on slot parents.
     */
    static Shortfall reference(PackCase c) {
        java.util.Set<String> kinds = new java.util.HashSet<>();
        List<Instance> all = new ArrayList<>(c.present());
        all.addAll(c.added());
        for (Instance i : all) kinds.add(i.type());
        if (c.spec().exclusiveType() && kinds.size() > 1) return Shortfall.TYPE_LOCKED;
        for (Instance i : c.added()) if (!c.types().containsKey(i.type())) return Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
        Map<String, Long> left = new java.util.HashMap<>(c.spec().counters());
        Map<String, Long> instances = new java.util.HashMap<>();
        long slotsUsed = 0;
        for (Instance i : all) {
            TypeSpec t = c.types().get(i.type());
            for (var e : t.consumes().entrySet()) left.merge(e.getKey(), -e.getValue() * Math.max(1, i.aggregation()), Long::sum);
            instances.merge(i.type(), 1L, Long::sum);
            slotsUsed += t.size();
        }
        for (long v : left.values()) if (v < 0) return Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
        for (var e : instances.entrySet()) {
            Long max = c.types().get(e.getKey()).maxInstances();
            if (max != null && e.getValue() > max) return Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
        }
        if (c.spec().slots() == 0) return Shortfall.NONE;
        if (slotsUsed > c.spec().slots()) return Shortfall.INSUFFICIENT_DEVICE_CAPACITY;
        boolean[] used = new boolean[c.spec().slots().intValue()];
        for (Instance p : c.present()) for (long j = p.placement(); j < p.placement() + c.types().get(p.type()).size(); j++) used[(int) j] = true;
        return placeAll(used, c, 0) ? Shortfall.NONE : Shortfall.FRAGMENTED;
    }

    private static boolean placeAll(boolean[] used, PackCase c, int i) {
        if (i == c.added().size()) return true;
        int k = c.types().get(c.added().get(i).type()).size().intValue();
        for (int o = 0; o + k <= used.length; o += k) {
            boolean free = true;
            for (int j = o; j < o + k; j++) free &= !used[j];
            if (!free) continue;
            for (int j = o; j < o + k; j++) used[j] = true;
            boolean ok = placeAll(used, c, i + 1);
            for (int j = o; j < o + k; j++) used[j] = false;
            if (ok) return true;
        }
        return false;
    }

    @Property(tries = 5000)
    void countersExclusiveAndMaxInstancesAgreeWithAReference(@ForAll("packCases") PackCase c) {
        Fit fit = c.capacity().fit(c.present(), c.added());
        Shortfall expected = reference(c);
        Statistics.label("outcome").collect(expected);
        Statistics.label("outcome").coverage(cov -> {
            cov.check(Shortfall.NONE).percentage(p -> p > 10);
            cov.check(Shortfall.TYPE_LOCKED).percentage(p -> p > 2);
            cov.check(Shortfall.INSUFFICIENT_DEVICE_CAPACITY).percentage(p -> p > 10);
            cov.check(Shortfall.FRAGMENTED).percentage(p -> p > 0.4);
        });
        assertThat(fit.shortfall()).as("%s\n%s", c, fit.detail()).isEqualTo(expected);
        assertThat(fit.placements()).hasSize(c.added().size());
        if (fit.fits()) {
            assertThat(fit.penalty()).isZero();
            if (c.spec().slots() > 0) {
                // the chosen offsets are a real placement: aligned, in range, clear of everything else
                boolean[] used = new boolean[c.spec().slots().intValue()];
                for (Instance p : c.present()) for (long j = p.placement(); j < p.placement() + c.types().get(p.type()).size(); j++) used[(int) j] = true;
                for (int i = 0; i < c.added().size(); i++) {
                    long k = c.types().get(c.added().get(i).type()).size(), o = fit.placements().get(i);
                    assertThat(o % k).isZero();
                    for (long j = o; j < o + k; j++) {
                        assertThat(used[(int) j]).as("slot %d taken twice", j).isFalse();
                        used[(int) j] = true;
                    }
                }
            } else {
                assertThat(fit.placements()).allMatch(java.util.Objects::isNull);
            }
        } else {
            assertThat(fit.penalty()).isPositive();
        }
    }

    @Property(tries = 1500)
    void fewerOrReorderedAddedInstancesNeverFitWorse(@ForAll("packCases") PackCase c, @ForAll java.util.Random random) {
        PackCapacity cap = c.capacity();
        Fit fit = cap.fit(c.present(), c.added());
        List<Instance> shuffled = new ArrayList<>(c.added());
        java.util.Collections.shuffle(shuffled, random);
        assertThat(cap.fit(c.present(), shuffled).shortfall()).isEqualTo(fit.shortfall());
        if (fit.fits() && !c.added().isEmpty()) {
            List<Instance> fewer = new ArrayList<>(c.added());
            fewer.remove(random.nextInt(fewer.size()));
            assertThat(cap.fit(c.present(), fewer).fits()).as("dropping an instance from a fitting set").isTrue();
        }
    }
}
