package io.devplace.solver;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import io.devplace.problem.PlanningProblem;
import org.junit.jupiter.api.Test;

import static io.devplace.solver.TestFleets.placed;
import static io.devplace.solver.TestFleets.policy;
import static io.devplace.solver.TestFleets.view;

/**
 * parentCapacity on a vfio-ap matrix: the solver's claims carry the attrs the new mdev is created with, so two
 * evacuees whose mdevs hold one APQN cannot both land on one matrix (vfio_ap_mdev_verify_no_sharing), while APQNs
 * that differ, or control domains alike, cost nothing. One failed claim weighs 1000.
 */
class ApqnConstraintTest {
    private static final ConstraintVerifier<EvacuationConstraints, Evacuation> VERIFY =
            ConstraintVerifier.build(new EvacuationConstraints(), Evacuation.class, VmPlacement.class, FreeMdevRemoval.class);

    /** k1 holds 5.4 on src1, k2 holds 5.4 (spelled 0x5 / 04) on src2, k3 holds 6.4 with control domain 4 on src2. */
    private static final String FLEET = """
            hosts:
              - {name: src1, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap, mdevs: [
                  {uuid: 5c000000-0000-4000-8000-000000000001, type: vfio_ap-passthrough, attrs: [{assign_adapter: "5"}, {assign_domain: "4"}, {assign_control_domain: "4"}]}]}]}
              - {name: src2, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap, mdevs: [
                  {uuid: 5c000000-0000-4000-8000-000000000002, type: vfio_ap-passthrough, attrs: [{assign_adapter: "0x5"}, {assign_domain: "04"}]},
                  {uuid: 5c000000-0000-4000-8000-000000000003, type: vfio_ap-passthrough, attrs: [{assign_adapter: "6"}, {assign_domain: "4"}, {assign_control_domain: "4"}]}]}]}
              - {name: dst, cpus: 16, memoryMiB: 65536, devices: [{id: matrix, driver: vfio_ap}]}
            vms:
              - {name: k1, host: src1, cpus: 1, memoryMiB: 1024, devices: [{mdev: 5c000000-0000-4000-8000-000000000001}]}
              - {name: k2, host: src2, cpus: 1, memoryMiB: 1024, devices: [{mdev: 5c000000-0000-4000-8000-000000000002}]}
              - {name: k3, host: src2, cpus: 1, memoryMiB: 1024, devices: [{mdev: 5c000000-0000-4000-8000-000000000003}]}
            """;

    private static PlanningProblem problem() { return TestFleets.problem(view(FLEET), policy().allowCold().build(), "src1", "src2"); }

    @Test
    void twoEvacueesClaimingOneApqnOnOneMatrixArePenalized() {
        PlanningProblem p = problem();
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "k1", "dst", "matrix"), placed(p, "k2", "dst", "matrix"))
                .penalizesBy(1000);
    }

    @Test
    void differentApqnsSharingAControlDomainCostNothing() {
        PlanningProblem p = problem();
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "k1", "dst", "matrix"), placed(p, "k3", "dst", "matrix"))
                .penalizesBy(0);
    }
}
