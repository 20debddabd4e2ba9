package io.devplace.planning;

import io.devplace.model.Plan;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.devplace.planning.Fixtures.A16;
import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small fleets where the best plan needs one VM to make way for another: a change move of one VM at a time cannot
 * reach it (each intermediate step is worse or infeasible), so the search needs ejections and swaps.
 */
class SearchCasesTest {
    /**
     * A high-priority VM {@code p} fits h1 and h2; a low-priority {@code q} fits only h1 (h2 has too few vCPUs for it).
     * h1's GPU has room for one more A16-4Q. Putting p on h2 opens an empty GPU (a soft cost), so p on h1 looks best
     * alone; the optimum places both.
     */
    @Test
    void aPriorityVmMakesWayForOneThatFitsOnlyWhereItWent() {
        String fleet = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%2$s", type: nvidia-713}, {uuid: "%3$s", type: nvidia-713}]}]}
                  - {name: h1, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%4$s", type: nvidia-713}, {uuid: "%5$s", type: nvidia-713}, {uuid: "%6$s", type: nvidia-713}]}]}
                  - {name: h2, cpus: 8, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
                vms:
                  - {name: p, host: src, cpus: 2, memoryMiB: 4096, priority: 10, devices: [{mdev: "%2$s"}]}
                  - {name: q, host: src, cpus: 16, memoryMiB: 4096, devices: [{mdev: "%3$s"}]}
                  - {name: r1, host: h1, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%4$s"}]}
                  - {name: r2, host: h1, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%5$s"}]}
                  - {name: r3, host: h1, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%6$s"}]}
                """.formatted(A16, uuid(1), uuid(2), uuid(3), uuid(4), uuid(5));
        Plan plan = Fixtures.plan(Fixtures.view(fleet), "src");
        assertThat(plan.unplaced()).isEmpty();
        assertThat(Fixtures.move(plan, "p").to()).isEqualTo("h2");
        assertThat(Fixtures.move(plan, "q").to()).isEqualTo("h1");
    }

    /**
     * Parents no rule pack governs take one new type each (built-in model): t1 takes two small or one large, t2 one
     * small or one large. Four VMs (one large, three small): at most three can be placed (the large one on t2 and two
     * small ones on t1, or the three small ones); a plan that puts the large one on t1 places two.
     */
    @Test
    void noPackParentsTakeTheLargeVmWhereItCostsLeast() {
        String fleet = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - name: src
                    cpus: 64
                    memoryMiB: 262144
                    devices:
                      - {id: s0, driver: acme, supportedTypes: {acme-l: {availableInstances: 1, deviceApi: vfio-pci}}, mdevs: [{uuid: "%1$s", type: acme-l}]}
                      - {id: s1, driver: acme, supportedTypes: {acme-s: {availableInstances: 1, deviceApi: vfio-pci}}, mdevs: [{uuid: "%2$s", type: acme-s}]}
                      - {id: s2, driver: acme, supportedTypes: {acme-s: {availableInstances: 1, deviceApi: vfio-pci}}, mdevs: [{uuid: "%3$s", type: acme-s}]}
                      - {id: s3, driver: acme, supportedTypes: {acme-s: {availableInstances: 1, deviceApi: vfio-pci}}, mdevs: [{uuid: "%4$s", type: acme-s}]}
                  - name: t1
                    cpus: 64
                    memoryMiB: 262144
                    devices: [{id: d0, driver: acme, supportedTypes: {acme-s: {availableInstances: 2, deviceApi: vfio-pci}, acme-l: {availableInstances: 1, deviceApi: vfio-pci}}}]
                  - name: t2
                    cpus: 64
                    memoryMiB: 262144
                    devices: [{id: d0, driver: acme, supportedTypes: {acme-s: {availableInstances: 1, deviceApi: vfio-pci}, acme-l: {availableInstances: 1, deviceApi: vfio-pci}}}]
                vms:
                  - {name: large, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%1$s"}]}
                  - {name: small1, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%2$s"}]}
                  - {name: small2, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%3$s"}]}
                  - {name: small3, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%4$s"}]}
                """.formatted(uuid(1), uuid(2), uuid(3), uuid(4));
        Plan plan = Fixtures.plan(Fixtures.view(fleet), "src");
        assertThat(plan.moves()).hasSize(3);
    }

    /**
     * With removeFreeMdevs, a free A16-8Q locks dst's GPU to its type; removing it in wave 0 makes room for all three
     * A16-4Q evacuees. The solver and the sequencer must agree that wave 0 frees it.
     */
    @Test
    void aFreeMdevRemovedInWaveZeroMakesRoomForEveryEvacuee() {
        String fleet = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%2$s", type: nvidia-713}, {uuid: "%3$s", type: nvidia-713}, {uuid: "%4$s", type: nvidia-713}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16",
                      mdevs: [{uuid: "%5$s", type: nvidia-714}]}]}
                vms:
                  - {name: a, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%2$s"}]}
                  - {name: b, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%3$s"}]}
                  - {name: c, host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: "%4$s"}]}
                """.formatted(A16, uuid(1), uuid(2), uuid(3), uuid(9));
        Plan plan = Fixtures.plan(Fixtures.view(fleet), Fixtures.policy(Map.of("removeFreeMdevs", true)), "src");
        assertThat(plan.unplaced()).isEmpty();
        assertThat(plan.actions().get(0).op()).isEqualTo("remove-mdev");
        assertThat(plan.actions().get(0).wave()).isZero();
    }

}
