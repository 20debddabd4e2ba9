package io.devplace.solver;

import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Value ranges cut down to each VM's best few hosts, for plans that move a handful of VMs across a large fleet: the
 * construction heuristic tries every value of every VM, so a 5-VM plan over 500 hosts spends most of its solving time
 * on options it will never pick. "Best" is the problem builder's value order (reuse before create, the packing
 * preference, shorter downtime), so the options kept are the ones construction would try first anyway.
 *
 * <p>Only a first try: {@link Planner} solves again over the full ranges whenever the narrowed solution leaves an
 * evacuee unplaced or breaks a hard constraint, so the narrowing never costs a placement.
 */
final class NarrowRanges {
    /** Hosts kept per VM. */
    static final int HOSTS_PER_VM = 16;
    /** Narrow only plans of at most this many VMs (beyond, VMs compete for hosts and the cut would often miss). */
    static final int MAX_VMS = 64;

    private NarrowRanges() {}

    /** The narrowed solution, or null when narrowing would not remove anything worth the second try it risks. */
    static Evacuation of(PlanningProblem problem) {
        if (problem.requests().size() > MAX_VMS) return null;
        Evacuation full = Planner.toSolution(problem);
        List<VmPlacement> narrowed = new ArrayList<>();
        boolean cut = false;
        for (VmRequest r : problem.requests()) {
            List<PlacementOption> kept = best(r.options());
            cut |= kept.size() < r.options().size();
            narrowed.add(VmPlacement.narrowed(r, kept));
        }
        if (!cut) return null;
        return new Evacuation(narrowed, full.getRemovals(), full.getStaying(), full.getSettings().get(0),
                full.getConstraintWeightOverrides());
    }

    /** The options on the first {@link #HOSTS_PER_VM} distinct hosts of {@code options}, in their order. */
    static List<PlacementOption> best(List<PlacementOption> options) {
        Set<String> hosts = new HashSet<>();
        List<PlacementOption> out = new ArrayList<>();
        for (PlacementOption o : options) {
            if (!hosts.contains(o.hostName())) {
                if (hosts.size() >= HOSTS_PER_VM) continue;
                hosts.add(o.hostName());
            }
            out.add(o);
        }
        return out;
    }
}
