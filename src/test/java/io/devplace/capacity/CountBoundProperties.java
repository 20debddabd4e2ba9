package io.devplace.capacity;

import io.devplace.model.SupportedType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ParentCapacity#countBound} is never below the most items that really fit together (by {@code fit}, every
 * subset and every choice of alternatives tried): the optimality proof of a plan rests on it.
 */
class CountBoundProperties {

    @Property(tries = 400)
    void packCountBoundIsNeverBelowTheMostThatFit(@ForAll long seed) {
        CapacityProperties.PackCase c = CapacityProperties.packCase(seed);
        Random r = new Random(seed ^ 0x5eed);
        List<List<Instance>> items = new ArrayList<>();
        for (Instance i : c.added()) {
            List<Instance> alts = new ArrayList<>(List.of(i));
            if (r.nextBoolean()) alts.add(Instance.added(CapacityProperties.TYPE_IDS.get(r.nextInt(3)), 1 + r.nextInt(3)));
            items.add(alts);
        }
        PackCapacity cap = c.capacity();
        assertThat(cap.countBound(c.present(), items)).as(c.toString()).isGreaterThanOrEqualTo(mostThatFit(cap, c.present(), items));
    }

    @Property(tries = 200)
    void observedCountBoundIsNeverBelowTheMostThatFit(@ForAll long seed) {
        Random r = new Random(seed);
        Map<String, SupportedType> supported = Map.of(
                "s", new SupportedType((long) r.nextInt(4), "s", "vfio-pci", null),
                "l", new SupportedType((long) r.nextInt(3), "l", "vfio-pci", null));
        ObservedCapacity cap = new ObservedCapacity(supported, Set.of("e1"));
        List<Instance> present = new ArrayList<>();
        if (r.nextBoolean()) present.add(new Instance("e1", "s", 1, null)); // existing: already in availableInstances
        if (r.nextInt(3) == 0) present.add(Instance.added(r.nextBoolean() ? "s" : "l", 1)); // created earlier in a plan
        List<List<Instance>> items = new ArrayList<>();
        for (int k = r.nextInt(6); k > 0; k--) {
            int pick = r.nextInt(3);
            items.add(pick == 0 ? List.of(Instance.added("s", 1)) : pick == 1 ? List.of(Instance.added("l", 1))
                    : List.of(Instance.added("s", 1), Instance.added("l", 1)));
        }
        assertThat(cap.countBound(present, items)).isGreaterThanOrEqualTo(mostThatFit(cap, present, items));
    }

    /** Brute force: every item skipped or given each of its alternatives. */
    static long mostThatFit(ParentCapacity cap, List<Instance> present, List<List<Instance>> items) {
        return most(cap, present, items, 0, new ArrayList<>());
    }

    private static long most(ParentCapacity cap, List<Instance> present, List<List<Instance>> items, int i, List<Instance> chosen) {
        if (i == items.size()) return cap.fit(present, chosen).fits() ? chosen.size() : -1;
        long best = most(cap, present, items, i + 1, chosen);
        for (Instance alt : items.get(i)) {
            chosen.add(alt);
            best = Math.max(best, most(cap, present, items, i + 1, chosen));
            chosen.remove(chosen.size() - 1);
        }
        return best;
    }
}
