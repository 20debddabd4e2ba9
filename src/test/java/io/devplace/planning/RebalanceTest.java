package io.devplace.planning;

import io.devplace.model.Plan;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.devplace.planning.Fixtures.A16;
import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/** allowRebalance: a resident moves away first so an evacuee fits; the move that frees room comes in an earlier wave. */
class RebalanceTest {
    private static final String YAML = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                  mdevs: [{uuid: "%2$s", type: nvidia-715}]}]}
              - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                  mdevs: [{uuid: "%3$s", type: nvidia-713}]}]}
              - {name: spare, cpus: 8, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
            vms:
              - {name: big, host: src, cpus: 16, memoryMiB: 8192, devices: [{mdev: "%2$s"}]}
              - {name: small, host: dst, cpus: 4, memoryMiB: 8192, devices: [{mdev: "%3$s"}]}
            """.formatted(A16, uuid(1), uuid(2));

    @Test
    void withoutRebalanceTheEvacueeIsStuck() {
        Plan p = Fixtures.plan(Fixtures.view(YAML), "src");
        assertThat(Fixtures.unplacedVms(p)).containsExactly("big");
    }

    @Test
    void residentMovesFirstToMakeRoom() {
        Plan p = Fixtures.plan(Fixtures.view(YAML), Fixtures.policy(Map.of("allowRebalance", true)), "src");
        assertThat(p.unplaced()).isEmpty();
        assertThat(Fixtures.move(p, "small").to()).isEqualTo("spare");
        assertThat(Fixtures.move(p, "big").to()).isEqualTo("dst");
        assertThat(Fixtures.move(p, "small").wave()).isLessThan(Fixtures.move(p, "big").wave());
        assertThat(p.summary().migrations()).isEqualTo(2);
        assertThat(p.summary().placed()).isEqualTo(1);
    }
}
