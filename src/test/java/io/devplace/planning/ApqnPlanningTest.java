package io.devplace.planning;

import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.model.Reason;
import io.devplace.problem.FleetView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * vfio-ap VMs evacuated cold: the re-created mdev keeps its adapters and domains, so its APQNs must be free on the
 * target's matrix, not held by an mdev there, not claimed by another mdev the plan creates there, and offered by the
 * target when it lists its queues. Every plan here passes the independent verifier (Fixtures.plan checks it).
 */
class ApqnPlanningTest {
    static final Map<String, Object> COLD = Map.of("allowCold", true);

    /**
     * src1: a1 (adapter 5, domain 4), a2 (adapter 6, domain 4 and 0x47); src2: a3 (adapter 7, domain 4, control domain 4).
     * dst's matrix holds stay's mdev with adapter 0x05 and domains 4, 5 (APQNs 5.4 and 5.5). dst is the only target.
     */
    static String fleet(String dstAttributes, String a3Attrs) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src1, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap, mdevs: [
                      {uuid: "%1$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "5"}, {assign_domain: "4"}]},
                      {uuid: "%2$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "6"}, {assign_domain: "4"}, {assign_domain: "0x47"}]}]}]}
                  - {name: src2, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap, mdevs: [
                      {uuid: "%3$s", type: vfio_ap-passthrough, attrs: %6$s}]}]}
                  - {name: dst, cpus: 16, memoryMiB: 65536, attributes: %5$s, devices: [{id: matrix, driver: vfio_ap, attributes: %5$s, mdevs: [
                      {uuid: "%4$s", type: vfio_ap-passthrough, attrs: [{assign_adapter: "0x05"}, {assign_domain: "4"}, {assign_domain: "5"}]}]}]}
                vms:
                  - {name: a1, host: src1, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%1$s"}]}
                  - {name: a2, host: src1, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%2$s"}]}
                  - {name: a3, host: src2, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%3$s"}]}
                  - {name: stay, host: dst, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%4$s"}]}
                """.formatted(uuid(1), uuid(2), uuid(3), uuid(4), dstAttributes, a3Attrs);
    }

    static final String A3_OWN = "[{assign_adapter: \"7\"}, {assign_domain: \"4\"}, {assign_control_domain: \"4\"}]";
    /** a3 with a2's APQN 6.71 spelled another way (0x47 = 71 = 0107). */
    static final String A3_LIKE_A2 = "[{assign_adapter: \"0x6\"}, {assign_domain: \"0107\"}]";

    @Test
    void aVmWhoseApqnTheTargetHoldsIsUnplacedNamingTheApqnAndItsHolder() {
        Plan p = Fixtures.plan(Fixtures.view(fleet("{}", A3_OWN)), Fixtures.policy(COLD), "src1", "src2");
        assertThat(Fixtures.unplacedVms(p)).containsExactly("a1");
        Reason r = p.unplaced().get(0).reasons().get(0);
        assertThat(r.code()).isEqualTo(Reason.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(r.detail()).contains("APQN 0x5.0x4").contains("held by mdev " + uuid(4));
        // the others keep their assignments on dst, control domain 4 shared with nobody's queues
        for (String vm : List.of("a2", "a3")) {
            Plan.Move m = Fixtures.move(p, vm);
            assertThat(m.mode()).isEqualTo(MoveMode.COLD);
            assertThat(m.to()).isEqualTo("dst");
        }
        assertThat(Fixtures.move(p, "a3").devices().get(0).target().attrs())
                .containsExactly(Map.of("assign_adapter", "7"), Map.of("assign_domain", "4"), Map.of("assign_control_domain", "4"));
        // the bound knows the held APQN too: a1 has no place, so 2 is the most any plan places, and this plan is proven
        assertThat(p.summary().placedBound()).isEqualTo(2L);
        assertThat(p.summary().optimal()).isTrue();
    }

    @Test
    void twoEvacueesClaimingOneApqnOnOneTargetDoNotBothGo() {
        Plan p = Fixtures.plan(Fixtures.view(fleet("{}", A3_LIKE_A2)), Fixtures.policy(COLD), "src1", "src2");
        // a2 and a3 both hold 6.71 (a3 spells it 0x6 / 0107): one of them goes, the other stays unplaced
        assertThat(p.moves()).hasSize(1);
        String moved = p.moves().get(0).vm(), left = moved.equals("a2") ? "a3" : "a2";
        assertThat(moved).isIn("a2", "a3");
        assertThat(Fixtures.unplacedVms(p)).containsExactlyInAnyOrder("a1", left);
        Reason r = p.unplaced().stream().filter(u -> u.vm().equals(left)).findFirst().orElseThrow().reasons().get(0);
        assertThat(r.code()).isEqualTo(Reason.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(r.detail()).contains("APQN 0x6.0x47");
    }

    @Test
    void aTargetThatListsItsQueuesTakesOnlyMdevsWhoseApqnsItOffers() {
        // dst offers 06.0004 and 06.0047 (a2's) and 07.0004; not a3's 08.0004 below
        String offers = "{vfio_ap_queues: \"05.0004 05.0005 06.0004 06.0047 07.0004\"}";
        Plan p = Fixtures.plan(Fixtures.view(fleet(offers, "[{assign_adapter: \"8\"}, {assign_domain: \"4\"}]")), Fixtures.policy(COLD), "src1", "src2");
        assertThat(Fixtures.unplacedVms(p)).containsExactly("a1", "a3");
        Reason r3 = p.unplaced().stream().filter(u -> u.vm().equals("a3")).findFirst().orElseThrow().reasons().get(0);
        assertThat(r3.code()).isEqualTo(Reason.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(r3.detail()).contains("APQN 0x8.0x4").contains("not one this parent offers");
        assertThat(Fixtures.move(p, "a2").to()).isEqualTo("dst");
    }
}
