package io.devplace.bench;

import io.devplace.cli.FleetInput;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.SourceDevice;
import io.devplace.problem.VmRequest;
import io.devplace.rules.RuleBook;
import io.devplace.solver.Assignment;
import io.devplace.solver.Planner;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Quality probe for one generated fleet (not part of {@code benchmarks/run}): solves in seeded mode (deterministic,
 * so the figures do not depend on the machine's load) and prints placed/unplaced evacuees per priority and per vGPU
 * type next to the first-fit and FFD baselines. Usage: {@code FragProbe PROFILE SEED EVACUATE_HOSTS [baselines-only] [no-priority]}.
 */
public final class FragProbe {
    public static void main(String[] args) {
        String profile = args[0];
        long seed = Long.parseLong(args[1]);
        int evacuate = Integer.parseInt(args[2]);
        boolean baselinesOnly = List.of(args).contains("baselines-only");
        boolean noPriority = List.of(args).contains("no-priority");
        RuleBook rules = io.devplace.rules.TestPacks.withAggregatingGvtg();
        FleetGenerator.Generated g = FleetGenerator.generate(FleetGenerator.profile(profile), seed, evacuate, rules);
        if (noPriority) {
            // every VM at the same priority: the plan then maximises the plain count, as first-fit's figure measures
            @SuppressWarnings("unchecked") List<Map<String, Object>> vms = (List<Map<String, Object>>) g.document().get("vms");
            for (Map<String, Object> vm : vms) vm.remove("priority");
        }
        FleetInput.Loaded loaded = FleetInput.load(profile + ".json", g.json(), rules, false);
        Set<String> emptied = new HashSet<>(g.evacuate());
        Baselines.Result ff = Baselines.firstFit(loaded.view(), emptied);
        Baselines.Result ffd = Baselines.ffd(loaded.view(), emptied);
        System.out.printf("%s seed %d: movable %d; first-fit placed %d (valid %d), FFD placed %d (valid %d)%n", profile, seed,
                ff.movable(), ff.placed(), ff.valid(), ffd.placed(), ffd.valid());
        if (baselinesOnly) return;
        PlanRequest req = new PlanRequest(g.evacuate(), Policy.defaults().withTimeLimit("600s"));
        PlanningProblem pp = ProblemBuilder.build(loaded.view(), req);
        long t0 = System.nanoTime();
        Assignment a = Planner.solve(pp, 1L, null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<Long, int[]> byPriority = new TreeMap<>();
        Map<String, int[]> byType = new TreeMap<>();
        int placed = 0, movable = 0;
        for (VmRequest r : pp.evacuees()) {
            Vm vm = r.vm();
            if (!vm.isLiveMigratable()) continue;
            movable++;
            boolean ok = a.chosen().containsKey(r);
            if (ok) placed++;
            else if (List.of(args).contains("list-unplaced"))
                System.out.printf("  unplaced %s: %d options, devices %s%n", vm.name(), r.options().size(),
                        loaded.view().devices(vm).stream().map(d -> d.mdev().type()).toList());
            byPriority.computeIfAbsent(vm.priority(), k -> new int[2])[ok ? 0 : 1]++;
            for (SourceDevice d : loaded.view().devices(vm)) byType.computeIfAbsent(d.mdev().type(), k -> new int[2])[ok ? 0 : 1]++;
        }
        System.out.printf("devplace (seeded): placed %d of %d movable, unplaced %d, score %s, %d ms%n", placed, movable, movable - placed,
                a.score(), ms);
        byPriority.forEach((p, c) -> System.out.printf("  priority %d: placed %d unplaced %d%n", p, c[0], c[1]));
        byType.forEach((t, c) -> System.out.printf("  type %s: placed %d unplaced %d%n", t, c[0], c[1]));
    }
}
