package io.devplace.problem;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one walk over combinations of device targets: depth first in the order given, one free instance never twice, capped. */
class CombosTest {
    private static DeviceTarget create(String type) { return new DeviceTarget(null, null, type, List.of(), 1, null, "r"); }

    private static DeviceTarget reuse(String uuid) { return new DeviceTarget(null, null, "t", List.of(), 1, uuid, "r"); }

    private final DeviceTarget r1 = reuse("u1"), c1 = create("c1"), c2 = create("c2");
    private final List<List<DeviceTarget>> perDevice = List.of(List.of(r1, c1), List.of(r1, c2));

    @Test
    void walksDepthFirstInTheGivenOrderAndNeverReusesOneInstanceTwice() {
        assertThat(Combos.of(perDevice, 10)).containsExactly(List.of(r1, c2), List.of(c1, r1), List.of(c1, c2));
    }

    @Test
    void stopsAtTheLimit() {
        assertThat(Combos.of(perDevice, 2)).containsExactly(List.of(r1, c2), List.of(c1, r1));
        List<List<DeviceTarget>> seen = new ArrayList<>();
        Object none = Combos.first(perDevice, 2, combo -> {
            seen.add(List.copyOf(combo));
            return null;
        });
        assertThat(none).isNull();
        assertThat(seen).hasSize(2);
    }

    @Test
    void firstStopsAtTheFirstAnswer() {
        List<List<DeviceTarget>> seen = new ArrayList<>();
        String found = Combos.first(perDevice, 256, combo -> {
            seen.add(List.copyOf(combo));
            return combo.get(0) == c1 ? "at " + combo.get(1).type() : null;
        });
        assertThat(found).isEqualTo("at t");
        assertThat(seen).containsExactly(List.of(r1, c2), List.of(c1, r1));
    }
}
