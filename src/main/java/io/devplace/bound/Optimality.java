package io.devplace.bound;

import io.devplace.problem.DeviceTarget;
import io.devplace.problem.HostView;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How good a plan is, proven: an upper bound on how many evacuees any plan could place, and whether this plan is
 * optimal (docs/reference/plan.md, check 7(a): no plan places more VMs of the highest priority, nor — with as many of those — more of
 * the next, and so on).
 *
 * <p>Evacuees that can share a host form a component; components do not interact, so the whole is optimal exactly when
 * every component is. A component is proven when the plan places all of it; or when, for every priority p, the plan
 * places as many VMs of priority p or higher as a flow bound allows ({@link FlowBound}); or when an exact search
 * ({@link ExactSearch}) over the relaxation finishes without beating the plan. The bound is the sum over components of
 * the tightest figure proven for each.
 */
public final class Optimality {
    /** Components above this many evacuees get the flow bound only: the exact search would rarely finish. */
    public static final int MAX_EXACT_VMS = 64;
    /** Work the exact searches of one plan may do together ({@link ExactSearch}: about 0.1-0.3 s of CPU). */
    static final long WORK_BUDGET = 300_000;

    /**
     * The proof. {@code better}: where the exact search placed the evacuees of components it solved better than the
     * plan (lexicographically by priority), one host and device targets per VM; empty when none was found. Its final
     * state fits, but wave order is not checked: a planner may try it, the verifier judges the result.
     * {@code improved}: the evacuees of each component {@code better} improves; in the better placement, those of them
     * without a {@link Placement} are left unplaced, so a planner adopting it changes these VMs together.
     */
    public record Proof(long placedBound, boolean optimal, List<Placement> better, List<List<VmRequest>> improved) {
        public Proof(long placedBound, boolean optimal, List<Placement> better) { this(placedBound, optimal, better, List.of()); }
    }


    /** One evacuee placed by the exact search. */
    public record Placement(VmRequest request, HostView host, List<DeviceTarget> targets) {}

    private Optimality() {}

    /** Proves what it can about a plan that places exactly the evacuees named in {@code placed}. */
    public static Proof prove(PlanningProblem problem, Set<String> placed) {
        List<VmRequest> evacuees = problem.evacuees();
        // every evacuee placed: nothing to prove (the VMs that may not move at all are no plan's to place)
        if (evacuees.stream().allMatch(r -> placed.contains(r.name()))) return new Proof(evacuees.size(), true, List.of());
        return prove(problem.derived().get(Relaxation.class, () -> Relaxation.of(problem)), placed, WORK_BUDGET);
    }

    static Proof prove(Relaxation rx, Set<String> placed, long budget) {
        long bound = 0;
        boolean optimal = true;
        long placedCount = 0;
        List<Placement> better = new ArrayList<>();
        List<List<VmRequest>> improved = new ArrayList<>();
        long[] left = {budget};
        for (Relaxation.Evacuee e : rx.evacuees) {
            if (!placed.contains(e.request().name())) continue;
            placedCount++;
            // the plan placed it, so the relaxation must have a choice for it: if not, the relaxation is wrong and
            // proves nothing
            if (e.choices().isEmpty() && e.complete()) optimal = false;
        }
        for (List<Relaxation.Evacuee> comp : components(rx)) {
            int before = better.size();
            Verdict v = component(rx, comp, placed, left, better);
            if (better.size() > before) improved.add(comp.stream().map(Relaxation.Evacuee::request).toList());
            bound += v.bound;
            optimal &= v.proven;
        }
        if (bound < placedCount) { // only a defect in the relaxation could do this; never report a bound below the plan
            bound = placedCount;
            optimal = false;
        }
        return new Proof(bound, optimal, better, improved);
    }

    private record Verdict(long bound, boolean proven) {}

    private static Verdict component(Relaxation rx, List<Relaxation.Evacuee> comp, Set<String> placed, long[] left, List<Placement> better) {
        List<Long> prios = new ArrayList<>(new TreeSet<Long>(comp.stream().map(Relaxation.Evacuee::priority).toList()).descendingSet());
        int[] level = new int[comp.size()];
        long[] planned = new long[prios.size()];
        long planTotal = 0;
        for (int i = 0; i < comp.size(); i++) {
            level[i] = prios.indexOf(comp.get(i).priority());
            if (placed.contains(comp.get(i).request().name())) {
                planned[level[i]]++;
                planTotal++;
            }
        }
        if (planTotal == comp.size()) return new Verdict(planTotal, true);
        // for each priority p: no more VMs of priority p or higher than the flow allows
        boolean proven = true;
        long flowTotal = 0, plannedAbove = 0;
        for (int k = 0; k < prios.size(); k++) {
            List<Relaxation.Evacuee> above = new ArrayList<>();
            for (int i = 0; i < comp.size(); i++) if (level[i] <= k) above.add(comp.get(i));
            plannedAbove += planned[k];
            long f = FlowBound.of(rx, above);
            proven &= f == plannedAbove;
            flowTotal = f;
        }
        if (proven) return new Verdict(flowTotal, true);
        if (comp.size() > MAX_EXACT_VMS || comp.stream().anyMatch(e -> !e.complete()) || left[0] <= 0) return new Verdict(flowTotal, false);

        ExactSearch.Result lex = ExactSearch.solve(rx, comp, level, planned, left[0]);
        left[0] -= lex.work();
        if (lex.better() != null)
            for (var e : lex.better().entrySet())
                better.add(new Placement(e.getKey().request(), e.getValue().host(), e.getValue().targets()));
        long bound = flowTotal;
        if (prios.size() == 1) {
            if (lex.finished()) bound = Math.min(bound, lex.best()[0]);
        } else if (left[0] > 0) {
            long lexTotal = 0;
            for (long x : lex.best()) lexTotal += x;
            ExactSearch.Result count = ExactSearch.solve(rx, comp, new int[comp.size()], new long[]{Math.max(planTotal, lexTotal)}, left[0]);
            left[0] -= count.work();
            if (count.finished()) bound = Math.min(bound, count.best()[0]);
        }
        return new Verdict(bound, lex.finished() && lex.better() == null);
    }

    /** Evacuees with a choice, grouped so that two share a component when they could share a host. */
    static List<List<Relaxation.Evacuee>> components(Relaxation rx) {
        List<Relaxation.Evacuee> with = new ArrayList<>();
        for (Relaxation.Evacuee e : rx.evacuees) if (!e.hosts().isEmpty()) with.add(e);
        int[] parent = new int[with.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        Map<HostView, Integer> first = new IdentityHashMap<>();
        for (int i = 0; i < with.size(); i++)
            for (HostView h : with.get(i).hosts()) {
                Integer j = first.putIfAbsent(h, i);
                if (j != null) parent[find(parent, i)] = find(parent, j);
            }
        Map<Integer, List<Relaxation.Evacuee>> byRoot = new java.util.LinkedHashMap<>();
        for (int i = 0; i < with.size(); i++) byRoot.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(with.get(i));
        return new ArrayList<>(byRoot.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
}
