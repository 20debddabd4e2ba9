package io.devplace.planning;

import io.devplace.model.Plan;
import io.devplace.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.devplace.planning.Fixtures.A16;
import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reason code of docs/reference/reason-codes.md is true: each test builds a fleet with one candidate host where exactly that
 * reason holds, and checks the unplaced VM gets that code for that host.
 */
class ReasonCodesTest {
    /** A source host with one A16 4Q VM ({@code vm}), and a target host described by {@code target}. */
    private static String fleet(String vmExtra, String target, String extraVms) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia,
                      model: "NVIDIA A16", mdevs: [{uuid: "%2$s", type: nvidia-713}]}]}
                  - %3$s
                vms:
                  - {name: vm, host: src, cpus: 8, memoryMiB: 16384, devices: [{mdev: "%2$s"}]%4$s}
                """.formatted(A16, uuid(1), target, vmExtra) + extraVms;
    }

    private static String dst(String attrs, String devices) {
        return "{name: dst, cpus: 64, memoryMiB: 262144, attributes: " + attrs + ", devices: [" + devices + "]}";
    }

    private static final String EMPTY_A16 = "{id: \"0000:01:00.0\", driver: nvidia, model: \"NVIDIA A16\"}";

    private static Reason onlyReason(Plan p) {
        assertThat(p.unplaced()).hasSize(1);
        assertThat(p.unplaced().get(0).reasons()).hasSize(1);
        return p.unplaced().get(0).reasons().get(0);
    }

    @Test
    void notLiveMigratable() {
        Plan p = Fixtures.plan(Fixtures.view(fleet(", liveMigratable: false", dst(A16, EMPTY_A16), "")), "src");
        Reason r = onlyReason(p);
        assertThat(r.code()).isEqualTo(Reason.NOT_LIVE_MIGRATABLE);
        assertThat(r.vm()).isEqualTo("vm");
        assertThat(r.host()).as("per candidate host, as every reason of an unplaced VM (docs/reference/reason-codes.md)").isEqualTo("dst");
    }

    @Test
    void notLiveMigratableButColdAllowedMovesCold() {
        Plan p = Fixtures.plan(Fixtures.view(fleet(", liveMigratable: false", dst(A16, EMPTY_A16), "")),
                Fixtures.policy(Map.of("allowCold", true)), "src");
        assertThat(p.unplaced()).isEmpty();
        assertThat(Fixtures.move(p, "vm").mode().wire()).isEqualTo("cold");
        assertThat(Fixtures.move(p, "vm").estimatedDowntimeMs()).isEqualTo(-1);
    }

    @Test
    void noCompatibleDevice() {
        String l40s = "{id: \"0000:ca:00.0\", driver: nvidia, model: \"NVIDIA L40S\"}";
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet("", dst(A16, l40s), "")), "src"));
        assertThat(r.code()).isEqualTo(Reason.NO_COMPATIBLE_DEVICE);
        assertThat(r.host()).isEqualTo("dst");
    }

    @Test
    void noCompatibleDeviceWhenTheStreamVersionDiffers() {
        String old = "{vgpu_manager: \"17.3\", libvirt: \"10.0.0\", qemu: \"8.2.2\"}";
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet("", dst(old, EMPTY_A16), "")), "src"));
        assertThat(r.code()).isEqualTo(Reason.NO_COMPATIBLE_DEVICE);
    }

    @Test
    void hostRequirement() {
        String oldLibvirt = "{vgpu_manager: \"17.4\", libvirt: \"8.0.0\", qemu: \"8.2.2\"}";
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet("", dst(oldLibvirt, EMPTY_A16), "")), "src"));
        assertThat(r.code()).isEqualTo(Reason.HOST_REQUIREMENT);
        assertThat(r.detail()).contains("libvirt").contains("8.0.0");
    }

    @Test
    void insufficientDeviceCapacity() {
        StringBuilder m = new StringBuilder(), vms = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            m.append(i == 0 ? "" : ", ").append("{uuid: \"").append(uuid(20 + i)).append("\", type: nvidia-713}");
            vms.append("  - {name: r").append(i).append(", host: dst, cpus: 1, memoryMiB: 1024, devices: [{mdev: \"").append(uuid(20 + i)).append("\"}]}\n");
        }
        String full = "{id: \"0000:01:00.0\", driver: nvidia, model: \"NVIDIA A16\", mdevs: [" + m + "]}";
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet("", dst(A16, full), vms.toString())), "src"));
        assertThat(r.code()).isEqualTo(Reason.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(r.parent()).isEqualTo("0000:01:00.0");
    }

    @Test
    void typeLockedNamesTheHolder() {
        String locked = "{id: \"0000:01:00.0\", driver: nvidia, model: \"NVIDIA A16\", mdevs: [{uuid: \"" + uuid(30) + "\", type: nvidia-714}]}";
        String holder = "  - {name: holder, host: dst, cpus: 1, memoryMiB: 1024, devices: [{mdev: \"" + uuid(30) + "\"}]}\n";
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet("", dst(A16, locked), holder)), "src"));
        assertThat(r.code()).isEqualTo(Reason.TYPE_LOCKED);
        assertThat(r.vm()).isEqualTo("holder");
        assertThat(r.detail()).contains("nvidia-714");
    }

    @Test
    void fragmented() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, devices: [{id: p0, driver: slotty, mdevs: [{uuid: "%1$s", type: slotty-4, placement: 0}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, devices: [{id: p0, driver: slotty, mdevs: [
                      {uuid: "%2$s", type: slotty-2, placement: 0}, {uuid: "%3$s", type: slotty-2, placement: 4}]}]}
                vms:
                  - {name: vm, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%1$s"}]}
                  - {name: r1, host: dst, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%2$s"}]}
                  - {name: r2, host: dst, cpus: 1, memoryMiB: 1024, devices: [{mdev: "%3$s"}]}
                """.formatted(uuid(1), uuid(2), uuid(3));
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(yaml, QualityBarTest.SLOTS8), "src"));
        assertThat(r.code()).isEqualTo(Reason.FRAGMENTED);
    }

    @Test
    void insufficientCpu() {
        String small = "{name: dst, cpus: 4, memoryMiB: 262144, attributes: " + A16 + ", devices: [" + EMPTY_A16 + "]}";
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet("", small, "")), "src"));
        assertThat(r.code()).isEqualTo(Reason.INSUFFICIENT_CPU);
    }

    @Test
    void insufficientMemory() {
        String small = "{name: dst, cpus: 64, memoryMiB: 8192, attributes: " + A16 + ", devices: [" + EMPTY_A16 + "]}";
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet("", small, "")), "src"));
        assertThat(r.code()).isEqualTo(Reason.INSUFFICIENT_MEMORY);
    }

    @Test
    void antiAffinity() {
        String peer = "  - {name: peer, host: dst, cpus: 1, memoryMiB: 1024, groups: [db]}\n";
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet(", groups: [db]", dst(A16, EMPTY_A16), peer)), "src"));
        assertThat(r.code()).isEqualTo(Reason.ANTI_AFFINITY);
        assertThat(r.vm()).isEqualTo("peer");
    }

    @Test
    void softAntiAffinityPlacesAnyway() {
        String peer = "  - {name: peer, host: dst, cpus: 1, memoryMiB: 1024, groups: [db]}\n";
        Plan p = Fixtures.plan(Fixtures.view(fleet(", groups: [db]", dst(A16, EMPTY_A16), peer)), Fixtures.policy(Map.of("antiAffinity", "soft")), "src");
        assertThat(p.unplaced()).isEmpty();
    }

    @Test
    void downtimeCap() {
        Reason r = onlyReason(Fixtures.plan(Fixtures.view(fleet("", dst(A16, EMPTY_A16), "")), Fixtures.policy(Map.of("maxDowntimeMs", 1000L)), "src"));
        assertThat(r.code()).isEqualTo(Reason.DOWNTIME_CAP);
        // 300 + 4096 MiB * 1000 / 1250 MiB/s = 3577 ms
        assertThat(r.detail()).contains("3577");
    }

    @Test
    void displacedByPriority() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia,
                      model: "NVIDIA A16", mdevs: [{uuid: "%2$s", type: nvidia-715}, {uuid: "%3$s", type: nvidia-715}]}]}
                  - {name: dst, cpus: 64, memoryMiB: 262144, attributes: %1$s, devices: [{id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}]}
                vms:
                  - {name: vm, host: src, cpus: 1, memoryMiB: 1024, priority: 1, devices: [{mdev: "%2$s"}]}
                  - {name: boss, host: src, cpus: 1, memoryMiB: 1024, priority: 9, devices: [{mdev: "%3$s"}]}
                """.formatted(A16, uuid(1), uuid(2));
        Plan p = Fixtures.plan(Fixtures.view(yaml), "src");
        Reason r = onlyReason(p);
        assertThat(p.unplaced().get(0).vm()).isEqualTo("vm");
        assertThat(r.code()).isEqualTo(Reason.DISPLACED_BY_PRIORITY);
        assertThat(r.vm()).isEqualTo("boss");
    }

    @Test
    void downHostVmsRestartWithoutSourceRemovals() {
        String yaml = fleet("", dst(A16, EMPTY_A16), "").replace("{name: src, cpus: 64,", "{name: src, state: down, cpus: 64,");
        Plan p = Fixtures.plan(Fixtures.view(yaml));
        assertThat(p.unplaced()).isEmpty();
        assertThat(Fixtures.move(p, "vm").mode().wire()).isEqualTo("restart");
        assertThat(p.actions()).noneMatch(a -> a.op().equals("remove-mdev"));
    }
}
