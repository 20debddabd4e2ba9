package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planning on VF-based parents (docs/vf.md): a new instance needs a free VF; a VF freed by an earlier wave's
 * reset-vf is configured in a later one; a configured VF no VM owns is reused. Every plan here passes the verifier.
 */
class VfPlanningTest {
    private static final String NIC = "{kernel: \"6.8.0\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}";
    private static final String CX7 = "driver: mlx5_core, model: \"ConnectX-7\", attributes: {firmware: \"28.39.1002\", psid: \"MT_0000000834\"}";

    /** dst has one VF, held by small; spare has room for small but not for big (memory): only a rebalance fits big. */
    private static final String ONE_VF = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:af:00.0", %2$s,
                  vfs: [{id: "0000:af:00.2", type: mlx5-vf}]}]}
              - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:af:00.0", %2$s,
                  vfs: [{id: "0000:af:00.2", type: mlx5-vf}]}]}
              - {name: spare, cpus: 64, memoryMiB: 16384, attributes: %1$s, devices: [{id: "0000:af:00.0", %2$s,
                  vfs: [{id: "0000:af:00.2"}]}]}
            vms:
              - {name: big, host: src, cpus: 8, memoryMiB: 65536, devices: [{vf: "0000:af:00.2"}]}
              - {name: small, host: dst, cpus: 4, memoryMiB: 8192, devices: [{vf: "0000:af:00.2"}]}
            """.formatted(NIC, CX7);

    @Test
    void aNewInstanceNeedsAFreeVf() {
        Plan p = Fixtures.plan(Fixtures.view(ONE_VF), "src");
        assertThat(Fixtures.unplacedVms(p)).containsExactly("big");
        List<Reason> reasons = p.unplaced().get(0).reasons();
        assertThat(reasons).anyMatch(r -> "dst".equals(r.host()) && r.code().equals(Reason.INSUFFICIENT_DEVICE_CAPACITY) && r.detail().contains("no free VF"));
    }

    @Test
    void aVfResetInOneWaveIsConfiguredInALaterOne() {
        Plan p = Fixtures.plan(Fixtures.view(ONE_VF), Fixtures.policy(Map.of("allowRebalance", true)), "src");
        assertThat(p.unplaced()).isEmpty();
        Plan.Move small = Fixtures.move(p, "small"), big = Fixtures.move(p, "big");
        assertThat(small.to()).isEqualTo("spare");
        assertThat(big.to()).isEqualTo("dst");
        assertThat(small.wave()).isLessThan(big.wave());
        // big takes the VF small's move resets on dst
        assertThat(big.devices().get(0).target().vf()).isEqualTo("0000:af:00.2");
        assertThat(big.devices().get(0).target().action()).isEqualTo("configure");
        assertThat(p.actions()).anyMatch(a -> a.op().equals("reset-vf") && a.host().equals("dst") && a.wave() == small.wave());
        assertThat(p.actions()).anyMatch(a -> a.op().equals("configure-vf") && a.host().equals("dst") && a.wave() == big.wave()
                && a.vf().equals("0000:af:00.2"));
    }

    @Test
    void aConfiguredUnownedVfIsReused() {
        String yaml = ONE_VF.replace("""
                  vfs: [{id: "0000:af:00.2"}]}]}""", """
                  vfs: [{id: "0000:af:00.2"}, {id: "0000:af:00.3", type: mlx5-vf}]}]}""").replace("memoryMiB: 16384", "memoryMiB: 262144");
        assertThat(yaml).isNotEqualTo(ONE_VF);
        Plan p = Fixtures.plan(Fixtures.view(yaml), "src");
        Plan.Target t = Fixtures.move(p, "big").devices().get(0).target();
        assertThat(Fixtures.move(p, "big").to()).isEqualTo("spare");
        assertThat(t.action()).isEqualTo("reuse");
        assertThat(t.vf()).isEqualTo("0000:af:00.3");
        assertThat(p.actions()).noneMatch(a -> a.op().equals("configure-vf"));
    }

    @Test
    void atMostTwoMovesPerWaveOutOfAndIntoOneConnectXPf() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, migration: {maxInbound: 8, maxOutbound: 8},
                     devices: [{id: "0000:af:00.0", %2$s, vfs: [{id: "0000:af:00.2", type: mlx5-vf}, {id: "0000:af:00.3", type: mlx5-vf},
                       {id: "0000:af:00.4", type: mlx5-vf}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, migration: {maxInbound: 8, maxOutbound: 8},
                     devices: [{id: "0000:af:00.0", %2$s, vfs: [{id: "0000:af:00.2"}, {id: "0000:af:00.3"}, {id: "0000:af:00.4"}]}]}
                vms:
                  - {name: a, host: src, cpus: 2, memoryMiB: 2048, devices: [{vf: "0000:af:00.2"}]}
                  - {name: b, host: src, cpus: 2, memoryMiB: 2048, devices: [{vf: "0000:af:00.3"}]}
                  - {name: c, host: src, cpus: 2, memoryMiB: 2048, devices: [{vf: "0000:af:00.4"}]}
                """.formatted(NIC, CX7);
        Plan p = Fixtures.plan(Fixtures.view(yaml), "src");
        assertThat(p.unplaced()).isEmpty();
        Map<Long, Long> perWave = new java.util.TreeMap<>();
        for (Plan.Move m : p.moves()) perWave.merge(m.wave(), 1L, Long::sum);
        assertThat(perWave.values()).allMatch(n -> n <= 2);
        assertThat(p.summary().waves()).isEqualTo(2);
        // the three targets are three different VFs of dst
        assertThat(p.moves().stream().map(m -> m.devices().get(0).target().vf()).distinct().count()).isEqualTo(3);
    }
}
