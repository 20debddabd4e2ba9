package io.devplace.fit;

import io.devplace.model.FleetReader;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One new VM (requests only) judged against one host; and PreferredFit's reuse-first recipes for fleet VMs. */
class NewVmFitTest {
    static final String FLEET = """
            apiVersion: devplace/v1
            kind: Fleet
            hosts:
              - name: gvt
                cpus: 8
                memoryMiB: 16384
                attributes: {libvirt: "10.0.0", qemu: "8.2.2"}
                devices:
                  - id: "0000:00:02.0"
                    driver: i915
                    model: "Intel UHD 630"
                    attributes: {gvt_version: "1.1"}
                    mdevs:
                      - {uuid: "00000000-0000-4000-8000-000000000001", type: i915-GVTg_V5_8, attrs: [{aggregator: "2"}]}
                      - {uuid: "00000000-0000-4000-8000-000000000002", type: i915-GVTg_V5_4}
              - name: gvt-b
                cpus: 8
                memoryMiB: 16384
                attributes: {libvirt: "10.0.0", qemu: "8.2.2"}
                devices:
                  - id: "0000:00:02.0"
                    driver: i915
                    model: "Intel UHD 630"
                    attributes: {gvt_version: "1.1"}
                    mdevs:
                      - {uuid: "00000000-0000-4000-8000-000000000021", type: i915-GVTg_V5_8, attrs: [{aggregator: "2"}]}
              - name: l40s
                cpus: 64
                memoryMiB: 262144
                attributes: {vgpu_manager: "17.4", libvirt: "10.0.0", qemu: "8.2.2"}
                devices:
                  - id: "0000:ca:00.0"
                    driver: nvidia
                    model: "NVIDIA L40S"
                    mdevs:
                      - {uuid: "00000000-0000-4000-8000-000000000011", type: nvidia-1148, placement: 0}
                      - {uuid: "00000000-0000-4000-8000-000000000012", type: nvidia-1148, placement: 10}
            vms:
              - {name: owner, host: gvt, cpus: 4, memoryMiB: 4096, groups: [db], devices: [{mdev: "00000000-0000-4000-8000-000000000002"}]}
              - {name: s1, host: l40s, cpus: 2, memoryMiB: 2048, devices: [{mdev: "00000000-0000-4000-8000-000000000011"}]}
              - {name: s2, host: l40s, cpus: 2, memoryMiB: 2048, devices: [{mdev: "00000000-0000-4000-8000-000000000012"}]}
            """;
    static final FleetView VIEW = new FleetView(FleetReader.parse("t.yaml", FLEET.getBytes(StandardCharsets.UTF_8)).value(),
            RuleBook.load(List.of(io.devplace.rules.TestPacks.AGGREGATING_GVTG), true));
    static final Policy POL = Policy.defaults();

    static Vm vm(long cpus, String... groups) { return new Vm("new", null, cpus, 1024, 0, true, List.of(groups), List.of()); }

    static Host host(String n) { return VIEW.fleet().host(n); }

    static HostVerdict judge(Vm vm, String host, DeviceRequest... d) { return NewVmFit.judge(new FleetState(VIEW), vm, List.of(d), host(host), POL); }

    @Test
    void reusesAFreeInstanceWithTheSameTypeAndAttrs() {
        HostVerdict v = judge(vm(1), "gvt", new DeviceRequest("i915-GVTg_V5_8", List.of(Map.of("aggregator", "2"))));
        assertThat(v.fits()).isTrue();
        assertThat(v.targets().get(0).reuseUuid()).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(v.targets().get(0).source()).isNull();
    }

    @Test
    void createsWhenNoFreeInstanceMatchesAndChecksAggregationLimits() {
        HostVerdict v = judge(vm(1), "gvt", new DeviceRequest("i915-GVTg_V5_8", List.of()));
        assertThat(v.fits()).isTrue();
        assertThat(v.targets().get(0).reuses()).isFalse();
        HostVerdict tooBig = judge(vm(1), "gvt", new DeviceRequest("i915-GVTg_V5_8", List.of(Map.of("aggregator", "9"))));
        assertThat(tooBig.reason().code()).isEqualTo(Reason.NO_COMPATIBLE_DEVICE);
        HostVerdict notOnV51 = judge(vm(1), "gvt", new DeviceRequest("i915-GVTg_V5_1", List.of(Map.of("aggregator", "2"))));
        assertThat(notOnV51.reason().code()).isEqualTo(Reason.NO_COMPATIBLE_DEVICE);
    }

    @Test
    void capacityCpuMemoryAndAntiAffinityGiveTheirReasons() {
        // 8 units: 2 (V5_8 x2) + 2 (V5_4) used; a V5_2 takes 4 -> fits once, twice does not
        assertThat(judge(vm(1), "gvt", new DeviceRequest("i915-GVTg_V5_2", List.of())).fits()).isTrue();
        assertThat(judge(vm(1), "gvt", new DeviceRequest("i915-GVTg_V5_2", List.of()), new DeviceRequest("i915-GVTg_V5_2", List.of()))
                .reason().code()).isEqualTo(Reason.INSUFFICIENT_DEVICE_CAPACITY);
        assertThat(judge(vm(5), "gvt").reason().code()).isEqualTo(Reason.INSUFFICIENT_CPU);
        assertThat(judge(vm(1, "db"), "gvt").reason().code()).isEqualTo(Reason.ANTI_AFFINITY);
        assertThat(judge(vm(1), "l40s", new DeviceRequest("i915-GVTg_V5_8", List.of())).reason().code()).isEqualTo(Reason.NO_COMPATIBLE_DEVICE);
    }

    @Test
    void slotParentsGetAnOffsetAndFragmentationIsNamed() {
        HostVerdict v = judge(vm(1), "l40s", new DeviceRequest("nvidia-1154", List.of()));
        assertThat(v.fits()).isTrue();
        assertThat(v.placements()).as("16Q starts only at 0 or 32; 0 is taken").containsExactly(32L);
        // a 48Q needs the whole GPU
        assertThat(judge(vm(1), "l40s", new DeviceRequest("nvidia-1156", List.of())).reason().code()).isIn(Reason.FRAGMENTED, Reason.INSUFFICIENT_DEVICE_CAPACITY);
    }

    @Test
    void reservationsPlacedInTheStateCount() {
        FleetState s = new FleetState(VIEW);
        HostVerdict first = NewVmFit.judge(s, vm(1), List.of(new DeviceRequest("i915-GVTg_V5_8", List.of(Map.of("aggregator", "2")))), host("gvt"), POL);
        s.place(vm(1), "gvt", first.targets(), null, first.placements());
        HostVerdict second = NewVmFit.judge(s, vm(1), List.of(new DeviceRequest("i915-GVTg_V5_8", List.of(Map.of("aggregator", "2")))), host("gvt"), POL);
        assertThat(second.fits()).isTrue();
        assertThat(second.targets().get(0).reuses()).as("the free instance is taken now").isFalse();
    }

    /** Over the example fleet, every VM against every other host, on the fleet as is and with a host half filled: */
    @Test
    void preferredFitSaysYesExactlyWhenHostFitDoesAndGivesHostFitsReasons() throws Exception {
        FleetView view = new FleetView(FleetReader.parse("examples/fleet.yaml", java.nio.file.Files.readAllBytes(java.nio.file.Path.of("examples/fleet.yaml"))).value(),
                RuleBook.load(List.of(io.devplace.rules.TestPacks.AGGREGATING_GVTG), true));
        FleetState plain = new FleetState(view);
        FleetState busy = new FleetState(view);
        Vm big = new Vm("filler", null, 100, 900_000, 1000, true, List.of("render"), List.of());
        busy.place(big, "gpu-a3", List.of(), null, List.of()); // higher priority, moved there: DISPLACED_BY_PRIORITY may appear
        int compared = 0;
        for (Policy pol : List.of(POL, new Policy(null, null, null, null, 100L, true, null, null, 3000L, "spread", "soft", null, null).withDefaults()))
            for (FleetState s : List.of(plain, busy))
                for (Vm vm : view.fleet().vms())
                    for (Host h : view.fleet().hosts()) {
                        if (h.name().equals(vm.host())) continue;
                        MoveMode mode = vm.isLiveMigratable() ? MoveMode.LIVE : MoveMode.COLD;
                        HostVerdict hf = HostFit.judge(s, vm, mode, h, pol);
                        HostVerdict pf = PreferredFit.judge(s, vm, mode, h, pol);
                        assertThat(pf.fits()).as(vm.name() + " -> " + h.name()).isEqualTo(hf.fits());
                        if (!hf.fits()) assertThat(pf.reason()).isEqualTo(hf.reason());
                        else assertThat(pf.targets()).hasSameSizeAs(hf.targets());
                        compared++;
                    }
        assertThat(compared).isEqualTo(2 * 2 * 43 * 9);
    }

    @Test
    void preferredFitAgreesWithHostFitButReusesFirst() {
        Vm owner = VIEW.fleet().vm("owner");
        FleetState s = new FleetState(VIEW);
        HostVerdict hf = HostFit.judge(s, owner, MoveMode.LIVE, host("l40s"), POL);
        HostVerdict pf = PreferredFit.judge(s, owner, MoveMode.LIVE, host("l40s"), POL);
        assertThat(pf.fits()).isEqualTo(hf.fits()).isFalse();
        assertThat(pf.reason()).isEqualTo(hf.reason());

        // to gvt-b, the rules allow a new V5_4 or the free V5_8 with aggregator=2: HostFit names the first in rule
        // order, PreferredFit the reuse
        HostVerdict first = HostFit.judge(s, owner, MoveMode.LIVE, host("gvt-b"), POL);
        HostVerdict preferred = PreferredFit.judge(s, owner, MoveMode.LIVE, host("gvt-b"), POL);
        assertThat(first.fits()).isTrue();
        assertThat(first.targets().get(0).reuses()).isFalse();
        assertThat(preferred.targets().get(0).reuseUuid()).isEqualTo("00000000-0000-4000-8000-000000000021");
        assertThat(preferred.targets().get(0).rule()).isEqualTo("intel-gvtg#0");
    }
}
