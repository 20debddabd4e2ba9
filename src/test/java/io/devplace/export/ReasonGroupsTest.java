package io.devplace.export;

import io.devplace.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouped reasons for people: 499 hosts saying the same thing is one line. */
class ReasonGroupsTest {
    @Test
    void aCodeOnEveryHostIsSaidOnce() {
        List<Reason> rs = new ArrayList<>();
        for (int i = 0; i < 499; i++) rs.add(new Reason("NOT_LIVE_MIGRATABLE", "h" + i, null, "vm-1", "vm-1 is not live-migratable"));
        ReasonGroups g = ReasonGroups.of(rs);
        assertThat(g.lines()).containsExactly("NOT_LIVE_MIGRATABLE on every candidate host (499)", "  e.g. vm-1 is not live-migratable");
        assertThat(g.oneLine()).isEqualTo("NOT_LIVE_MIGRATABLE on every candidate host (499)");
    }

    @Test
    void hostsAreListedByCountPerCode() {
        List<Reason> rs = new ArrayList<>();
        for (int i = 0; i < 7; i++) rs.add(new Reason("TYPE_LOCKED", "t" + i, "p", null, "t" + i + " p is locked"));
        rs.add(new Reason("INSUFFICIENT_CPU", "c0", null, null, "c0 has 2 vCPUs free"));
        List<String> lines = ReasonGroups.of(rs).lines();
        assertThat(lines).containsExactly("TYPE_LOCKED on 7 hosts: t0, t1, t2, t3, t4 and 2 more", "  e.g. t0 p is locked",
                "INSUFFICIENT_CPU on 1 host: c0", "  c0 has 2 vCPUs free");
    }
}
