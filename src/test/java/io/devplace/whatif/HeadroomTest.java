package io.devplace.whatif;

import io.devplace.problem.FleetView;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.devplace.whatif.Fixtures.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/** Headroom is exact packing through each parent's capacity model, not a sum of free counters. */
class HeadroomTest {

    @Test
    void anExclusiveGpuLockedTo8QHasNo4QHeadroom() {
        // one GPU holds one 8Q (half its framebuffer): 8Q has room for one more, 4Q for none (same-size mode)
        FleetView v = Fixtures.view(HEADER + "hosts:\n" + Fixtures.a16Host("a", "r1", "17.4", 64, "nvidia-714"));
        Map<String, Long> h = Fixtures.headroom(v);
        assertThat(h).containsEntry("nvidia-714", 1L).containsEntry("nvidia-713", 0L).containsEntry("nvidia-711", 0L)
                .containsEntry("nvidia-715", 0L);
    }

    @Test
    void emptyAndLockedGpusAddUpPerParent() {
        // GPU 0: 3 × 4Q (one 4Q left); GPU 1: empty (4 × 4Q, or 16 × 1Q); GPU 2: 1 × 1Q (15 more 1Q, no 4Q)
        FleetView v = Fixtures.view(HEADER + "hosts:\n" + Fixtures.a16Host("a", "r1", "17.4", 64,
                "nvidia-713,nvidia-713,nvidia-713", "", "nvidia-711"));
        Map<String, Long> h = Fixtures.headroom(v);
        assertThat(h.get("nvidia-713")).isEqualTo(1 + 4);
        assertThat(h.get("nvidia-711")).isEqualTo(16 + 15);
        assertThat(h.get("nvidia-715")).isEqualTo(1);
        assertThat(h.get("nvidia-714")).isEqualTo(2);
    }

    @Test
    void slotsFragmentationIsRespected() {
        // two size-2 instances at offsets 0 and 4 of an 8-slot parent: 4 free slots, but no aligned block of 4
        String fleet = HEADER + """
                hosts:
                  - name: s
                    cpus: 8
                    memoryMiB: 8192
                    devices:
                      - id: p0
                        driver: slotty
                        mdevs:
                          - {uuid: "00000000-0000-4000-8000-000000000001", type: s-2, placement: 0}
                          - {uuid: "00000000-0000-4000-8000-000000000002", type: s-2, placement: 4}
                """;
        FleetView v = Fixtures.view(fleet, Fixtures.bundledPlus(Fixtures.SLOT_PACK));
        Map<String, Long> h = Fixtures.headroom(v);
        assertThat(h).containsEntry("s-4", 0L).containsEntry("s-2", 2L).containsEntry("s-1", 4L).containsEntry("s-8", 0L);
    }

    @Test
    void slotHeadroomEqualsTheFreeAlignedBlocksOnRandomParents() {
        // independent of the capacity code: instances of size k sit in aligned, disjoint blocks of k slots, so the most
        // that fit is the number of aligned blocks that are wholly free
        java.util.Random rnd = new java.util.Random(20261125);
        io.devplace.rules.RuleBook rules = Fixtures.bundledPlus(Fixtures.SLOT_PACK);
        for (int trial = 0; trial < 150; trial++) {
            boolean[] used = new boolean[8];
            StringBuilder mdevs = new StringBuilder();
            int n = rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                int k = new int[]{1, 2, 4}[rnd.nextInt(3)];
                java.util.List<Integer> free = new java.util.ArrayList<>();
                for (int o = 0; o < 8; o += k) {
                    boolean ok = true;
                    for (int j = o; j < o + k; j++) ok &= !used[j];
                    if (ok) free.add(o);
                }
                if (free.isEmpty()) continue;
                int o = free.get(rnd.nextInt(free.size()));
                for (int j = o; j < o + k; j++) used[j] = true;
                mdevs.append("          - {uuid: \"00000000-0000-4000-8000-").append(String.format("%012d", i)).append("\", type: s-").append(k)
                        .append(", placement: ").append(o).append("}\n");
            }
            String fleet = HEADER + "hosts:\n  - name: s\n    cpus: 8\n    memoryMiB: 8192\n    devices:\n      - id: p0\n        driver: slotty\n"
                    + (mdevs.length() == 0 ? "" : "        mdevs:\n" + mdevs);
            Map<String, Long> h = Fixtures.headroom(Fixtures.view(fleet, rules));
            for (int k : new int[]{1, 2, 4, 8}) {
                long blocks = 0;
                for (int o = 0; o < 8; o += k) {
                    boolean free = true;
                    for (int j = o; j < o + k; j++) free &= !used[j];
                    if (free) blocks++;
                }
                assertThat(h.get("s-" + k)).as("trial %d, size %d, used %s", trial, k, java.util.Arrays.toString(used)).isEqualTo(blocks);
            }
        }
    }

    @Test
    void countersScaleWithAggregationAndMaxInstancesCaps() {
        // the aggregation example pack (test fixture), a GPU of 8 units: a V5_8 with aggregator=2 (2 units) and a V5_4 (2 units) use 4 of 8
        String fleet = HEADER + """
                hosts:
                  - name: g
                    cpus: 8
                    memoryMiB: 8192
                    devices:
                      - id: "0000:00:02.0"
                        driver: i915
                        model: "Intel UHD 630"
                        attributes: {gvt_version: "1.0"}
                        mdevs:
                          - {uuid: "00000000-0000-4000-8000-000000000001", type: i915-GVTg_V5_8, attrs: [{aggregator: "2"}]}
                          - {uuid: "00000000-0000-4000-8000-000000000002", type: i915-GVTg_V5_4}
                """;
        Map<String, Long> h = Fixtures.headroom(Fixtures.view(fleet, Fixtures.bundledPlus(io.devplace.rules.TestPacks.aggregatingGvtgYaml())));
        assertThat(h).containsEntry("i915-GVTg_V5_8", 4L)   // 4 units free, 1 unit each (7 of maxInstances 8 left)
                .containsEntry("i915-GVTg_V5_4", 2L)          // 2 units each; maxInstances 4 - 1 = 3 would allow more
                .containsEntry("i915-GVTg_V5_2", 1L)
                .containsEntry("i915-GVTg_V5_1", 0L);
    }

    @Test
    void maxInstancesAloneLimits() {
        // mdpy: 4 instances per parent across all its types
        String fleet = HEADER + """
                hosts:
                  - name: m
                    cpus: 8
                    memoryMiB: 8192
                    devices:
                      - id: mdpy
                        driver: mdpy
                        mdevs:
                          - {uuid: "00000000-0000-4000-8000-000000000001", type: mdpy-hd}
                """;
        assertThat(Fixtures.headroom(Fixtures.view(fleet))).containsEntry("mdpy-vga", 3L).containsEntry("mdpy-hd", 3L);
    }

    @Test
    void parentsWithoutAPackUseTheirObservedAvailabilityAndOneNewType() {
        // docs/reference/rulepack.md, Parents no pack governs: at most availableInstances new instances of one type, one new type per parent
        String fleet = HEADER + """
                hosts:
                  - name: p
                    cpus: 8
                    memoryMiB: 8192
                    labels: {rack: r1}
                    devices:
                      - id: d0
                        driver: acme
                        supportedTypes: {acme-1: {availableInstances: 1, deviceApi: vfio-pci}}
                        mdevs: [{uuid: "00000000-0000-4000-8000-000000000001", type: acme-1}]
                  - name: q
                    cpus: 8
                    memoryMiB: 8192
                    labels: {rack: r2}
                    devices:
                      - id: d0
                        driver: acme
                        supportedTypes: {acme-1: {availableInstances: 3, deviceApi: vfio-pci}, acme-2: {availableInstances: 2, deviceApi: vfio-pci}}
                vms:
                  - {name: v, host: p, cpus: 1, memoryMiB: 1024, devices: [{mdev: "00000000-0000-4000-8000-000000000001"}]}
                """;
        FleetView v = Fixtures.view(fleet);
        assertThat(Fixtures.headroom(v)).containsEntry("acme-1", 1L + 3).containsEntry("acme-2", 2L);
        // p fails: v restarts on q as a new acme-1, which leaves q two more acme-1 and no other type
        WhatIfReport.ScenarioResult s = Fixtures.run(v, "scenarios:\n  - {name: lose-p, down: {names: [p]}}\n").report().scenarios().get(0);
        assertThat(s.placed()).isEqualTo(1);
        assertThat(s.headroom()).containsEntry("acme-1", 2L).containsEntry("acme-2", 0L);
    }

    @Test
    void hostsBeingEmptiedCountForNothing() {
        String fleet = HEADER + "hosts:\n" + Fixtures.a16Host("a", "r1", "17.4", 64, "", "")
                + Fixtures.a16Host("b", "r1", "17.4", 64, "", "").replace("    cpus: 64\n", "    cpus: 64\n    state: draining\n");
        assertThat(Fixtures.headroom(Fixtures.view(fleet))).containsEntry("nvidia-715", 2L);
    }

    @Test
    void templatesCountCpuAndMemoryAndSingleDeviceTemplatesAreExact() {
        // two empty GPUs (8 × 4Q) but only 20 free vCPUs: 8-vCPU 4Q VMs -> 2 fit
        FleetView v = Fixtures.view(HEADER + "hosts:\n" + Fixtures.a16Host("a", "r1", "17.4", 20, "", ""));
        FinalState s = FinalState.of(v, null, Set.of());
        Headroom hr = new Headroom();
        WhatIf.VmTemplate t = new WhatIf.VmTemplate(8L, 1024L, null, java.util.List.of(new WhatIf.DeviceTemplate("nvidia-713", null)));
        assertThat(hr.template(s, t)).isEqualTo(new Headroom.TemplateFit(2, true));
        WhatIf.VmTemplate small = new WhatIf.VmTemplate(1L, 1024L, null, java.util.List.of(new WhatIf.DeviceTemplate("nvidia-713", null)));
        assertThat(hr.template(s, small)).isEqualTo(new Headroom.TemplateFit(8, true));
        // two devices per VM: 8Q + 8Q on the same exclusive GPU is fine; greedy is exact here as it meets the bound
        WhatIf.VmTemplate two = new WhatIf.VmTemplate(1L, 1L, null, java.util.List.of(new WhatIf.DeviceTemplate("nvidia-714", null),
                new WhatIf.DeviceTemplate("nvidia-714", null)));
        assertThat(hr.template(s, two)).isEqualTo(new Headroom.TemplateFit(2, true));
    }

    @Test
    void multiDeviceTemplatesBelowTheBoundAreMarkedLower() {
        // a VM wanting a 4Q and an 8Q: the two GPUs lock to one type each, so 2 fit? 4Q GPU: 4 × 4Q, 8Q GPU: 2 × 8Q -> 2 VMs.
        // The simple bound (per kind: 4Q 8 alone, 8Q 4 alone) says 4, so greedy cannot prove it exact.
        FleetView v = Fixtures.view(HEADER + "hosts:\n" + Fixtures.a16Host("a", "r1", "17.4", 64, "", ""));
        WhatIf.VmTemplate t = new WhatIf.VmTemplate(1L, 1L, null, java.util.List.of(new WhatIf.DeviceTemplate("nvidia-713", null),
                new WhatIf.DeviceTemplate("nvidia-714", null)));
        assertThat(new Headroom().template(FinalState.of(v, null, Set.of()), t)).isEqualTo(new Headroom.TemplateFit(2, false));
    }
}
