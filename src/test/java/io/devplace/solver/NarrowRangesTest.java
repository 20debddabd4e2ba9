package io.devplace.solver;

import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.devplace.solver.TestFleets.NVIDIA_OK;
import static org.assertj.core.api.Assertions.assertThat;

/** Value ranges narrowed to each VM's best hosts: what is kept, and that the solver falls back to the full ranges. */
class NarrowRangesTest {
    private static String uuid(int n) { return String.format("00000000-0000-4000-8000-%012d", n); }

    /**
     * {@code n} evacuees and {@code n} target hosts with room for one A16-4Q each (three of four taken by VMs that
     * stay). Every VM ranks the hosts alike, so narrowed ranges hold the same {@link NarrowRanges#HOSTS_PER_VM} hosts.
     */
    private static PlanningProblem oneSlotPerHost(int n) {
        StringBuilder hosts = new StringBuilder("hosts:\n"), vms = new StringBuilder("vms:\n"), src = new StringBuilder();
        int u = 1;
        for (int i = 0; i < n; i++) {
            StringBuilder mdevs = new StringBuilder();
            for (int k = 0; k < 3; k++) {
                mdevs.append(k == 0 ? "" : ", ").append("{uuid: \"").append(uuid(u)).append("\", type: nvidia-713}");
                vms.append("  - {name: r").append(i).append('-').append(k).append(", host: t").append(String.format("%02d", i))
                        .append(", cpus: 1, memoryMiB: 1024, devices: [{mdev: \"").append(uuid(u++)).append("\"}]}\n");
            }
            hosts.append("  - {name: t").append(String.format("%02d", i)).append(", cpus: 64, memoryMiB: 262144, attributes: ").append(NVIDIA_OK)
                    .append(", devices: [{id: \"0000:01:00.0\", driver: nvidia, model: \"NVIDIA A16\", mdevs: [").append(mdevs).append("]}]}\n");
            src.append(i == 0 ? "" : ", ").append("{id: \"0000:").append(String.format("%02x", i + 1))
                    .append(":00.0\", driver: nvidia, model: \"NVIDIA A16\", mdevs: [{uuid: \"").append(uuid(1000 + i)).append("\", type: nvidia-713}]}");
            vms.append("  - {name: e").append(i).append(", host: src, cpus: 2, memoryMiB: 4096, devices: [{mdev: \"")
                    .append(uuid(1000 + i)).append("\"}]}\n");
        }
        hosts.append("  - {name: src, cpus: 64, memoryMiB: 262144, attributes: ").append(NVIDIA_OK).append(", devices: [").append(src).append("]}\n");
        return TestFleets.problem(TestFleets.view(hosts + vms.toString()), TestFleets.policy().build(), "src");
    }

    @Test
    void keepsTheOptionsOfEachVmsFirstHostsInOrder() {
        PlanningProblem p = oneSlotPerHost(NarrowRanges.HOSTS_PER_VM + 2);
        VmRequest r = TestFleets.request(p, "e0");
        assertThat(r.options()).hasSize(NarrowRanges.HOSTS_PER_VM + 2);
        var kept = NarrowRanges.best(r.options());
        assertThat(kept).containsExactlyElementsOf(r.options().subList(0, NarrowRanges.HOSTS_PER_VM));
        Evacuation e = NarrowRanges.of(p);
        assertThat(e.getPlacements()).allSatisfy(v -> assertThat(v.getOptions()).hasSize(NarrowRanges.HOSTS_PER_VM));
    }

    @Test
    void nothingToNarrowOrTooManyVmsMeansNoNarrowedTry() {
        assertThat(NarrowRanges.of(oneSlotPerHost(3))).isNull();
        assertThat(NarrowRanges.of(oneSlotPerHost(NarrowRanges.MAX_VMS + 1))).isNull();
    }

    @Test
    void theSolverFallsBackToTheFullRangesRatherThanLeaveAVmUnplaced() {
        int n = NarrowRanges.HOSTS_PER_VM + 2;
        Assignment a = Planner.solve(oneSlotPerHost(n), 7L, null);
        assertThat(a.chosen()).hasSize(n);
        Set<String> hosts = new HashSet<>();
        for (PlacementOption o : a.chosen().values()) hosts.add(o.hostName());
        assertThat(hosts).hasSize(n);
    }
}
