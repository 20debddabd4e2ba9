package io.devplace.solver;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;
import ai.timefold.solver.core.api.score.stream.bi.BiConstraintStream;
import ai.timefold.solver.core.api.score.stream.uni.UniConstraintStream;
import io.devplace.model.MoveMode;
import io.devplace.problem.HostView;
import io.devplace.problem.ParentClaim;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlanningProblem;

import java.util.List;

/**
 * The evacuation objective, as docs/reference/plan.md states it ("What the verifier checks"); each constraint quotes
 * the rule it enforces. Hard: capacity, reuse, requirements, downtime cap, anti-affinity.
 * Medium: evacuees left unplaced, weighted so priority is lexicographic. Soft, in order of weight: moves and
 * free-mdev removals, new mdevs, packing, downtime. Weights are approximately lexicographic; each can be overridden
 * by policy {@code weights} under the constraint's id.
 */
public class EvacuationConstraints implements ConstraintProvider {
    public static final long MOVE = 1_000_000_000_000L;
    public static final long SOFT_ANTI_AFFINITY = 10_000_000_000L;
    public static final long NEW_MDEV = 1_000_000_000L;
    public static final long PACKING = 1_000_000L;

    public static final String PARENT_CAPACITY = "parentCapacity";
    public static final String HOST_CPU = "hostCpu";
    public static final String HOST_MEMORY = "hostMemory";
    public static final String REUSE_ONCE = "freeMdevReusedOnce";
    public static final String REUSE_NOT_REMOVED = "reusedMdevNotRemoved";
    public static final String REQUIREMENTS = "packRequirements";
    public static final String DOWNTIME_CAP = "downtimeCap";
    public static final String AA_STAYING = "antiAffinityWithStayingVms";
    public static final String AA_MOVED = "antiAffinityBetweenMovedVms";
    public static final String AA_NOT_MOVED = "antiAffinityWithRebalanceCandidatesThatStay";
    public static final String UNPLACED = "evacueeUnplaced";
    public static final String MOVES = "moves";
    public static final String REMOVALS = "freeMdevRemovals";
    public static final String NEW_MDEVS = "newMdevs";
    public static final String CONSOLIDATE = "consolidate";
    public static final String SPREAD = "spread";
    public static final String DOWNTIME = "downtime";

    /** Every constraint id, as policy {@code weights} may name them (the solver refuses any other id). */
    public static final List<String> IDS = List.of(PARENT_CAPACITY, HOST_CPU, HOST_MEMORY, REUSE_ONCE, REUSE_NOT_REMOVED,
            REQUIREMENTS, DOWNTIME_CAP, AA_STAYING, AA_MOVED, AA_NOT_MOVED, UNPLACED, MOVES, REMOVALS, NEW_MDEVS, CONSOLIDATE,
            SPREAD, DOWNTIME);

    @Override
    public Constraint[] defineConstraints(ConstraintFactory f) {
        return new Constraint[]{
                parentCapacity(f), hostCpu(f), hostMemory(f), freeMdevReusedOnce(f), reusedMdevNotRemoved(f),
                packRequirements(f), downtimeCap(f), antiAffinityWithStayingVms(f), antiAffinityBetweenMovedVms(f),
                antiAffinityWithRebalanceCandidatesThatStay(f),
                evacueeUnplaced(f),
                moves(f), freeMdevRemovals(f), newMdevs(f), consolidate(f), spread(f), downtime(f)};
    }

    // ---- Streams shared by several constraints (each built once by Bavet)

    /** The parent claims of the chosen options (one shared flattening node for every constraint that needs them). */
    private static UniConstraintStream<ParentClaim> optionClaims(ConstraintFactory f) {
        return f.forEach(VmPlacement.class).flattenLast(p -> p.getOption().parentClaims());
    }

    /** Claims that take over a free mdev. */
    private static UniConstraintStream<ParentClaim> reuseClaims(ConstraintFactory f) {
        return optionClaims(f).filter(c -> c.kind() == ParentClaim.Kind.REUSE);
    }

    /** Every claim on a parent: from chosen options (add, reuse, release) and from removals of free mdevs. */
    private static UniConstraintStream<ParentClaim> claims(ConstraintFactory f) {
        return optionClaims(f)
                .concat(f.forEach(FreeMdevRemoval.class).filter(FreeMdevRemoval::removes).map(FreeMdevRemoval::getClaim));
    }

    /**
     * Per parent with any claim, what its claims add up to: one shared node for the three parent constraints (the same
     * stream object each time, so Bavet builds it once), updated one claim at a time.
     */
    private static BiConstraintStream<ParentView, ParentLoad.Totals> parentTotals(ConstraintFactory f) {
        return claims(f).groupBy(ParentClaim::parent, ParentTally.COLLECTOR);
    }

    /**
     * The VMs that use a host's CPU and memory at the end of the plan beyond what its {@link HostView} already counts:
     * every placed VM on its target, and every rebalance candidate that stays on its own host. (HostView leaves all
     * movers out, so options are pruned optimistically; a candidate that moves away frees its share simply by not
     * being counted, once.)
     */
    private static UniConstraintStream<VmPlacement> hostUsers(ConstraintFactory f) {
        return f.forEachIncludingUnassigned(VmPlacement.class).filter(p -> p.getOption() != null || !p.isEvacuee());
    }

    /** Per final host, its users' CPU and memory: one shared node for both host constraints. */
    private static BiConstraintStream<String, HostTally.Load> hostLoads(ConstraintFactory f) {
        return hostUsers(f).groupBy(VmPlacement::getFinalHost, HostTally.COLLECTOR);
    }

    // ---- Hard (anti-affinity soft when the policy says so: Planner.weights)

    /**
     * "Capacity (host cpus/memory, parent counters, exclusive types, slots, maxInstances, exclusive resources such as
     * vfio-ap APQNs [...]) holds": the parents' part (docs/reference/plan.md, check 3).
     */
    Constraint parentCapacity(ConstraintFactory f) {
        return parentTotals(f)
                .filter((parent, t) -> t.violation() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (parent, t) -> t.violation())
                .asConstraint(PARENT_CAPACITY);
    }

    /** "Capacity (host cpus/memory, ...) holds": the vCPUs (docs/reference/plan.md, check 3). */
    Constraint hostCpu(ConstraintFactory f) {
        return hostLoads(f)
                .filter((host, load) -> load.cpuOver() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (host, load) -> load.cpuOver())
                .asConstraint(HOST_CPU);
    }

    /** "Capacity (host cpus/memory, ...) holds": the memory (docs/reference/plan.md, check 3). */
    Constraint hostMemory(ConstraintFactory f) {
        return hostLoads(f)
                .filter((host, load) -> load.memoryOver() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (host, load) -> 1 + load.memoryOver() / 1024)
                .asConstraint(HOST_MEMORY);
    }

    /** "each free mdev reused by one VM at most" (docs/optimality.md). */
    Constraint freeMdevReusedOnce(ConstraintFactory f) {
        return reuseClaims(f)
                // an mdev UUID is unique per host only (docs/reference/fleet.md): the parent is part of the identity
                .groupBy(ParentClaim::parent, ParentClaim::uuid, ConstraintCollectors.count())
                .filter((parent, uuid, n) -> n > 1)
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (parent, uuid, n) -> 1000L * (n - 1L))
                .asConstraint(REUSE_ONCE);
    }

    /** "an mdev no VM names is free (plans may reuse it, or remove it ...)": not both (docs/reference/fleet.md). */
    Constraint reusedMdevNotRemoved(ConstraintFactory f) {
        return reuseClaims(f)
                .join(FreeMdevRemoval.class, Joiners.equal(ParentClaim::parent, r -> r.getFree().parent()),
                        Joiners.equal(ParentClaim::uuid, r -> r.getFree().uuid()))
                .filter((c, r) -> r.removes())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (c, r) -> 1000L)
                .asConstraint(REUSE_NOT_REMOVED);
    }

    /** "for {@code live} moves, every pack {@code requires} holds" (docs/reference/plan.md, check 2). */
    Constraint packRequirements(ConstraintFactory f) {
        return f.forEach(VmPlacement.class)
                .filter(p -> !p.getOption().requirementsMet())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, p -> 1000L)
                .asConstraint(REQUIREMENTS);
    }

    /** "With {@code maxDowntimeMs > 0} it is a hard cap on {@code live} moves" (docs/reference/plan.md, check 6). */
    Constraint downtimeCap(ConstraintFactory f) {
        return f.forEach(VmPlacement.class)
                .filter(p -> p.getMode() == MoveMode.LIVE)
                .join(Evacuation.Settings.class)
                .filter((p, s) -> s.maxDowntimeMs() > 0 && p.getOption().downtimeMs() > s.maxDowntimeMs())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (p, s) -> 1 + (p.getOption().downtimeMs() - s.maxDowntimeMs()) / 100)
                .asConstraint(DOWNTIME_CAP);
    }

    /** "a moved VM never lands on a host that then holds another VM of one of its groups": one that stays there (docs/reference/plan.md, check 5). */
    Constraint antiAffinityWithStayingVms(ConstraintFactory f) {
        return f.forEach(VmPlacement.class)
                .filter(p -> !p.getGroups().isEmpty())
                .join(PlanningProblem.GroupMember.class, Joiners.equal(p -> p.getOption().hostName(), PlanningProblem.GroupMember::host))
                .filter((p, m) -> p.getGroups().contains(m.group()))
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(AA_STAYING);
    }

    /** "a moved VM never lands on a host that then holds another VM of one of its groups": another moved VM (docs/reference/plan.md, check 5). */
    Constraint antiAffinityBetweenMovedVms(ConstraintFactory f) {
        return f.forEach(VmPlacement.class)
                .filter(p -> !p.getGroups().isEmpty())
                .join(f.forEach(VmPlacement.class).filter(p -> !p.getGroups().isEmpty()),
                        Joiners.equal(p -> p.getOption().hostName(), p -> p.getOption().hostName()),
                        Joiners.lessThan(VmPlacement::getId))
                .filter(VmPlacement::sharesGroupWith)
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(AA_MOVED);
    }

    /**
     * "a moved VM never lands on a host that then holds another VM of one of its groups": a rebalance candidate that
     * stays (docs/reference/plan.md, check 5).
     */
    Constraint antiAffinityWithRebalanceCandidatesThatStay(ConstraintFactory f) {
        return f.forEachIncludingUnassigned(VmPlacement.class)
                .filter(p -> p.getOption() == null && !p.isEvacuee() && !p.getGroups().isEmpty())
                .join(f.forEach(VmPlacement.class).filter(p -> !p.getGroups().isEmpty()),
                        Joiners.equal(VmPlacement::getSourceHost, p -> p.getOption().hostName()))
                .filter(VmPlacement::sharesGroupWith)
                .penalize(HardMediumSoftLongScore.ONE_HARD)
                .asConstraint(AA_NOT_MOVED);
    }

    // ---- Medium: evacuees left unplaced, by priority

    /**
     * "priority first, lexicographically: no VM is left unplaced so that a VM of lower priority can be placed; within a
     * priority, as many VMs as possible" (docs/reference/plan.md, objective (a)).
     */
    Constraint evacueeUnplaced(ConstraintFactory f) {
        return f.forEachIncludingUnassigned(VmPlacement.class)
                .filter(p -> p.isEvacuee() && p.getOption() == null)
                .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, p -> p.getRequest().unplacedWeight())
                .asConstraint(UNPLACED);
    }

    // ---- Soft, in order of weight

    /** "fewest moves (rebalance moves included) and removals of free mdevs": the moves (docs/reference/plan.md, objective (b)). */
    Constraint moves(ConstraintFactory f) {
        return f.forEach(VmPlacement.class)
                .penalize(HardMediumSoftLongScore.ofSoft(MOVE))
                .asConstraint(MOVES);
    }

    /** "fewest moves (rebalance moves included) and removals of free mdevs": the removals (docs/reference/plan.md, objective (b)). */
    Constraint freeMdevRemovals(ConstraintFactory f) {
        return f.forEach(FreeMdevRemoval.class)
                .filter(FreeMdevRemoval::removes)
                .penalize(HardMediumSoftLongScore.ofSoft(MOVE))
                .asConstraint(REMOVALS);
    }

    /** "fewest new mdevs (reuse first)" (docs/reference/plan.md, objective (c)). */
    Constraint newMdevs(ConstraintFactory f) {
        return f.forEach(VmPlacement.class)
                .filter(p -> p.getOption().newMdevs() > 0)
                .penalizeLong(HardMediumSoftLongScore.ofSoft(NEW_MDEV), p -> p.getOption().newMdevs())
                .asConstraint(NEW_MDEVS);
    }

    /** "packing per {@code spread}", {@code consolidate}: "pack GPUs tightly" (docs/reference/plan.md, objective (d); docs/reference/policy.md). */
    Constraint consolidate(ConstraintFactory f) {
        // opening a GPU that holds nothing afterwards-but-new costs; filling used ones is free
        return parentTotals(f)
                .filter((parent, t) -> t.opensEmpty())
                .penalize(HardMediumSoftLongScore.ofSoft(PACKING))
                .asConstraint(CONSOLIDATE);
    }

    /** "packing per {@code spread}", {@code spread}: "spread load" (docs/reference/plan.md, objective (d); docs/reference/policy.md). */
    Constraint spread(ConstraintFactory f) {
        // the growth of the sum over parents of instances squared, so load evens out; off (weight 0) unless policy says spread
        return parentTotals(f)
                .filter((parent, t) -> t.spreadCost() > 0)
                .penalizeLong(HardMediumSoftLongScore.ofSoft(PACKING / 100), (parent, t) -> t.spreadCost())
                .asConstraint(SPREAD);
    }

    /** "least total estimated downtime" (docs/reference/plan.md, objective (e)). */
    Constraint downtime(ConstraintFactory f) {
        return f.forEach(VmPlacement.class)
                .filter(p -> p.getOption().downtimeMs() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, p -> p.getOption().downtimeMs())
                .asConstraint(DOWNTIME);
    }
}
