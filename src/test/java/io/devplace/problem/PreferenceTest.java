package io.devplace.problem;

import io.devplace.model.Policy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one preference: fewer new instances, then packing per spread, then downtime. */
class PreferenceTest {
    record Way(String name, long newInstances, long load, long downtimeMs) {}

    private static final List<Way> WAYS = List.of(new Way("fuller", 1, 9, 100), new Way("emptier-slow", 1, 3, 100),
            new Way("emptier-fast", 1, 3, 50), new Way("reuse", 0, 1, 900));

    private static List<String> sorted(String spread) {
        Policy d = Policy.defaults();
        Policy pol = new Policy(d.apiVersion(), d.kind(), d.maxParallel(), d.maxPerHost(), d.bandwidthMiBps(), d.allowCold(), d.allowRebalance(),
                d.removeFreeMdevs(), d.maxDowntimeMs(), spread, d.antiAffinity(), d.timeLimit(), d.weights());
        List<Way> ways = new ArrayList<>(WAYS);
        ways.sort(Preference.of(pol, Way::newInstances, Way::load, Way::downtimeMs));
        return ways.stream().map(Way::name).toList();
    }

    @Test
    void reuseFirstThenFullerParentsUnderConsolidate() {
        assertThat(sorted("consolidate")).containsExactly("reuse", "fuller", "emptier-fast", "emptier-slow");
    }

    @Test
    void reuseFirstThenEmptierParentsUnderSpreadAndShorterDowntimeOnATie() {
        assertThat(sorted("spread")).containsExactly("reuse", "emptier-fast", "emptier-slow", "fuller");
    }
}
