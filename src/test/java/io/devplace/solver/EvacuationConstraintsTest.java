package io.devplace.solver;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;
import org.junit.jupiter.api.Test;

import static io.devplace.solver.TestFleets.NVIDIA_OK;
import static io.devplace.solver.TestFleets.NVIDIA_OLD_LIBVIRT;
import static io.devplace.solver.TestFleets.bundledPlus;
import static io.devplace.solver.TestFleets.handMade;
import static io.devplace.solver.TestFleets.newInstance;
import static io.devplace.solver.TestFleets.option;
import static io.devplace.solver.TestFleets.placed;
import static io.devplace.solver.TestFleets.policy;
import static io.devplace.solver.TestFleets.problem;
import static io.devplace.solver.TestFleets.removal;
import static io.devplace.solver.TestFleets.request;
import static io.devplace.solver.TestFleets.requestAs;
import static io.devplace.solver.TestFleets.reusing;
import static io.devplace.solver.TestFleets.unassigned;
import static io.devplace.solver.TestFleets.view;
import static io.devplace.solver.TestFleets.withStayingMembers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every constraint of {@link EvacuationConstraints} against docs/reference/plan.md, What the verifier checks, one at a time, on planning values built from
 * small fleets exactly as a plan builds them. Penalties are match weights (before the constraint weight).
 */
class EvacuationConstraintsTest {
    private static final ConstraintVerifier<EvacuationConstraints, Evacuation> VERIFY =
            ConstraintVerifier.build(new EvacuationConstraints(), Evacuation.class, VmPlacement.class, FreeMdevRemoval.class);

    // ------------------------------------------------------------------------------------------------------------
    // Fleets

    /** The free 8Q mdev on dst 0000:43:00.0; twin holds an unrelated free mdev with the same UUID on its own 43. */
    private static final String FREE_8Q = "f0000000-0000-4000-8000-000000000001";

    /**
     * NVIDIA A16 (same-size: exclusive type; 16 GiB framebuffer; 4Q = 4096 MiB, at most 4 per GPU; 8Q = 8192, at
     * most 2). Evacuating src: e1, e2 (4Q), e3, e4 (8Q), e5 (two 1Q), c1 (4Q, not live-migratable). On dst: 41 holds
     * three 4Q of s1 (room for exactly one more), 42 is idle, 43 holds a free 8Q, 44 a full-GPU 16Q of r1 (a
     * rebalance candidate when the policy allows). spare has an idle GPU; twin a free 8Q with FREE_8Q's UUID.
     */
    private static final String FLEET_A16 = """
            hosts:
              - name: src
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:01:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: 5c000000-0000-4000-8000-000000000001, type: nvidia-713},
                      {uuid: 5c000000-0000-4000-8000-000000000002, type: nvidia-713},
                      {uuid: 5c000000-0000-4000-8000-000000000006, type: nvidia-713}]}
                  - {id: "0000:02:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: 5c000000-0000-4000-8000-000000000003, type: nvidia-714},
                      {uuid: 5c000000-0000-4000-8000-000000000004, type: nvidia-714}]}
                  - {id: "0000:03:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: 5c000000-0000-4000-8000-000000000051, type: nvidia-711},
                      {uuid: 5c000000-0000-4000-8000-000000000052, type: nvidia-711}]}
              - name: dst
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:41:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: d5000000-0000-4000-8000-000000000001, type: nvidia-713},
                      {uuid: d5000000-0000-4000-8000-000000000002, type: nvidia-713},
                      {uuid: d5000000-0000-4000-8000-000000000003, type: nvidia-713}]}
                  - {id: "0000:42:00.0", driver: nvidia, model: NVIDIA A16}
                  - {id: "0000:43:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: %2$s, type: nvidia-714}]}
                  - {id: "0000:44:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: d5000000-0000-4000-8000-000000000004, type: nvidia-715}]}
              - name: spare
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:81:00.0", driver: nvidia, model: NVIDIA A16}
              - name: twin
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:43:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: %2$s, type: nvidia-714}]}
            vms:
              - {name: e1, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000001}]}
              - {name: e2, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000002}]}
              - {name: e3, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000003}]}
              - {name: e4, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000004}]}
              - {name: e5, host: src, cpus: 8, memoryMiB: 32768, devices: [
                  {mdev: 5c000000-0000-4000-8000-000000000051}, {mdev: 5c000000-0000-4000-8000-000000000052}]}
              - {name: c1, host: src, cpus: 8, memoryMiB: 32768, liveMigratable: false,
                 devices: [{mdev: 5c000000-0000-4000-8000-000000000006}]}
              - {name: s1, host: dst, cpus: 4, memoryMiB: 16384, liveMigratable: false, devices: [
                  {mdev: d5000000-0000-4000-8000-000000000001}, {mdev: d5000000-0000-4000-8000-000000000002},
                  {mdev: d5000000-0000-4000-8000-000000000003}]}
              - {name: r1, host: dst, cpus: 8, memoryMiB: 32768, devices: [{mdev: d5000000-0000-4000-8000-000000000004}]}
            """.formatted(NVIDIA_OK, FREE_8Q);

    private static PlanningProblem a16(Policy policy) { return problem(view(FLEET_A16), policy, "src"); }

    /**
     * NVIDIA L40S, mixed-size: 48 slots; a 16Q takes 16 aligned slots (offset 0, 16 or 32). dst 41 holds a free 8Q at
     * offset 8 and a free 2Q at offset 46: 38 slots free, but only offset 16 can take a 16Q.
     */
    private static final String FLEET_L40S = """
            hosts:
              - name: src
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:01:00.0", driver: nvidia, model: NVIDIA L40S, mdevs: [
                      {uuid: 5c000000-0000-4000-8000-000000000011, type: nvidia-1154},
                      {uuid: 5c000000-0000-4000-8000-000000000012, type: nvidia-1154},
                      {uuid: 5c000000-0000-4000-8000-000000000013, type: nvidia-1154}]}
              - name: dst
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:41:00.0", driver: nvidia, model: NVIDIA L40S, mdevs: [
                      {uuid: f0000000-0000-4000-8000-000000000011, type: nvidia-1152, placement: 8},
                      {uuid: f0000000-0000-4000-8000-000000000012, type: nvidia-1148, placement: 46}]}
            vms:
              - {name: l1, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000011}]}
              - {name: l2, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000012}]}
              - {name: l3, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000013}]}
            """.formatted(NVIDIA_OK);

    private static final String FREE_L40S_8Q = "f0000000-0000-4000-8000-000000000011";
    private static final String FREE_L40S_2Q = "f0000000-0000-4000-8000-000000000012";

    /** s390 channel subchannels (bundled vfio-ccw pack): at most one instance each, nothing else limits them. */
    private static final String FLEET_CCW = """
            hosts:
              - name: src
                cpus: 64
                memoryMiB: 262144
                devices:
                  - {id: "0.0.0100", driver: vfio_ccw, mdevs: [{uuid: 5c000000-0000-4000-8000-000000000021, type: vfio_ccw-io}]}
                  - {id: "0.0.0101", driver: vfio_ccw, mdevs: [{uuid: 5c000000-0000-4000-8000-000000000022, type: vfio_ccw-io}]}
              - name: dst
                cpus: 64
                memoryMiB: 262144
                devices:
                  - {id: "0.0.0200", driver: vfio_ccw}
            vms:
              - {name: c1, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: 5c000000-0000-4000-8000-000000000021}]}
              - {name: c2, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: 5c000000-0000-4000-8000-000000000022}]}
            """;

    /** A test pack whose only limit is a counter: 10 units per parent, 3 per instance, no maxInstances. */
    private static final String PACK_POOL = """
            apiVersion: devplace/v1
            kind: RulePack
            name: test-pool
            description: counters only
            match: {driver: testpool}
            capacity:
              counters: {units: 10}
            types:
              testpool-3: {name: "three units", deviceApi: vfio-pci, consumes: {units: 3}, stateMiB: 64}
            """;

    /** dst pool0 holds two instances of s1 (6 of 10 units): room for one more. */
    private static final String FLEET_POOL = """
            hosts:
              - name: src
                cpus: 64
                memoryMiB: 262144
                devices:
                  - {id: pool0, driver: testpool, mdevs: [
                      {uuid: 5c000000-0000-4000-8000-000000000031, type: testpool-3},
                      {uuid: 5c000000-0000-4000-8000-000000000032, type: testpool-3}]}
              - name: dst
                cpus: 64
                memoryMiB: 262144
                devices:
                  - {id: pool0, driver: testpool, mdevs: [
                      {uuid: d5000000-0000-4000-8000-000000000031, type: testpool-3},
                      {uuid: d5000000-0000-4000-8000-000000000032, type: testpool-3}]}
            vms:
              - {name: p1, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: 5c000000-0000-4000-8000-000000000031}]}
              - {name: p2, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: 5c000000-0000-4000-8000-000000000032}]}
              - {name: s1, host: dst, cpus: 2, memoryMiB: 4096, liveMigratable: false, devices: [
                  {mdev: d5000000-0000-4000-8000-000000000031}, {mdev: d5000000-0000-4000-8000-000000000032}]}
            """;

    /**
     * CPU and memory only (VMs without devices). dst: 24 vCPUs, 96 GiB; s1 (4 vCPUs, 16 GiB) always stays, r1 (6 vCPUs,
     * 24 GiB) is a rebalance candidate when the policy allows. Without rebalance 14 vCPUs / 56 GiB are left for
     * evacuees; with it the builder counts 20 / 80 GiB (r1 might leave) and the constraints must count r1 if it stays.
     */
    private static final String FLEET_HOSTS = """
            hosts:
              - {name: src, cpus: 64, memoryMiB: 262144}
              - {name: dst, cpus: 24, memoryMiB: 98304}
              - {name: spare, cpus: 64, memoryMiB: 262144}
            vms:
              - {name: e1, host: src, cpus: 8, memoryMiB: 32768}
              - {name: e2, host: src, cpus: 8, memoryMiB: 32768}
              - {name: e3, host: src, cpus: 8, memoryMiB: 32768}
              - {name: s1, host: dst, cpus: 4, memoryMiB: 16384, liveMigratable: false}
              - {name: r1, host: dst, cpus: 6, memoryMiB: 24576}
            """;

    /** Pack requirements: old and oldsrc run libvirt 8.0.0, below the NVIDIA packs' >=8.6. */
    private static final String FLEET_REQUIRES = """
            hosts:
              - name: src
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:01:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [{uuid: 5c000000-0000-4000-8000-000000000041, type: nvidia-713}]}
              - name: oldsrc
                cpus: 64
                memoryMiB: 262144
                attributes: %2$s
                devices:
                  - {id: "0000:01:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [{uuid: 5c000000-0000-4000-8000-000000000042, type: nvidia-713}]}
              - name: new
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:41:00.0", driver: nvidia, model: NVIDIA A16}
              - name: old
                cpus: 64
                memoryMiB: 262144
                attributes: %2$s
                devices:
                  - {id: "0000:41:00.0", driver: nvidia, model: NVIDIA A16}
            vms:
              - {name: e1, host: src, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000041}]}
              - {name: o1, host: oldsrc, cpus: 8, memoryMiB: 32768, devices: [{mdev: 5c000000-0000-4000-8000-000000000042}]}
            """.formatted(NVIDIA_OK, NVIDIA_OLD_LIBVIRT);

    private static final String A16_RULE = "nvidia-a16-same-size#0";

    /** Anti-affinity: s1 (db) always stays on dst; r1 (web) on spare stays unless rebalance lets it move. */
    private static final String FLEET_GROUPS = """
            hosts:
              - {name: src, cpus: 64, memoryMiB: 262144}
              - {name: dst, cpus: 64, memoryMiB: 262144}
              - {name: spare, cpus: 64, memoryMiB: 262144}
              - {name: other, cpus: 64, memoryMiB: 262144}
            vms:
              - {name: e1, host: src, cpus: 2, memoryMiB: 4096, groups: [db]}
              - {name: e2, host: src, cpus: 2, memoryMiB: 4096, groups: [db]}
              - {name: e3, host: src, cpus: 2, memoryMiB: 4096, groups: [web]}
              - {name: s1, host: dst, cpus: 2, memoryMiB: 4096, groups: [db], liveMigratable: false}
              - {name: r1, host: spare, cpus: 2, memoryMiB: 4096, groups: [web]}
            """;

    /** Priorities: one evacuee of priority 100, two of priority 0; r1 a rebalance candidate under allowRebalance. */
    private static final String FLEET_PRIORITY = """
            hosts:
              - {name: src, cpus: 64, memoryMiB: 262144}
              - {name: dst, cpus: 64, memoryMiB: 262144}
              - {name: spare, cpus: 64, memoryMiB: 262144}
            vms:
              - {name: hi, host: src, cpus: 2, memoryMiB: 4096, priority: 100}
              - {name: lo1, host: src, cpus: 2, memoryMiB: 4096}
              - {name: lo2, host: src, cpus: 2, memoryMiB: 4096}
              - {name: r1, host: dst, cpus: 2, memoryMiB: 4096}
            """;

    /** Packing: A16 1Q (at most 16 per GPU). dst 41 and 42 each hold three 1Q of staying VMs; 43 is idle. */
    private static final String FLEET_PACKING = """
            hosts:
              - name: src
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:01:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: 5c000000-0000-4000-8000-000000000061, type: nvidia-711},
                      {uuid: 5c000000-0000-4000-8000-000000000062, type: nvidia-711}]}
              - name: dst
                cpus: 64
                memoryMiB: 262144
                attributes: %1$s
                devices:
                  - {id: "0000:41:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: d5000000-0000-4000-8000-000000000061, type: nvidia-711},
                      {uuid: d5000000-0000-4000-8000-000000000062, type: nvidia-711},
                      {uuid: d5000000-0000-4000-8000-000000000063, type: nvidia-711}]}
                  - {id: "0000:42:00.0", driver: nvidia, model: NVIDIA A16, mdevs: [
                      {uuid: d5000000-0000-4000-8000-000000000064, type: nvidia-711},
                      {uuid: d5000000-0000-4000-8000-000000000065, type: nvidia-711},
                      {uuid: d5000000-0000-4000-8000-000000000066, type: nvidia-711}]}
                  - {id: "0000:43:00.0", driver: nvidia, model: NVIDIA A16}
            vms:
              - {name: e1, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: 5c000000-0000-4000-8000-000000000061}]}
              - {name: e2, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: 5c000000-0000-4000-8000-000000000062}]}
              - {name: s1, host: dst, cpus: 2, memoryMiB: 4096, liveMigratable: false, devices: [
                  {mdev: d5000000-0000-4000-8000-000000000061}, {mdev: d5000000-0000-4000-8000-000000000062},
                  {mdev: d5000000-0000-4000-8000-000000000063}]}
              - {name: s2, host: dst, cpus: 2, memoryMiB: 4096, liveMigratable: false, devices: [
                  {mdev: d5000000-0000-4000-8000-000000000064}, {mdev: d5000000-0000-4000-8000-000000000065},
                  {mdev: d5000000-0000-4000-8000-000000000066}]}
            """.formatted(NVIDIA_OK);

    private static PlanningProblem packing() { return problem(view(FLEET_PACKING), policy().build(), "src"); }

    // ------------------------------------------------------------------------------------------------------------
    // parentCapacity: counters, maxInstances, exclusive type, slots; RELEASE and REMOVE claims free room

    @Test
    void parentCapacity_lastFreeA16ShareFits() {
        PlanningProblem p = a16(policy().build());
        // three 4Q of s1 + e1's 4Q = 16384 MiB of 16384, 4 instances of at most 4
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e1", "dst", "0000:41:00.0"))
                .penalizesBy(0);
    }

    @Test
    void parentCapacity_fifthA16InstanceExceedsMaxInstancesAndFramebuffer() {
        PlanningProblem p = a16(policy().build());
        // each fits alone; together: 5 of 4 instances (1000) and 20480 of 16384 MiB (1 + 4096 * 1000 / 16384 = 251)
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e1", "dst", "0000:41:00.0"), placed(p, "e2", "dst", "0000:41:00.0"))
                .penalizesBy(1251);
    }

    @Test
    void parentCapacity_counterPoolFilledToTheLastUnits() {
        PlanningProblem p = problem(view(FLEET_POOL, bundledPlus(PACK_POOL)), policy().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "p1", "dst", "pool0"))
                .penalizesBy(0);
    }

    @Test
    void parentCapacity_counterPoolOverdrawnWithoutAnyInstanceLimit() {
        PlanningProblem p = problem(view(FLEET_POOL, bundledPlus(PACK_POOL)), policy().build(), "src");
        // 6 + 3 + 3 = 12 of 10 units: 1 + 2 * 1000 / 10
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "p1", "dst", "pool0"), placed(p, "p2", "dst", "pool0"))
                .penalizesBy(201);
    }

    // vfio-ccw never moves live (its pack says live: false): the subchannel VMs move cold
    @Test
    void parentCapacity_oneInstanceOnAnIdleSubchannel() {
        PlanningProblem p = problem(view(FLEET_CCW), policy().allowCold().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "c1", "dst", "0.0.0200"))
                .penalizesBy(0);
    }

    @Test
    void parentCapacity_maxInstancesWithoutCounters() {
        PlanningProblem p = problem(view(FLEET_CCW), policy().allowCold().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "c1", "dst", "0.0.0200"), placed(p, "c2", "dst", "0.0.0200"))
                .penalizesBy(1000);
    }

    @Test
    void parentCapacity_exclusiveGpuTakesTwoOfTheSameType() {
        PlanningProblem p = a16(policy().build());
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e1", "dst", "0000:42:00.0"), placed(p, "e2", "dst", "0000:42:00.0"))
                .penalizesBy(0);
    }

    @Test
    void parentCapacity_exclusiveGpuRejectsASecondType() {
        PlanningProblem p = a16(policy().build());
        // a 4Q and an 8Q on one idle same-size GPU: 12288 MiB would fit, the mix does not (TYPE_LOCKED, 1000 per odd one)
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e1", "dst", "0000:42:00.0"), placed(p, "e3", "dst", "0000:42:00.0"))
                .penalizesBy(1000);
    }

    @Test
    void parentCapacity_freeMdevLocksItsGpuUntilRemoved() {
        PlanningProblem p = a16(policy().removeFreeMdevs().build());
        // the builder offers e1 a 4Q on 43 because the free 8Q may be removed; kept, it locks the GPU to 8Q
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e1", "dst", "0000:43:00.0"), removal(p, "dst", FREE_8Q, false))
                .penalizesBy(1000);
    }

    @Test
    void parentCapacity_removeClaimUnlocksTheGpu() {
        PlanningProblem p = a16(policy().removeFreeMdevs().build());
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e1", "dst", "0000:43:00.0"), removal(p, "dst", FREE_8Q, true))
                .penalizesBy(0);
    }

    @Test
    void parentCapacity_rebalanceCandidateThatStaysKeepsItsGpu() {
        PlanningProblem p = a16(policy().allowRebalance().build());
        // r1's 16Q stays: the GPU is locked to 16Q (1000) and e1's 4096 MiB overflow it (1 + 4096 * 1000 / 16384)
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e1", "dst", "0000:44:00.0"), unassigned(p, "r1"))
                .penalizesBy(1251);
    }

    @Test
    void parentCapacity_releaseClaimOfAMovedRebalanceCandidateFreesItsGpu() {
        PlanningProblem p = a16(policy().allowRebalance().build());
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e1", "dst", "0000:44:00.0"), placed(p, "r1", "spare", "0000:81:00.0"))
                .penalizesBy(0);
    }

    @Test
    void parentCapacity_reuseTakesNoNewRoom() {
        PlanningProblem p = a16(policy().build());
        // e3 takes over the free 8Q, e4 creates the second: 2 of 2 instances, 16384 of 16384 MiB
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(reusing(p, "e3", "dst", FREE_8Q), placed(p, "e4", "dst", "0000:43:00.0"))
                .penalizesBy(0);
    }

    @Test
    void parentCapacity_freeMdevKeptBesideTwoNewOnesCounts() {
        PlanningProblem p = a16(policy().build());
        // free 8Q + two new: 3 of 2 instances (1000), 24576 of 16384 MiB (1 + 8192 * 1000 / 16384 = 501)
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "e3", "dst", "0000:43:00.0"), placed(p, "e4", "dst", "0000:43:00.0"))
                .penalizesBy(1501);
    }

    @Test
    void parentCapacity_one16QFitsTheOnlyAlignedGap() {
        PlanningProblem p = problem(view(FLEET_L40S), policy().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "l1", "dst", "0000:41:00.0"))
                .penalizesBy(0);
    }

    @Test
    void parentCapacity_two16QAreFragmentedOut() {
        PlanningProblem p = problem(view(FLEET_L40S), policy().build(), "src");
        // 8 + 2 + 32 = 42 of 48 slots, but offset 0 and 32 are broken by the 8Q at 8 and the 2Q at 46 (FRAGMENTED)
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "l1", "dst", "0000:41:00.0"), placed(p, "l2", "dst", "0000:41:00.0"))
                .penalizesBy(500);
    }

    @Test
    void parentCapacity_three16QExceedTheSlots() {
        PlanningProblem p = problem(view(FLEET_L40S), policy().build(), "src");
        // 8 + 2 + 48 = 58 of 48 slots: 1000 per slot over; and three 16Q where mixed-size mode allows 2: 1000 more
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "l1", "dst", "0000:41:00.0"), placed(p, "l2", "dst", "0000:41:00.0"),
                        placed(p, "l3", "dst", "0000:41:00.0"))
                .penalizesBy(11_000);
    }

    @Test
    void parentCapacity_removingAFreeMdevDefragmentsSlots() {
        PlanningProblem p = problem(view(FLEET_L40S), policy().removeFreeMdevs().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::parentCapacity)
                .given(placed(p, "l1", "dst", "0000:41:00.0"), placed(p, "l2", "dst", "0000:41:00.0"),
                        removal(p, "dst", FREE_L40S_2Q, true), removal(p, "dst", FREE_L40S_8Q, false))
                .penalizesBy(0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // hostCpu / hostMemory: against what certainly stays, plus rebalance candidates that stay

    @Test
    void hostCpu_oneEvacueeFits() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::hostCpu)
                .given(placed(p, "e1", "dst"))
                .penalizesBy(0);
    }

    @Test
    void hostCpu_twoEvacueesOvercommit() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().build(), "src");
        // 24 - 4 (s1) - 6 (r1) = 14 left; 16 wanted
        VERIFY.verifyThat(EvacuationConstraints::hostCpu)
                .given(placed(p, "e1", "dst"), placed(p, "e2", "dst"))
                .penalizesBy(2);
    }

    @Test
    void hostCpu_rebalanceCandidateThatStaysStillUsesItsCpus() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().allowRebalance().build(), "src");
        // r1 stays: 4 + 6 + 16 = 26 of 24
        VERIFY.verifyThat(EvacuationConstraints::hostCpu)
                .given(placed(p, "e1", "dst"), placed(p, "e2", "dst"), unassigned(p, "r1"))
                .penalizesBy(2);
    }

    @Test
    void hostCpu_rebalanceCandidateThatMovesFreesItsCpus() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().allowRebalance().build(), "src");
        // r1 leaves: 4 + 16 = 20 of 24
        VERIFY.verifyThat(EvacuationConstraints::hostCpu)
                .given(placed(p, "e1", "dst"), placed(p, "e2", "dst"), placed(p, "r1", "spare"))
                .penalizesBy(0);
    }

    @Test
    void hostCpu_rebalanceCandidateThatMovesFreesItsCpusOnlyOnce() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().allowRebalance().build(), "src");
        // r1 leaves: 4 + 24 = 28 of 24
        VERIFY.verifyThat(EvacuationConstraints::hostCpu)
                .given(placed(p, "e1", "dst"), placed(p, "e2", "dst"), placed(p, "e3", "dst"), placed(p, "r1", "spare"))
                .penalizesBy(4);
    }

    @Test
    void hostMemory_oneEvacueeFits() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::hostMemory)
                .given(placed(p, "e1", "dst"))
                .penalizesBy(0);
    }

    @Test
    void hostMemory_twoEvacueesOvercommit() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().build(), "src");
        // 98304 - 16384 - 24576 = 57344 MiB left; 65536 wanted: 1 + 8192 / 1024
        VERIFY.verifyThat(EvacuationConstraints::hostMemory)
                .given(placed(p, "e1", "dst"), placed(p, "e2", "dst"))
                .penalizesBy(9);
    }

    @Test
    void hostMemory_rebalanceCandidateThatStaysStillUsesItsMemory() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().allowRebalance().build(), "src");
        // 16384 + 24576 + 65536 = 106496 of 98304: 1 + 8192 / 1024
        VERIFY.verifyThat(EvacuationConstraints::hostMemory)
                .given(placed(p, "e1", "dst"), placed(p, "e2", "dst"), unassigned(p, "r1"))
                .penalizesBy(9);
    }

    @Test
    void hostMemory_rebalanceCandidateThatMovesFreesItsMemory() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().allowRebalance().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::hostMemory)
                .given(placed(p, "e1", "dst"), placed(p, "e2", "dst"), placed(p, "r1", "spare"))
                .penalizesBy(0);
    }

    @Test
    void hostMemory_rebalanceCandidateThatMovesFreesItsMemoryOnlyOnce() {
        PlanningProblem p = problem(view(FLEET_HOSTS), policy().allowRebalance().build(), "src");
        // 16384 + 98304 = 114688 of 98304: 1 + 16384 / 1024
        VERIFY.verifyThat(EvacuationConstraints::hostMemory)
                .given(placed(p, "e1", "dst"), placed(p, "e2", "dst"), placed(p, "e3", "dst"), placed(p, "r1", "spare"))
                .penalizesBy(17);
    }

    // ------------------------------------------------------------------------------------------------------------
    // freeMdevReusedOnce / reusedMdevNotRemoved

    @Test
    void freeMdevReusedOnce_oneTaker() {
        PlanningProblem p = a16(policy().build());
        VERIFY.verifyThat(EvacuationConstraints::freeMdevReusedOnce)
                .given(reusing(p, "e3", "dst", FREE_8Q), placed(p, "e4", "dst", "0000:43:00.0"))
                .penalizesBy(0);
    }

    @Test
    void freeMdevReusedOnce_twoTakers() {
        PlanningProblem p = a16(policy().build());
        VERIFY.verifyThat(EvacuationConstraints::freeMdevReusedOnce)
                .given(reusing(p, "e3", "dst", FREE_8Q), reusing(p, "e4", "dst", FREE_8Q))
                .penalizesBy(1000);
    }

    @Test
    void freeMdevReusedOnce_sameUuidOnAnotherHostIsAnotherMdev() {
        PlanningProblem p = a16(policy().build());
        // mdev UUIDs are unique per host (docs/reference/fleet.md): dst's and twin's free 8Q are two devices
        VERIFY.verifyThat(EvacuationConstraints::freeMdevReusedOnce)
                .given(reusing(p, "e3", "dst", FREE_8Q), reusing(p, "e4", "twin", FREE_8Q))
                .penalizesBy(0);
    }

    @Test
    void reusedMdevNotRemoved_keptWhileReused() {
        PlanningProblem p = a16(policy().removeFreeMdevs().build());
        VERIFY.verifyThat(EvacuationConstraints::reusedMdevNotRemoved)
                .given(reusing(p, "e3", "dst", FREE_8Q), removal(p, "dst", FREE_8Q, false), removal(p, "twin", FREE_8Q, false))
                .penalizesBy(0);
    }

    @Test
    void reusedMdevNotRemoved_removedWhileReused() {
        PlanningProblem p = a16(policy().removeFreeMdevs().build());
        VERIFY.verifyThat(EvacuationConstraints::reusedMdevNotRemoved)
                .given(reusing(p, "e3", "dst", FREE_8Q), removal(p, "dst", FREE_8Q, true))
                .penalizesBy(1000);
    }

    @Test
    void reusedMdevNotRemoved_removingAFreeMdevAndCreatingInItsPlaceIsFine() {
        PlanningProblem p = a16(policy().removeFreeMdevs().build());
        VERIFY.verifyThat(EvacuationConstraints::reusedMdevNotRemoved)
                .given(placed(p, "e3", "dst", "0000:43:00.0"), removal(p, "dst", FREE_8Q, true))
                .penalizesBy(0);
    }

    @Test
    void reusedMdevNotRemoved_removalOfTheSameUuidOnAnotherHostIsFine() {
        PlanningProblem p = a16(policy().removeFreeMdevs().build());
        VERIFY.verifyThat(EvacuationConstraints::reusedMdevNotRemoved)
                .given(reusing(p, "e3", "dst", FREE_8Q), removal(p, "twin", FREE_8Q, true))
                .penalizesBy(0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // packRequirements: the builder prunes these, so the violating options are made by hand

    @Test
    void packRequirements_metOnBothEnds() {
        PlanningProblem p = problem(view(FLEET_REQUIRES), policy().build(), "src", "oldsrc");
        // precondition: the builder offers e1 only the host whose libvirt is new enough, o1 nothing
        assertThat(request(p, "e1").options()).extracting(PlacementOption::hostName).containsExactly("new");
        assertThat(request(p, "o1").options()).isEmpty();
        VERIFY.verifyThat(EvacuationConstraints::packRequirements)
                .given(placed(p, "e1", "new", "0000:41:00.0"))
                .penalizesBy(0);
    }

    @Test
    void packRequirements_targetHostLibvirtTooOld() {
        PlanningProblem p = problem(view(FLEET_REQUIRES), policy().build(), "src", "oldsrc");
        FleetView v = p.view();
        VmRequest r = request(p, "e1");
        PlacementOption toOld = handMade(p, r, "old", newInstance(v, "e1", 0, "old", "0000:41:00.0", "nvidia-713", A16_RULE));
        VERIFY.verifyThat(EvacuationConstraints::packRequirements)
                .given(new VmPlacement(r, toOld))
                .penalizesBy(1000);
    }

    @Test
    void packRequirements_sourceHostLibvirtTooOld() {
        PlanningProblem p = problem(view(FLEET_REQUIRES), policy().build(), "src", "oldsrc");
        FleetView v = p.view();
        VmRequest r = request(p, "o1");
        PlacementOption toNew = handMade(p, r, "new", newInstance(v, "o1", 0, "new", "0000:41:00.0", "nvidia-713", A16_RULE));
        VERIFY.verifyThat(EvacuationConstraints::packRequirements)
                .given(new VmPlacement(r, toNew))
                .penalizesBy(1000);
    }

    @Test
    void packRequirements_doNotApplyToColdMoves() {
        PlanningProblem p = problem(view(FLEET_REQUIRES), policy().allowCold().build(), "src", "oldsrc");
        FleetView v = p.view();
        VmRequest cold = requestAs(v, "o1", MoveMode.COLD);
        PlacementOption toOld = handMade(p, cold, "old", newInstance(v, "o1", 0, "old", "0000:41:00.0", "nvidia-713", "same-type"));
        VERIFY.verifyThat(EvacuationConstraints::packRequirements)
                .given(new VmPlacement(cold, toOld))
                .penalizesBy(0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // downtimeCap: e1's 4Q carries 4096 MiB of state at 1250 MiB/s: 300 + 3276.8 = 3577 ms

    @Test
    void downtimeCap_exceeded() {
        PlanningProblem p = a16(policy().build());
        // 1 + (3577 - 3000) / 100
        VERIFY.verifyThat(EvacuationConstraints::downtimeCap)
                .given(placed(p, "e1", "dst", "0000:41:00.0"), new Evacuation.Settings(3000))
                .penalizesBy(6);
    }

    @Test
    void downtimeCap_exactlyAtTheCap() {
        PlanningProblem p = a16(policy().build());
        assertThat(option(p, "e1", "dst", "0000:41:00.0").downtimeMs()).isEqualTo(3577);
        VERIFY.verifyThat(EvacuationConstraints::downtimeCap)
                .given(placed(p, "e1", "dst", "0000:41:00.0"), new Evacuation.Settings(3577))
                .penalizesBy(0);
    }

    @Test
    void downtimeCap_zeroMeansNoCap() {
        PlanningProblem p = a16(policy().build());
        VERIFY.verifyThat(EvacuationConstraints::downtimeCap)
                .given(placed(p, "e1", "dst", "0000:41:00.0"), new Evacuation.Settings(0))
                .penalizesBy(0);
    }

    @Test
    void downtimeCap_doesNotApplyToColdMoves() {
        PlanningProblem p = a16(policy().allowCold().build());
        VERIFY.verifyThat(EvacuationConstraints::downtimeCap)
                .given(placed(p, "c1", "dst", "0000:41:00.0"), new Evacuation.Settings(1))
                .penalizesBy(0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Anti-affinity (docs/reference/plan.md, check 5)

    @Test
    void antiAffinityWithStayingVms_landsBesideAStayingGroupMate() {
        PlanningProblem p = problem(view(FLEET_GROUPS), policy().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityWithStayingVms)
                .given(withStayingMembers(p, placed(p, "e1", "dst")))
                .penalizesBy(1);
    }

    @Test
    void antiAffinityWithStayingVms_vmThatMayNotRebalanceIsStaying() {
        PlanningProblem p = problem(view(FLEET_GROUPS), policy().build(), "src");
        // without allowRebalance r1 certainly stays on spare
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityWithStayingVms)
                .given(withStayingMembers(p, placed(p, "e3", "spare")))
                .penalizesBy(1);
    }

    @Test
    void antiAffinityWithStayingVms_otherGroupOrOtherHost() {
        PlanningProblem p = problem(view(FLEET_GROUPS), policy().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityWithStayingVms)
                .given(withStayingMembers(p, placed(p, "e3", "dst"), placed(p, "e1", "other"), placed(p, "e2", "spare")))
                .penalizesBy(0);
    }

    @Test
    void antiAffinityBetweenMovedVms_groupMatesOnOneHost() {
        PlanningProblem p = problem(view(FLEET_GROUPS), policy().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityBetweenMovedVms)
                .given(placed(p, "e1", "other"), placed(p, "e2", "other"))
                .penalizesBy(1);
    }

    @Test
    void antiAffinityBetweenMovedVms_groupMatesApartOrStrangersTogether() {
        PlanningProblem p = problem(view(FLEET_GROUPS), policy().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityBetweenMovedVms)
                .given(placed(p, "e1", "other"), placed(p, "e3", "other"), placed(p, "e2", "spare"))
                .penalizesBy(0);
    }

    @Test
    void antiAffinityBetweenMovedVms_rebalanceMovesCountToo() {
        PlanningProblem p = problem(view(FLEET_GROUPS), policy().allowRebalance().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityBetweenMovedVms)
                .given(placed(p, "e3", "other"), placed(p, "r1", "other"))
                .penalizesBy(1);
    }

    @Test
    void antiAffinityWithRebalanceCandidatesThatStay_candidateStays() {
        PlanningProblem p = problem(view(FLEET_GROUPS), policy().allowRebalance().build(), "src");
        assertThat(p.stayingGroupMembers()).extracting(PlanningProblem.GroupMember::vm).containsExactly("s1");
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityWithRebalanceCandidatesThatStay)
                .given(placed(p, "e3", "spare"), unassigned(p, "r1"))
                .penalizesBy(1);
    }

    @Test
    void antiAffinityWithRebalanceCandidatesThatStay_candidateMovesAwayOrOtherGroup() {
        PlanningProblem p = problem(view(FLEET_GROUPS), policy().allowRebalance().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityWithRebalanceCandidatesThatStay)
                .given(placed(p, "e3", "spare"), placed(p, "r1", "other"))
                .penalizesBy(0);
        VERIFY.verifyThat(EvacuationConstraints::antiAffinityWithRebalanceCandidatesThatStay)
                .given(placed(p, "e1", "spare"), unassigned(p, "r1"))
                .penalizesBy(0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // evacueeUnplaced: medium, lexicographic by priority (one of priority 100 outweighs both of priority 0)

    @Test
    void evacueeUnplaced_highPriorityOutweighsAllLowerOnes() {
        PlanningProblem p = problem(view(FLEET_PRIORITY), policy().allowRebalance().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::evacueeUnplaced)
                .given(unassigned(p, "hi"), placed(p, "lo1", "dst"), placed(p, "lo2", "dst"))
                .penalizesBy(3);
        VERIFY.verifyThat(EvacuationConstraints::evacueeUnplaced)
                .given(placed(p, "hi", "dst"), unassigned(p, "lo1"), unassigned(p, "lo2"))
                .penalizesBy(2);
    }

    @Test
    void evacueeUnplaced_allPlacedAndRebalanceCandidatesStaying() {
        PlanningProblem p = problem(view(FLEET_PRIORITY), policy().allowRebalance().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::evacueeUnplaced)
                .given(placed(p, "hi", "dst"), placed(p, "lo1", "dst"), placed(p, "lo2", "spare"), unassigned(p, "r1"))
                .penalizesBy(0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Soft: moves, freeMdevRemovals, newMdevs, consolidate, spread, downtime

    @Test
    void moves_everyPlacedVmIncludingRebalance() {
        PlanningProblem p = problem(view(FLEET_PRIORITY), policy().allowRebalance().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::moves)
                .given(placed(p, "hi", "dst"), unassigned(p, "lo1"), placed(p, "r1", "spare"))
                .penalizesBy(2);
    }

    @Test
    void moves_nothingPlaced() {
        PlanningProblem p = problem(view(FLEET_PRIORITY), policy().allowRebalance().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::moves)
                .given(unassigned(p, "hi"), unassigned(p, "r1"))
                .penalizesBy(0);
    }

    @Test
    void freeMdevRemovals_eachRemovalCounts() {
        PlanningProblem p = problem(view(FLEET_L40S), policy().removeFreeMdevs().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::freeMdevRemovals)
                .given(removal(p, "dst", FREE_L40S_8Q, true), removal(p, "dst", FREE_L40S_2Q, true))
                .penalizesBy(2);
        VERIFY.verifyThat(EvacuationConstraints::freeMdevRemovals)
                .given(removal(p, "dst", FREE_L40S_8Q, false), removal(p, "dst", FREE_L40S_2Q, true))
                .penalizesBy(1);
    }

    @Test
    void freeMdevRemovals_keptMdevsCostNothing() {
        PlanningProblem p = problem(view(FLEET_L40S), policy().removeFreeMdevs().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::freeMdevRemovals)
                .given(removal(p, "dst", FREE_L40S_8Q, false), removal(p, "dst", FREE_L40S_2Q, false))
                .penalizesBy(0);
    }

    @Test
    void newMdevs_onePerCreatedInstance() {
        PlanningProblem p = a16(policy().build());
        // e5's two 1Q both created on idle 42, e1's 4Q on 41
        VERIFY.verifyThat(EvacuationConstraints::newMdevs)
                .given(placed(p, "e5", "dst", "0000:42:00.0", "0000:42:00.0"), placed(p, "e1", "dst", "0000:41:00.0"))
                .penalizesBy(3);
    }

    @Test
    void newMdevs_reuseCreatesNothing() {
        PlanningProblem p = a16(policy().build());
        VERIFY.verifyThat(EvacuationConstraints::newMdevs)
                .given(reusing(p, "e3", "dst", FREE_8Q), unassigned(p, "e1"))
                .penalizesBy(0);
    }

    @Test
    void consolidate_fillingAGpuInUseIsFree() {
        PlanningProblem p = packing();
        VERIFY.verifyThat(EvacuationConstraints::consolidate)
                .given(placed(p, "e1", "dst", "0000:41:00.0"), placed(p, "e2", "dst", "0000:42:00.0"))
                .penalizesBy(0);
    }

    @Test
    void consolidate_eachIdleGpuOpenedCountsOnce() {
        PlanningProblem p = packing();
        VERIFY.verifyThat(EvacuationConstraints::consolidate)
                .given(placed(p, "e1", "dst", "0000:43:00.0"), placed(p, "e2", "dst", "0000:43:00.0"))
                .penalizesBy(1);
        VERIFY.verifyThat(EvacuationConstraints::consolidate)
                .given(placed(p, "e1", "dst", "0000:43:00.0"), placed(p, "e2", "dst", "0000:41:00.0"))
                .penalizesBy(1);
    }

    @Test
    void spread_idleGpuIsCheapest() {
        PlanningProblem p = packing();
        // 0 -> 1 instances: 1² - 0²; 3 -> 4: 4² - 3² = 7
        VERIFY.verifyThat(EvacuationConstraints::spread)
                .given(placed(p, "e1", "dst", "0000:43:00.0"))
                .penalizesBy(1);
        VERIFY.verifyThat(EvacuationConstraints::spread)
                .given(placed(p, "e1", "dst", "0000:41:00.0"))
                .penalizesBy(7);
    }

    @Test
    void spread_twoLoadedGpusShareRatherThanOneTakingBoth() {
        PlanningProblem p = packing();
        // 3/3 -> 4/4 costs (16 - 9) * 2 = 14; 3/3 -> 5/3 costs 25 - 9 = 16: spreading must be cheaper
        VERIFY.verifyThat(EvacuationConstraints::spread)
                .given(placed(p, "e1", "dst", "0000:41:00.0"), placed(p, "e2", "dst", "0000:42:00.0"))
                .penalizesBy(14);
        VERIFY.verifyThat(EvacuationConstraints::spread)
                .given(placed(p, "e1", "dst", "0000:41:00.0"), placed(p, "e2", "dst", "0000:41:00.0"))
                .penalizesBy(16);
    }

    @Test
    void spread_parentThatOnlyLosesAnInstanceCostsNothing() {
        PlanningProblem p = problem(view(FLEET_L40S), policy().removeFreeMdevs().build(), "src");
        VERIFY.verifyThat(EvacuationConstraints::spread)
                .given(removal(p, "dst", FREE_L40S_2Q, true), unassigned(p, "l1"))
                .penalizesBy(0);
    }

    @Test
    void spread_nothingPlaced() {
        PlanningProblem p = packing();
        VERIFY.verifyThat(EvacuationConstraints::spread)
                .given(unassigned(p, "e1"), unassigned(p, "e2"))
                .penalizesBy(0);
    }

    @Test
    void downtime_sumOfLiveEstimates() {
        PlanningProblem p = a16(policy().build());
        // e1: 300 + 4096 * 1000 / 1250 = 3577; e3: 300 + 8192 * 1000 / 1250 = 6854
        VERIFY.verifyThat(EvacuationConstraints::downtime)
                .given(placed(p, "e1", "dst", "0000:41:00.0"), placed(p, "e3", "dst", "0000:42:00.0"))
                .penalizesBy(3577 + 6854);
    }

    @Test
    void downtime_coldMovesHaveNoLiveFigure() {
        PlanningProblem p = a16(policy().allowCold().build());
        VERIFY.verifyThat(EvacuationConstraints::downtime)
                .given(placed(p, "c1", "dst", "0000:41:00.0"), unassigned(p, "e1"))
                .penalizesBy(0);
    }
}
