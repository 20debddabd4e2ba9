package io.devplace.bench;

import io.devplace.cli.FleetInput;
import io.devplace.model.Fleet;
import io.devplace.model.Vm;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark generator writes fleets the reader accepts strictly (no errors, no warnings, nothing over capacity).
 * Validity only: speed is measured by benchmarks/run, never here.
 */
class FleetGeneratorTest {
    private static final RuleBook RULES = io.devplace.rules.TestPacks.withAggregatingGvtg();

    @ParameterizedTest
    @ValueSource(strings = {"s", "s-tight", "s-frag", "s-exact", "s-fragcal"})
    void smallProfilesAreValidFleets(String profile) {
        FleetGenerator.Generated g = FleetGenerator.generate(FleetGenerator.profile(profile), 1, 5, RULES);
        FleetInput.Loaded loaded = FleetInput.load(profile + ".json", g.json(), RULES, true);
        assertTrue(loaded.warnings().isEmpty(), () -> "warnings: " + loaded.warnings());
        Fleet fleet = loaded.view().fleet();
        assertEquals(50, fleet.hosts().size());
        assertEquals(g.stats().vms(), fleet.vms().size());
        assertFalse(g.evacuate().isEmpty());
        for (String h : g.evacuate()) assertNotNull(fleet.host(h), h);
        if (g.plantedOptimum() != null) {
            // planted: every VM on the hosts to evacuate is one the generator took out of a place it can go back to
            Set<String> evac = Set.copyOf(g.evacuate());
            List<Vm> evacuees = fleet.vms().stream().filter(v -> evac.contains(v.host())).toList();
            assertEquals(g.plantedOptimum().intValue(), evacuees.size());
            assertTrue(evacuees.size() > 0);
            assertTrue(evacuees.stream().allMatch(Vm::isLiveMigratable));
        }
    }

    @Test
    void yamlToo() {
        FleetGenerator.Generated g = FleetGenerator.generate(FleetGenerator.profile("s"), 2, 1, RULES);
        FleetInput.Loaded loaded = FleetInput.load("s.yaml", g.yaml(), RULES, true);
        assertEquals(g.stats().vms(), loaded.view().fleet().vms().size());
    }

    @Test
    void sameSeedSameFleet() {
        var a = FleetGenerator.generate(FleetGenerator.profile("s"), 7, 3, RULES);
        var b = FleetGenerator.generate(FleetGenerator.profile("s"), 7, 3, RULES);
        var c = FleetGenerator.generate(FleetGenerator.profile("s"), 8, 3, RULES);
        assertTrue(Arrays.equals(a.json(), b.json()));
        assertEquals(a.evacuate(), b.evacuate());
        assertFalse(Arrays.equals(a.json(), c.json()));
    }
}
