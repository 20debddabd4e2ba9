package io.devplace.solver;

import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.devplace.solver.TestFleets.NVIDIA_OK;
import static io.devplace.solver.TestFleets.policy;
import static io.devplace.solver.TestFleets.problem;
import static io.devplace.solver.TestFleets.request;
import static io.devplace.solver.TestFleets.view;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The construction order when devices are the bottleneck: the medium score counts unplaced VMs, so small vGPUs go
 * before large ones (a 16Q takes a whole A16 that four 4Q would share), except VMs down to their last few options.
 */
class ConstructionOrderTest {
    private static final String A16_16Q = "nvidia-715", A16_4Q = "nvidia-713";

    /**
     * src holds {@code big} VMs with an A16-16Q each and {@code small} VMs with an A16-4Q each (4 per GPU); dst has
     * {@code idle} idle A16 GPUs and room for every VM's CPU and memory. The 16Q VMs are named to sort first by name.
     */
    private static PlanningProblem fleet(int big, int small, int idle) {
        StringBuilder y = new StringBuilder("hosts:\n");
        y.append("  - name: src\n    cpus: 256\n    memoryMiB: 1048576\n    attributes: ").append(NVIDIA_OK).append("\n    devices:\n");
        List<String> vms = new ArrayList<>();
        int gpu = 0;
        for (int i = 0; i < big; i++) {
            String uuid = uuid(1, i);
            y.append("      - {id: \"0000:%02x:00.0\", driver: nvidia, model: NVIDIA A16, mdevs: [{uuid: %s, type: %s}]}\n"
                    .formatted(++gpu, uuid, A16_16Q));
            vms.add("  - {name: a%02d, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: %s}]}".formatted(i, uuid));
        }
        for (int i = 0; i < small; i += 4) {
            y.append("      - {id: \"0000:%02x:00.0\", driver: nvidia, model: NVIDIA A16, mdevs: [".formatted(++gpu));
            for (int j = i; j < Math.min(small, i + 4); j++) {
                y.append(j == i ? "" : ", ").append("{uuid: %s, type: %s}".formatted(uuid(2, j), A16_4Q));
                vms.add("  - {name: b%02d, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: %s}]}".formatted(j, uuid(2, j)));
            }
            y.append("]}\n");
        }
        y.append("  - name: dst\n    cpus: 256\n    memoryMiB: 1048576\n    attributes: ").append(NVIDIA_OK).append("\n    devices:\n");
        for (int i = 0; i < idle; i++) y.append("      - {id: \"0000:%02x:00.0\", driver: nvidia, model: NVIDIA A16}\n".formatted(0x41 + i));
        y.append("vms:\n").append(String.join("\n", vms)).append("\n");
        return problem(view(y.toString()), policy().build(), "src");
    }

    private static String uuid(int kind, int i) { return "%d0000000-0000-4000-8000-%012d".formatted(kind, i); }

    private static VmPlacement entity(PlanningProblem p, String vm) { return new VmPlacement(request(p, vm)); }

    /** Ascending difficulty: positive when {@code a} is placed before {@code b}. */
    private static int difficulty(VmPlacement a, VmPlacement b) { return new SmallestShareFirst().compare(a, b); }

    @Test
    void smallerVgpusArePlacedBeforeLargerOnesWithAsManyOptions() {
        PlanningProblem p = fleet(1, 4, 4);
        assertThat(request(p, "a00").options()).hasSize(4);
        assertThat(request(p, "b00").options()).hasSize(4);
        assertThat(difficulty(entity(p, "b00"), entity(p, "a00"))).isPositive();
        assertThat(difficulty(entity(p, "a00"), entity(p, "b00"))).isNegative();
    }

    @Test
    void aVmDownToItsLastOptionsIsPlacedBeforeSmallerOnes() {
        PlanningProblem scarce = fleet(1, 0, 1);
        PlanningProblem roomy = fleet(0, 4, 4);
        assertThat(request(scarce, "a00").options()).hasSizeLessThanOrEqualTo(SmallestShareFirst.FEW_OPTIONS);
        assertThat(request(roomy, "b00").options()).hasSizeGreaterThan(SmallestShareFirst.FEW_OPTIONS);
        assertThat(difficulty(entity(scarce, "a00"), entity(roomy, "b00"))).isPositive();
    }

    /**
     * Four idle A16 GPUs for four 16Q and sixteen 4Q evacuees: placing the 16Q first (they have as many options and sort
     * first by name) fills every GPU with one VM each and leaves 16 unplaced; local search cannot trade one placed VM for
     * four. Smallest first places the sixteen 4Q VMs.
     */
    @Test
    void whenDevicesAreTheBottleneckTheMostVmsArePlaced() {
        PlanningProblem p = fleet(4, 16, 4);
        Assignment a = Planner.solve(p, 1L, null);
        assertThat(a.chosen().keySet()).extracting(VmRequest::name).hasSize(16).allMatch(n -> n.startsWith("b"));
    }
}
