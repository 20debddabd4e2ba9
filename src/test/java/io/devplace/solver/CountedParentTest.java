package io.devplace.solver;

import io.devplace.bench.FleetGenerator;
import io.devplace.capacity.Instance;
import io.devplace.cli.FleetInput;
import io.devplace.model.Host;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentClaim;
import io.devplace.problem.ParentView;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CountedParent} must judge a parent exactly as the capacity model's own fit ({@link ParentLoad#fitted}) does:
 * same penalty, same "opens an empty parent", same spread growth. Compared on every counter/exclusive parent of
 * generated fleets (A16 and GVT-g, existing instances of every kind) under random claim sets: adds of known and
 * unknown types with aggregation, releases and removals (UUIDs in either case), reuses, in random order.
 */
class CountedParentTest {
    @Test
    void countedTotalsEqualTheFitOnRandomClaimSets() {
        Random rnd = new Random(42);
        int parents = 0, exclusive = 0, violated = 0, opened = 0, compared = 0;
        for (String profile : List.of("s", "s-frag")) {
            FleetView view = load(profile);
            for (Host h : view.fleet().hosts()) {
                for (ParentView p : view.parents(h.name())) {
                    if (!CountedParent.applies(p)) continue;
                    parents++;
                    if (p.governed().pack().pack().capacity().exclusiveType()) exclusive++;
                    for (int round = 0; round < 40; round++) {
                        List<ParentClaim> claims = randomClaims(p, rnd);
                        ParentLoad.Totals expected = ParentLoad.fitted(p, claims);
                        assertThat(CountedParent.totals(p, claims)).as("%s with %s", p, claims).isEqualTo(expected);
                        compared++;
                        if (expected.violation() > 0) violated++;
                        if (expected.opensEmpty()) opened++;
                    }
                }
            }
        }
        // the comparison means something only if it met each kind of parent and each outcome
        assertThat(parents).isGreaterThan(20);
        assertThat(exclusive).isGreaterThan(5).isLessThan(parents);
        assertThat(violated).isGreaterThan(compared / 10).isLessThan(compared);
        assertThat(opened).isGreaterThan(0);
    }

    @Test
    void slotParentsAndParentsWithoutAPackKeepTheGeneralPath() {
        FleetView view = load("s-frag");
        int slotParents = 0;
        for (Host h : view.fleet().hosts())
            for (ParentView p : view.parents(h.name()))
                if (p.capacity() instanceof io.devplace.capacity.PackCapacity pc && pc.slots() > 0) {
                    slotParents++;
                    assertThat(CountedParent.applies(p)).isFalse();
                }
        assertThat(slotParents).isPositive();
    }

    private static FleetView load(String profile) {
        RuleBook rules = RuleBook.bundledOnly();
        FleetGenerator.Generated g = FleetGenerator.generate(FleetGenerator.profile(profile), 7, 0, rules);
        return FleetInput.load(profile + ".json", g.json(), rules, false).view();
    }

    private static List<ParentClaim> randomClaims(ParentView p, Random rnd) {
        List<String> types = new ArrayList<>(p.governed().pack().pack().types().keySet());
        types.add("no-such-type");
        List<ParentClaim> claims = new ArrayList<>();
        int adds = rnd.nextInt(5);
        for (int i = 0; i < adds; i++) {
            // mostly one type, as on a real GPU; sometimes a mix, rarely an unknown type
            String type = i > 0 && rnd.nextInt(3) > 0 ? claims.get(0).type() : types.get(rnd.nextInt(types.size() - (rnd.nextInt(8) == 0 ? 0 : 1)));
            claims.add(new ParentClaim(p, ParentClaim.Kind.ADD, type, rnd.nextInt(4), null));
        }
        for (Instance e : p.existing()) {
            int r = rnd.nextInt(6);
            String uuid = rnd.nextBoolean() ? e.uuid().toUpperCase(Locale.ROOT) : e.uuid();
            if (r == 0) claims.add(new ParentClaim(p, ParentClaim.Kind.RELEASE, e.type(), e.aggregation(), uuid));
            else if (r == 1) claims.add(new ParentClaim(p, ParentClaim.Kind.REMOVE, e.type(), e.aggregation(), uuid));
            else if (r == 2 || (r == 3 && adds == 0)) claims.add(new ParentClaim(p, ParentClaim.Kind.REUSE, e.type(), e.aggregation(), uuid));
        }
        Collections.shuffle(claims, rnd);
        return claims;
    }
}
