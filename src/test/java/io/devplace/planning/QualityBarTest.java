package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Reason;
import io.devplace.problem.FleetView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.devplace.planning.Fixtures.A16;
import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3 quality bar: small fleets whose right answer is known; each must come out right on every run. */
class QualityBarTest {

    /**
     * (a) Exclusive-type GPUs: two target hosts with one empty A16 GPU each. A spreading first-fit places the two 4Q
     * VMs on different GPUs and locks both to 4Q, stranding the 16Q VM. devplace packs both 4Q on one GPU.
     */
    @Test
    void exclusiveTypesAreNotStranded() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s,
                     devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16", mdevs: [
                       {uuid: "%2$s", type: nvidia-749}, {uuid: "%3$s", type: nvidia-749}]},
                               {id: "0000:02:00.0", driver: nvidia, model: "NVIDIA A16", mdevs: [{uuid: "%4$s", type: nvidia-751}]}]}
                  - {name: t1, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
                  - {name: t2, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
                vms:
                  - {name: small-1, host: src, cpus: 4, memoryMiB: 8192, devices: [{mdev: "%2$s"}]}
                  - {name: small-2, host: src, cpus: 4, memoryMiB: 8192, devices: [{mdev: "%3$s"}]}
                  - {name: big, host: src, cpus: 4, memoryMiB: 8192, devices: [{mdev: "%4$s"}]}
                """.formatted(A16, uuid(1), uuid(2), uuid(3));
        Plan p = Fixtures.plan(Fixtures.view(yaml), "src");
        assertThat(p.unplaced()).isEmpty();
        assertThat(Fixtures.move(p, "small-1").to()).isEqualTo(Fixtures.move(p, "small-2").to());
        assertThat(Fixtures.move(p, "big").to()).isNotEqualTo(Fixtures.move(p, "small-1").to());
    }

    static final String SLOTS8 = """
            apiVersion: devplace/v1
            kind: RulePack
            name: test-slots8
            match: {driver: slotty}
            capacity: {slots: 8}
            types:
              slotty-1: {deviceApi: vfio-pci, size: 1}
              slotty-2: {deviceApi: vfio-pci, size: 2}
              slotty-4: {deviceApi: vfio-pci, size: 4}
            """;

    /**
     * Three evacuees on src (size 1, 2, 2) and a dst parent whose free slots are {0,1,4,6,7}: size-2 at 0 and 6 and
     * size-1 at 4 is the only arrangement that fits all three. Shared with {@link SlotSequencingTest}.
     */
    static String fragmentedSlots() {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, devices: [{id: p0, driver: slotty, mdevs: [
                      {uuid: "%1$s", type: slotty-1, placement: 0}, {uuid: "%2$s", type: slotty-2, placement: 2},
                      {uuid: "%3$s", type: slotty-2, placement: 4}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, devices: [{id: p0, driver: slotty, mdevs: [
                      {uuid: "%4$s", type: slotty-2, placement: 2}, {uuid: "%5$s", type: slotty-1, placement: 5}]}]}
                vms:
                  - {name: a-one, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%1$s"}]}
                  - {name: b-two, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%2$s"}]}
                  - {name: c-two, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%3$s"}]}
                  - {name: resident-1, host: dst, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%4$s"}]}
                  - {name: resident-2, host: dst, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%5$s"}]}
                """.formatted(uuid(1), uuid(2), uuid(3), uuid(4), uuid(5));
    }

    /**
     * (b) Slot fragmentation where one arrangement fits: the target's free slots are {0,1,4,6,7}; two size-2 and one
     * size-1 instance fit only as size-2 at 0 and 6 and size-1 at 4. Placing the size-1 VM first at the lowest free
     * offset (0) would strand a size-2 VM.
     */
    @Test
    void slotFragmentationFindsTheOnlyArrangement() {
        String yaml = fragmentedSlots();
        Plan p = Fixtures.plan(Fixtures.view(yaml, SLOTS8), "src");
        assertThat(p.unplaced()).isEmpty();
        assertThat(Fixtures.move(p, "a-one").devices().get(0).target().placement()).isEqualTo(4L);
        assertThat(List.of(Fixtures.move(p, "b-two").devices().get(0).target().placement(),
                Fixtures.move(p, "c-two").devices().get(0).target().placement())).containsExactlyInAnyOrder(0L, 6L);
    }

    /**
     * (c) Aggregation consumes double (with the aggregation example pack, a test fixture): the target GVT-g GPU has 6 of 8 units used, so only one of two V5_4 VMs
     * (2 units each, whether created as V5_4 or as V5_8 with aggregator=2) fits.
     */
    @Test
    void aggregationConsumesDouble() {
        StringBuilder used = new StringBuilder();
        StringBuilder owners = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            used.append(i == 0 ? "" : ", ").append("{uuid: \"").append(uuid(10 + i)).append("\", type: i915-GVTg_V5_8}");
            owners.append("  - {name: r").append(i).append(", host: dst, cpus: 1, memoryMiB: 512, devices: [{mdev: \"").append(uuid(10 + i)).append("\"}]}\n");
        }
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 16, memoryMiB: 65536, devices: [{id: "0000:00:02.0", driver: i915, attributes: {gvt_version: "1.0"},
                      mdevs: [{uuid: "%1$s", type: i915-GVTg_V5_4}, {uuid: "%2$s", type: i915-GVTg_V5_4}]}]}
                  - {name: dst, cpus: 16, memoryMiB: 65536, devices: [{id: "0000:00:02.0", driver: i915, attributes: {gvt_version: "1.0"},
                      mdevs: [%3$s]}]}
                vms:
                  - {name: thin-a, host: src, cpus: 1, memoryMiB: 512, priority: 10, devices: [{mdev: "%1$s"}]}
                  - {name: thin-b, host: src, cpus: 1, memoryMiB: 512, devices: [{mdev: "%2$s"}]}
                """.formatted(uuid(1), uuid(2), used) + owners;
        Plan p = Fixtures.plan(Fixtures.view(yaml, io.devplace.rules.TestPacks.aggregatingGvtgYaml()), "src");
        assertThat(Fixtures.unplacedVms(p)).containsExactly("thin-b");
        assertThat(p.unplaced().get(0).reasons()).extracting(Reason::code)
                .containsAnyOf(Reason.INSUFFICIENT_DEVICE_CAPACITY, Reason.DISPLACED_BY_PRIORITY);
    }

    /** A target pack for an Intel GPU that only offers V5_8 (with aggregation): V5_4 → V5_8 + aggregator=2 is the only way. */
    static final String GVT_V58_ONLY = """
            apiVersion: devplace/v1
            kind: RulePack
            name: test-gvt-v58-only
            match: {driver: i915, model: "Intel V58-only"}
            capacity: {counters: {units: 8}}
            types:
              i915-GVTg_V5_8: {deviceApi: vfio-pci, consumes: {units: 1}, maxInstances: 8, props: {per_gpu: 8},
                               aggregation: {attr: aggregator, min: 1, max: 8}}
            migration:
              self:
                device_api: vfio-pci
                mdev_type: "${type.id}"
                software_version: "${parent.attributes.gvt_version}"
                aggregator: "${device.attrs.aggregator:-1}"
                units: "${8 * self.aggregator / type.props.per_gpu}"
              compatible:
                - vars: {n: [1, 2, 4, 8]}
                  device_api: vfio-pci
                  mdev_type: "i915-GVTg_V5_${n}"
                  software_version: "^${self.software_version}"
                  attrs: [{aggregator: "${self.units * n / 8}"}]
            """;

    /** (d) The seed's recipe: a V5_4 source lands as V5_8 with aggregator=2 — the only compatible way here. */
    @Test
    void v54LandsAsV58WithAggregatorTwo() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 16, memoryMiB: 65536, devices: [{id: "0000:00:02.0", driver: i915, model: "Intel UHD 630",
                      attributes: {gvt_version: "1.0"}, mdevs: [{uuid: "%1$s", type: i915-GVTg_V5_4}]}]}
                  - {name: dst, cpus: 16, memoryMiB: 65536, devices: [{id: "0000:00:02.0", driver: i915, model: "Intel V58-only",
                      attributes: {gvt_version: "1.2"}}]}
                vms:
                  - {name: thin, host: src, cpus: 1, memoryMiB: 512, devices: [{mdev: "%1$s"}]}
                """.formatted(uuid(1));
        Plan p = Fixtures.plan(Fixtures.view(yaml, GVT_V58_ONLY, io.devplace.rules.TestPacks.aggregatingGvtgYaml()), "src");
        assertThat(p.unplaced()).isEmpty();
        Plan.Target t = Fixtures.move(p, "thin").devices().get(0).target();
        assertThat(t.type()).isEqualTo("i915-GVTg_V5_8");
        assertThat(t.attrs()).containsExactly(Map.of("aggregator", "2"));
        assertThat(t.rule()).isEqualTo("intel-gvtg#0");
        assertThat(p.actions()).anySatisfy(a -> {
            assertThat(a.op()).isEqualTo("create-mdev");
            assertThat(a.attrs()).containsExactly(Map.of("aggregator", "2"));
        });
    }

    /** (e) Priority: room for two of four VMs — exactly the two low-priority ones are unplaced, displaced by priority. */
    @Test
    void exactlyTheLowPriorityVmsAreUnplaced() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16", mdevs: [
                      {uuid: "%2$s", type: nvidia-750}, {uuid: "%3$s", type: nvidia-750}]}, {id: "0000:02:00.0", driver: nvidia, model: "NVIDIA A16", mdevs: [
                      {uuid: "%4$s", type: nvidia-750}, {uuid: "%5$s", type: nvidia-750}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
                vms:
                  - {name: low-1, host: src, cpus: 2, memoryMiB: 4096, priority: 0, devices: [{mdev: "%2$s"}]}
                  - {name: high-1, host: src, cpus: 2, memoryMiB: 4096, priority: 100, devices: [{mdev: "%3$s"}]}
                  - {name: low-2, host: src, cpus: 2, memoryMiB: 4096, priority: 0, devices: [{mdev: "%4$s"}]}
                  - {name: high-2, host: src, cpus: 2, memoryMiB: 4096, priority: 100, devices: [{mdev: "%5$s"}]}
                """.formatted(A16, uuid(1), uuid(2), uuid(3), uuid(4));
        FleetView view = Fixtures.view(yaml);
        Plan p = Fixtures.plan(view, "src");
        assertThat(Fixtures.unplacedVms(p)).containsExactly("low-1", "low-2");
        for (Plan.Unplaced u : p.unplaced())
            assertThat(u.reasons()).extracting(Reason::code).containsExactly(Reason.DISPLACED_BY_PRIORITY);
    }
}
