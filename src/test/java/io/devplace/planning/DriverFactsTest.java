package io.devplace.planning;

import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.model.MoveMode;
import io.devplace.model.Plan;
import io.devplace.model.Reason;
import io.devplace.problem.FleetView;
import io.devplace.rules.RuleBook;
import io.devplace.rules.RulePack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.devplace.planning.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each fact the bundled packs state about a driver (their comments name the source), shown holding and failing:
 * what never moves live, what a kernel version allows, and how many instances one parent takes.
 */
class DriverFactsTest {
    /** A VM on src holding one {@code type} instance of a {@code driver} parent; dst has an empty parent of that driver. */
    static String fleet(String driver, String type, String srcKernel, String dstKernel) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - {name: src, cpus: 16, memoryMiB: 65536, attributes: {kernel: "%3$s"},
                     devices: [{id: p0, driver: %1$s, mdevs: [{uuid: "%5$s", type: %2$s}]}]}
                  - {name: dst, cpus: 16, memoryMiB: 65536, attributes: {kernel: "%4$s"}, devices: [{id: p0, driver: %1$s}]}
                vms:
                  - {name: vm, host: src, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%5$s"}]}
                """.formatted(driver, type, srcKernel, dstKernel, uuid(1));
    }

    @ParameterizedTest(name = "{0} {1}: never live ({2})")
    @CsvSource({
            "mdpy,     mdpy-vga,            mdpy registers no VFIO migration ops",
            "mbochs,   mbochs-small,        mbochs registers no VFIO migration ops",
            "i915,     i915-GVTg_V5_4,      kvmgt.c) registers no VFIO migration ops",
            "vfio_ccw, vfio_ccw-io,         QEMU marks vfio-ccw devices unmigratable",
            "vfio_ap,  vfio_ap-passthrough, QEMU marks vfio-ap devices unmigratable"})
    void neverLive(String driver, String type, String why) {
        FleetView view = Fixtures.view(fleet(driver, type, "6.8.0", "6.8.0"));
        Plan noCold = Fixtures.plan(view, "src");
        assertThat(noCold.moves()).isEmpty();
        Reason r = noCold.unplaced().get(0).reasons().get(0);
        assertThat(r.code()).isEqualTo(Reason.NOT_LIVE_MIGRATABLE);
        assertThat(r.detail()).contains("rule pack").contains(why);

        Plan cold = Fixtures.plan(view, Fixtures.policy(Map.of("allowCold", true)), "src");
        assertThat(Fixtures.move(cold, "vm").mode()).isEqualTo(MoveMode.COLD);
        assertThat(Fixtures.move(cold, "vm").devices().get(0).target().type()).isEqualTo(type);
    }

    @ParameterizedTest(name = "mtty from kernel {0} to {1}: {2}")
    @CsvSource({
            "6.8.0, 6.8.0, live",
            "6.7,   6.7.1, live",
            "6.8.0, 6.6.30, HOST_REQUIREMENT",
            "6.6,   6.8.0, HOST_REQUIREMENT",
            "6.8.0, '',    HOST_REQUIREMENT"})
    void mttyMigratesLiveOnlyFromLinux67OnBothEnds(String srcKernel, String dstKernel, String outcome) {
        Plan p = Fixtures.plan(Fixtures.view(fleet("mtty", "mtty-2", srcKernel, dstKernel)), "src");
        if (outcome.equals("live")) {
            assertThat(Fixtures.move(p, "vm").mode()).isEqualTo(MoveMode.LIVE);
        } else {
            assertThat(p.moves()).isEmpty();
            Reason r = p.unplaced().get(0).reasons().get(0);
            assertThat(r.code()).isEqualTo(outcome);
            assertThat(r.detail()).contains("kernel").contains(">=6.7");
        }
    }

    /** How many instances of {@code type} (all of it) one empty parent of {@code pack} takes: {@code max} fit, one more does not. */
    @ParameterizedTest(name = "{0}: {2} x {1} fit, {3} do not")
    @CsvSource({
            "intel-gvtg,             i915-GVTg_V5_8,      7,  8",    // fences 28/4 = 7, high gm 2688/384 = 7, and the 7-vGPU cap
            "intel-gvtg,             i915-GVTg_V5_4,      5,  6",    // high gm 2688/512 = 5
            "intel-gvtg,             i915-GVTg_V5_2,      2,  3",    // high gm 2688/1024 = 2
            "intel-gvtg,             i915-GVTg_V5_1,      1,  2",    // low gm 896/512 = 1
            "vfio-ccw,               vfio_ccw-io,         1,  2",    // one mdev per subchannel
            "mdpy,                   mdpy-hd,             4,  5",    // max_devices = 4
            "mbochs,                 mbochs-large,        4,  5",    // 256 MB / 64 MB
            "mbochs,                 mbochs-small,        64, 65",   // 256 MB / 4 MB
            "mtty,                   mtty-2,              12, 13",   // 24 ports / 2
            "nvidia-a16-same-size,   nvidia-749,          4,  5",    // A16-4Q: 4 per GPU
            "nvidia-a16-same-size,   nvidia-746,          16, 17",   // A16-1Q: 16 per GPU
            "nvidia-l40s-mixed-size, nvidia-1158,         2,  3",    // L40S-16Q: 2 in mixed-size mode (48 slots would take 3)
            "nvidia-l40s-mixed-size, nvidia-1153,         16, 17"})  // L40S-2Q: 16 in mixed-size mode (slots would take 24)
    void instancesPerParent(String pack, String type, int max, int over) {
        PackCapacity cap = capacity(pack);
        assertThat(cap.fit(List.of(), instances(type, max)).fits()).as("%d x %s", max, type).isTrue();
        assertThat(cap.fit(List.of(), instances(type, over)).fits()).as("%d x %s", over, type).isFalse();
    }

    @ParameterizedTest(name = "GVT-g {0}: {1}")
    @CsvSource({
            "'V5_4,V5_4,V5_8,V5_8,V5_8',           true",   // low 448, high 2176, fences 20
            "'V5_1,V5_2',                          false",  // high 2048 + 1024 = 3072 > 2688
            "'V5_2,V5_4,V5_8',                     true",   // high 1024 + 512 + 384 = 1920
            "'V5_4,V5_4,V5_4,V5_4,V5_4,V5_8',      false",  // high 5 x 512 + 384 = 2944
            "'V5_8,V5_8,V5_8,V5_8,V5_8,V5_8,V5_8', true"})  // 7 vGPUs: fences 28, high 2688, the cap, all exactly full
    void gvtgMixedTypesShareTheDriversPools(String types, boolean fits) {
        PackCapacity cap = capacity("intel-gvtg");
        List<Instance> added = new ArrayList<>();
        for (String t : types.split(",")) added.add(new Instance(uuid(added.size() + 1), "i915-GVTg_" + t, 1, null));
        long low = 0, high = 0, fences = 0;
        for (Instance i : added) {
            int k = Integer.parseInt(i.type().substring(i.type().length() - 1));
            low += 512 / k;
            high += switch (k) { case 1 -> 2048; case 2 -> 1024; case 4 -> 512; default -> 384; };
            fences += 4;
        }
        // the driver's own arithmetic (vgpu.c, intel_gvt_update_vgpu_types), independent of the pack's encoding
        boolean driver = low <= 896 && high <= 2688 && fences <= 28 && added.size() <= 7;
        assertThat(driver).as("the expectation itself").isEqualTo(fits);
        assertThat(cap.fit(List.of(), added).fits()).isEqualTo(fits);
    }

    private static PackCapacity capacity(String name) {
        RulePack p = RuleBook.bundled().stream().filter(lp -> lp.name().equals(name)).findFirst().orElseThrow().pack();
        return new PackCapacity(p.capacity(), p.types());
    }

    private static List<Instance> instances(String type, int n) {
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Instance(uuid(i + 1), type, 1, null));
        return out;
    }
}
