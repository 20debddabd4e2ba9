package io.devplace.bench;

import io.devplace.bound.Optimality;
import io.devplace.cli.FleetInput;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.rules.RuleBook;
import io.devplace.solver.Assignment;
import io.devplace.solver.Planner;
import io.devplace.verify.PlanVerifier;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a seeded plan's time goes, step by step, in CPU time of this thread (a development aid, not a suite): build the
 * problem, solve, the whole plan (build + solve + replay + sequence + proof), the proof alone, verify.
 *
 * <p>Usage: {@code StepProfile PROFILE SEED [TIME_LIMIT]}; prints one line per step.
 */
public final class StepProfile {
    public static void main(String[] args) throws Exception {
        String profile = args[0];
        long seed = Long.parseLong(args[1]);
        String limit = args.length > 2 ? args[2] : "600s";
        RuleBook rules = io.devplace.rules.TestPacks.withAggregatingGvtg();
        FleetGenerator.Generated g = FleetGenerator.generate(FleetGenerator.profile(profile), seed, 0, rules);
        List<String> evacuate = g.evacuate();
        long c = cpu();
        FleetInput.Loaded loaded = FleetInput.load(profile + ".json", g.json(), rules, false);
        c = step("load", c);
        PlanRequest req = new PlanRequest(evacuate, Policy.defaults().withTimeLimit(limit));
        PlanningProblem problem = ProblemBuilder.build(loaded.view(), req);
        c = step("build", c);
        ProblemBuilder.build(loaded.view(), req);
        c = step("build again", c);
        Assignment a = Planner.solve(problem, seed, null);
        c = step("solve", c);
        long placedBySolver = a.chosen().keySet().stream().filter(r -> r.evacuee()).count();
        System.out.println("solver placed " + placedBySolver + " of " + problem.evacuees().size() + ", score " + a.score());
        Plan plan = EvacuationPlanner.plan(loaded.view(), req, seed, null, loaded.digest());
        c = step("plan (all)", c);
        Set<String> placed = new HashSet<>();
        for (Plan.Move m : plan.moves()) placed.add(m.vm());
        Optimality.Proof proof = Optimality.prove(problem, placed);
        c = step("proof alone", c);
        Optimality.prove(problem, placed);
        c = step("proof again", c);
        var v = PlanVerifier.verify(loaded.view().fleet(), loaded.view().rules(), plan);
        step("verify", c);
        System.out.println("plan placed " + plan.summary().placed() + " of " + plan.summary().vms() + ", bound " + proof.placedBound()
                + ", optimal " + proof.optimal() + ", better " + proof.better().size() + ", violations " + v.list().size()
                + ", solveMillis " + plan.summary().solveMillis());
        System.exit(0);
    }

    private static long step(String name, long since) {
        long now = cpu();
        System.out.printf("%-12s %8d ms CPU%n", name, (now - since) / 1_000_000);
        return now;
    }

    private static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
}
