package io.devplace.planning;

import io.devplace.bound.Optimality;
import io.devplace.cli.PlanFormats;
import io.devplace.model.Plan;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** summary.placedBound and summary.optimal on instances whose optimum is known by construction. */
class OptimalityTest {
    private static final String HEAD = "apiVersion: devplace/v1\nkind: Fleet\nhosts:\n";

    private static PlanningProblem problem(FleetView view, String... evacuate) {
        return ProblemBuilder.build(view, new PlanRequest(List.of(evacuate), Fixtures.policy(Map.of())));
    }

    /**
     * Parents no pack governs: t1 takes two small or one large, t2 one small or one large. One large and three small
     * evacuees: the best places the large one on t2 and two small ones on t1.
     */
    @Test
    void noPackParentsBoundIsThreeAndOnlyThreePlacedIsOptimal() {
        String fleet = HEAD + """
                  - name: h0
                    cpus: 64
                    memoryMiB: 262144
                    devices:
                      - {id: a, driver: acme, model: X, supportedTypes: {acme-l: {availableInstances: 0, deviceApi: vfio-pci}}, mdevs: [{uuid: "%s", type: acme-l}]}
                      - {id: b, driver: acme, model: X, supportedTypes: {acme-s: {availableInstances: 0, deviceApi: vfio-pci}}, mdevs: [{uuid: "%s", type: acme-s}]}
                      - {id: c, driver: acme, model: X, supportedTypes: {acme-s: {availableInstances: 0, deviceApi: vfio-pci}}, mdevs: [{uuid: "%s", type: acme-s}]}
                      - {id: d, driver: acme, model: X, supportedTypes: {acme-s: {availableInstances: 0, deviceApi: vfio-pci}}, mdevs: [{uuid: "%s", type: acme-s}]}
                  - name: h1
                    cpus: 64
                    memoryMiB: 262144
                    devices:
                      - {id: t1, driver: acme, model: X, supportedTypes: {acme-s: {availableInstances: 2, deviceApi: vfio-pci}, acme-l: {availableInstances: 1, deviceApi: vfio-pci}}}
                      - {id: t2, driver: acme, model: X, supportedTypes: {acme-s: {availableInstances: 1, deviceApi: vfio-pci}, acme-l: {availableInstances: 1, deviceApi: vfio-pci}}}
                vms:
                  - {name: large, host: h0, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%s"}]}
                  - {name: small1, host: h0, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%s"}]}
                  - {name: small2, host: h0, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%s"}]}
                  - {name: small3, host: h0, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%s"}]}
                """.formatted(u(1), u(2), u(3), u(4), u(1), u(2), u(3), u(4));
        PlanningProblem problem = problem(Fixtures.view(fleet), "h0");

        Optimality.Proof two = Optimality.prove(problem, Set.of("large", "small1"));
        assertThat(two.placedBound()).isEqualTo(3);
        assertThat(two.optimal()).isFalse();
        // the exact search shows how: the large VM on t2, two small ones on t1
        assertThat(two.better()).hasSize(3);
        assertThat(two.better()).anySatisfy(p -> {
            assertThat(p.request().name()).isEqualTo("large");
            assertThat(p.targets().get(0).parent().id()).isEqualTo("t2");
        });

        Optimality.Proof three = Optimality.prove(problem, Set.of("large", "small1", "small2"));
        assertThat(three.placedBound()).isEqualTo(3);
        assertThat(three.optimal()).isTrue();
        assertThat(three.better()).isEmpty();
        // three small ones is also a best count, and all VMs share priority 0: optimal too
        assertThat(Optimality.prove(problem, Set.of("small1", "small2", "small3")).optimal()).isTrue();
    }

    /**
     * An L40S (48 slots) holding 8-slot instances at offsets 8 and 40: 32 slots are free, so counting says two 16-slot
     * instances fit, but only one aligned 16-slot run is free. The exact search closes the gap to the true 1.
     */
    @Test
    void fragmentationIsSeenByTheExactSearch() {
        String fleet = HEAD + """
                  - name: h0
                    cpus: 64
                    memoryMiB: 262144
                    attributes: %s
                    devices:
                      - {id: "0000:01:00.0", driver: nvidia, model: "NVIDIA L40S", mdevs: [{uuid: "%s", type: nvidia-1154, placement: 0}]}
                      - {id: "0000:02:00.0", driver: nvidia, model: "NVIDIA L40S", mdevs: [{uuid: "%s", type: nvidia-1154, placement: 0}]}
                  - name: h1
                    cpus: 64
                    memoryMiB: 262144
                    attributes: %s
                    devices:
                      - {id: "0000:01:00.0", driver: nvidia, model: "NVIDIA L40S", mdevs: [{uuid: "%s", type: nvidia-1152, placement: 8}, {uuid: "%s", type: nvidia-1152, placement: 40}]}
                vms:
                  - {name: e1, host: h0, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%s"}]}
                  - {name: e2, host: h0, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%s"}]}
                  - {name: s1, host: h1, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%s"}]}
                  - {name: s2, host: h1, cpus: 2, memoryMiB: 2048, devices: [{mdev: "%s"}]}
                """.formatted(Fixtures.A16, u(1), u(2), Fixtures.A16, u(3), u(4), u(1), u(2), u(3), u(4));
        FleetView view = Fixtures.view(fleet);
        PlanningProblem problem = problem(view, "h0");
        assertThat(Optimality.prove(problem, Set.of()).placedBound()).isEqualTo(1);
        assertThat(Optimality.prove(problem, Set.of("e1")).optimal()).isTrue();

        Plan p = Fixtures.plan(view, "h0");
        assertThat(p.summary().placed()).isEqualTo(1);
        assertThat(p.summary().placedBound()).isEqualTo(1);
        assertThat(p.summary().optimal()).isTrue();
        assertThat(PlanFormats.render(p, "table", view)).contains("Bound: 1 of 2 placed; no plan can place more than 1 (proven optimal)");
    }

    /** Room for one VM: the one of higher priority, or the plan is not optimal, though it places as many. */
    @Test
    void priorityComesFirst() {
        PlanningProblem problem = problem(Fixtures.view(oneSeat(4, "hi", 4, 100, "lo", 4, 0)), "h0");
        Optimality.Proof lo = Optimality.prove(problem, Set.of("lo"));
        assertThat(lo.placedBound()).isEqualTo(1);
        assertThat(lo.optimal()).isFalse();
        Optimality.Proof hi = Optimality.prove(problem, Set.of("hi"));
        assertThat(hi.placedBound()).isEqualTo(1);
        assertThat(hi.optimal()).isTrue();
    }

    /**
     * Four free vCPUs: the priority VM (4 vCPUs) or both others (2 each). Placing the priority VM is optimal in
     * priority order, though two VMs could be placed: the bound says 2, optimal says true, and the table says both.
     */
    @Test
    void optimalInPriorityOrderWithABoundAbovePlaced() {
        FleetView view = Fixtures.view(oneSeat(4, "hi", 4, 100, "lo1", 2, 0, "lo2", 2, 0));
        PlanningProblem problem = problem(view, "h0");
        assertThat(Optimality.prove(problem, Set.of("hi"))).isEqualTo(new Optimality.Proof(2, true, List.of()));
        Optimality.Proof los = Optimality.prove(problem, Set.of("lo1", "lo2"));
        assertThat(los.placedBound()).isEqualTo(2);
        assertThat(los.optimal()).isFalse();

        Plan p = Fixtures.plan(view, "h0");
        assertThat(Fixtures.move(p, "hi").to()).isEqualTo("h1");
        assertThat(p.summary().placedBound()).isEqualTo(2);
        assertThat(p.summary().optimal()).isTrue();
        assertThat(PlanFormats.render(p, "table", view))
                .contains("Bound: 1 of 3 placed; no plan can place more than 2, and none places more of a higher priority (proven optimal)");
    }

    @Test
    void everyEvacueePlacedIsOptimalAtOnce() {
        PlanningProblem problem = problem(Fixtures.view(oneSeat(8, "a", 2, 0, "b", 2, 0)), "h0");
        assertThat(Optimality.prove(problem, Set.of("a", "b"))).isEqualTo(new Optimality.Proof(2, true, List.of()));
        Optimality.Proof none = Optimality.prove(problem, Set.of());
        assertThat(none.placedBound()).isEqualTo(2);
        assertThat(none.optimal()).isFalse();
        assertThat(none.better()).hasSize(2);
    }

    /**
     * h0 with one mtty port per VM; h1 with {@code freeCpus} vCPUs and a 24-port mtty parent; both on a kernel that
     * migrates mtty. Args: name, cpus, priority...
     */
    private static String oneSeat(int freeCpus, Object... vms) {
        StringBuilder devs = new StringBuilder(), list = new StringBuilder();
        for (int i = 0; i < vms.length; i += 3) {
            String id = "mtty" + i;
            devs.append("      - {id: ").append(id).append(", driver: mtty, mdevs: [{uuid: \"").append(u(i + 1)).append("\", type: mtty-1}]}\n");
            list.append("  - {name: ").append(vms[i]).append(", host: h0, cpus: ").append(vms[i + 1]).append(", memoryMiB: 1024, priority: ")
                    .append(vms[i + 2]).append(", devices: [{mdev: \"").append(u(i + 1)).append("\"}]}\n");
        }
        return HEAD + "  - name: h0\n    cpus: 64\n    memoryMiB: 262144\n    attributes: {kernel: \"6.8.0\"}\n    devices:\n" + devs
                + "  - name: h1\n    cpus: " + freeCpus + "\n    memoryMiB: 262144\n    attributes: {kernel: \"6.8.0\"}\n    devices:\n      - {id: m0, driver: mtty}\nvms:\n" + list;
    }

    private static String u(int n) { return Fixtures.uuid(n); }

}
