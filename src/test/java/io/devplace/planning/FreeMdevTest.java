package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.devplace.planning.Fixtures.A16;
import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/** Free (unowned) mdevs: they lock and consume until removed; reuse is preferred; removal only with removeFreeMdevs, in wave 0. */
class FreeMdevTest {
    private static String fleet(String freeType) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%2$s", type: nvidia-713}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%3$s", type: %4$s}]}]}
                vms:
                  - {name: vm, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%2$s"}]}
                """.formatted(A16, uuid(1), uuid(2), freeType);
    }

    @Test
    void aFreeMdevOfTheSameTypeIsReused() {
        Plan p = Fixtures.plan(Fixtures.view(fleet("nvidia-713")), "src");
        Plan.Target t = Fixtures.move(p, "vm").devices().get(0).target();
        assertThat(t.action()).isEqualTo("reuse");
        assertThat(t.uuid()).isEqualTo(uuid(2));
        assertThat(p.actions()).noneMatch(a -> a.op().equals("create-mdev"));
    }

    @Test
    void aFreeMdevOfAnotherTypeLocksTheGpu() {
        Plan p = Fixtures.plan(Fixtures.view(fleet("nvidia-714")), "src");
        assertThat(p.unplaced()).hasSize(1);
        Reason r = p.unplaced().get(0).reasons().get(0);
        assertThat(r.code()).isEqualTo(Reason.TYPE_LOCKED);
        assertThat(r.detail()).contains("free mdev");
    }

    @Test
    void withRemoveFreeMdevsItIsRemovedInWaveZero() {
        Plan p = Fixtures.plan(Fixtures.view(fleet("nvidia-714")), Fixtures.policy(Map.of("removeFreeMdevs", true)), "src");
        assertThat(p.unplaced()).isEmpty();
        assertThat(p.actions().get(0).wave()).isZero();
        assertThat(p.actions().get(0).op()).isEqualTo("remove-mdev");
        assertThat(p.actions().get(0).uuid()).isEqualTo(uuid(2));
        assertThat(Fixtures.move(p, "vm").wave()).isEqualTo(1);
    }
}
