package io.devplace.optimal;

import io.devplace.model.FleetReader;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.problem.FleetView;
import io.devplace.problem.PlanRequest;
import io.devplace.rules.LoadedPack;
import io.devplace.rules.RuleBook;
import io.devplace.verify.PlanVerifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On hundreds of seeded random small fleets ({@link SmallFleets}: at most ten evacuees, every capacity model,
 * priorities, anti-affinity, parents with no pack), the planner places as many VMs of each priority as an exhaustive
 * search ({@link ExhaustiveSearch}) finds possible — the objective's first level, exactly — and every plan verifies.
 *
 * <p>Reproduce one case: {@code mvn -o -q test -Dtest=OptimalPlacementTest -Doptimal.seeds=17,42} (prints its fleet).
 * {@code -Doptimal.count=N} changes how many seeds run.
 */
class OptimalPlacementTest {
    private static final long FIRST_SEED = 1;
    private static final int DEFAULT_COUNT = 300;
    private static final long NODE_LIMIT = 50_000_000;

    @Test
    void placesAsManyPerPriorityAsAnExhaustiveSearch() {
        List<Long> seeds = seeds();
        List<String> failures = new ArrayList<>();
        int compared = 0, withUnplaced = 0;
        long planNanos = 0, searchNanos = 0, maxNodes = 0;
        for (long seed : seeds) {
            SmallFleets.Case c = SmallFleets.generate(seed);
            FleetView view = view(c.yaml());
            Policy policy = policy(c.removeFreeMdevs());
            long t0 = System.nanoTime();
            Plan plan = EvacuationPlanner.plan(view, new PlanRequest(c.evacuate(), policy), 7L, null, "sha256:test");
            assertThat(PlanVerifier.verify(view.fleet(), view.rules(), plan).list()).as("verifier violations, seed " + seed + "\n" + c.yaml()).isEmpty();
            long t1 = System.nanoTime();
            ExhaustiveSearch.Result best = ExhaustiveSearch.solve(view, c.evacuate(), c.removeFreeMdevs(), NODE_LIMIT);
            long t2 = System.nanoTime();
            planNanos += t1 - t0;
            searchNanos += t2 - t1;
            assertThat(best.complete()).as("exhaustive search within its node limit, seed " + seed).isTrue();
            maxNodes = Math.max(maxNodes, best.nodes());
            TreeMap<Long, Integer> got = placedByPriority(view, plan, best.placedByPriority());
            compared++;
            if (plan.summary().unplaced() > 0) withUnplaced++;
            if (!got.equals(best.placedByPriority()))
                failures.add("seed " + seed + " (removeFreeMdevs: " + c.removeFreeMdevs() + ", evacuate " + c.evacuate() + "): placed per priority expected "
                        + best.placedByPriority() + ", got " + got + "\nwhat reaches it: " + best.witness() + "\nwhat the plan did: "
                        + plan.moves().stream().map(m -> m.vm() + " -> " + m.to() + " " + m.devices().stream()
                        .map(d -> d.target().parent() + ":" + d.target().type()).toList()).toList() + "\n" + c.yaml());
        }
        System.out.printf("optimal placement: %d fleets compared, %d with some VM unplaced, %d disagreements; planner %d ms, search %d ms (at most %d nodes)%n",
                compared, withUnplaced, failures.size(), planNanos / 1_000_000, searchNanos / 1_000_000, maxNodes);
        assertThat(failures).as(failures.size() + " of " + compared + " fleets placed fewer than the exhaustive search; seeds "
                + failures.stream().map(f -> f.substring(5, f.indexOf(' ', 5))).toList()).isEmpty();
    }

    /**
     * The search itself must be able to fail: on a fleet where one VM of priority 100 and one of priority 0 both fit
     * only on the same GPU, the best is {100: 1, 0: 0}, never the other way round.
     */
    @Test
    void exhaustiveSearchRanksPriorityFirst() {
        String yaml = """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - name: src
                    cpus: 64
                    memoryMiB: 262144
                    attributes: {vgpu_manager: "17.4", libvirt: "10.0.0", qemu: "8.2.2"}
                    devices:
                      - {id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16", mdevs: [{uuid: "00000000-0000-4000-8000-000000000001", type: nvidia-715}]}
                      - {id: "0000:02:00.0", driver: nvidia, model: "NVIDIA A16", mdevs: [{uuid: "00000000-0000-4000-8000-000000000002", type: nvidia-713}]}
                  - name: t0
                    cpus: 64
                    memoryMiB: 262144
                    attributes: {vgpu_manager: "17.4", libvirt: "10.0.0", qemu: "8.2.2"}
                    devices:
                      - {id: "0000:01:00.0", driver: nvidia, model: "NVIDIA A16"}
                vms:
                  - {name: low, host: src, cpus: 1, memoryMiB: 1024, devices: [{mdev: "00000000-0000-4000-8000-000000000002"}]}
                  - {name: high, host: src, cpus: 1, memoryMiB: 1024, priority: 100, devices: [{mdev: "00000000-0000-4000-8000-000000000001"}]}
                """;
        ExhaustiveSearch.Result r = ExhaustiveSearch.solve(view(yaml), List.of("src"), false, NODE_LIMIT);
        assertThat(r.placedByPriority()).containsExactly(Map.entry(100L, 1), Map.entry(0L, 0));
    }

    /** Per priority present among the evacuees, how many of them the plan moves (rebalance moves are not evacuees). */
    private static TreeMap<Long, Integer> placedByPriority(FleetView view, Plan plan, TreeMap<Long, Integer> keys) {
        TreeMap<Long, Integer> out = new TreeMap<>(Comparator.reverseOrder());
        for (Long k : keys.keySet()) out.put(k, 0);
        for (Plan.Move m : plan.moves()) {
            Vm vm = view.fleet().vms().stream().filter(v -> v.name().equals(m.vm())).findFirst().orElseThrow();
            if (!plan.request().evacuate().contains(vm.host())) continue;
            out.merge(vm.priority(), 1, Integer::sum);
        }
        return out;
    }

    static FleetView view(String yaml) {
        List<LoadedPack> packs = new ArrayList<>();
        packs.add(RuleBook.parse("test-capped.yaml", SmallFleets.CAPPED_PACK.getBytes(StandardCharsets.UTF_8)));
        // GVT-g with the aggregation example pack (live-migratable there): the fleets exercise aggregation
        packs.addAll(io.devplace.rules.TestPacks.withAggregatingGvtg().packs());
        return new FleetView(FleetReader.parse("small-fleet.yaml", yaml.getBytes(StandardCharsets.UTF_8)).value(), new RuleBook(packs));
    }

    static Policy policy(boolean removeFreeMdevs) {
        Policy d = Policy.defaults();
        return new Policy(d.apiVersion(), d.kind(), d.maxParallel(), d.maxPerHost(), d.bandwidthMiBps(), false, false, removeFreeMdevs,
                d.maxDowntimeMs(), d.spread(), "hard", "10s", Map.of());
    }

    private static List<Long> seeds() {
        String s = System.getProperty("optimal.seeds");
        if (s != null && !s.isBlank()) return java.util.Arrays.stream(s.split("[ ,]+")).map(Long::parseLong).toList();
        int n = Integer.getInteger("optimal.count", DEFAULT_COUNT);
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) out.add(FIRST_SEED + i);
        return out;
    }
}
