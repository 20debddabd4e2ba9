package io.devplace.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.constructionheuristic.placer.QueuedEntityPlacerConfig;
import ai.timefold.solver.core.config.heuristic.selector.common.SelectionCacheType;
import ai.timefold.solver.core.config.heuristic.selector.common.SelectionOrder;
import ai.timefold.solver.core.config.heuristic.selector.entity.EntitySelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.entity.EntitySorterManner;
import ai.timefold.solver.core.config.heuristic.selector.move.MoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.RuinRecreateMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.value.ValueSelectorConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.phase.custom.CustomPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchType;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationCompositionStyle;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import io.devplace.model.Policy;
import io.devplace.problem.FreeMdev;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * Runs Timefold on a planning problem: First Fit Decreasing, then Late Acceptance over change moves. Stops at the
 * time limit or when the best score stops improving; with a seed it stops on an unimproved step count instead of
 * the clock, so the same inputs give the same plan.
 */
public final class Planner {
    /** Steps without improvement after which a seeded run stops (the clock is only a safety cap there). */
    static final int SEEDED_UNIMPROVED_STEPS = 500;

    private Planner() {}

    /** The best solution so far: its score, when, and how many of the evacuees it places (-1 when unknown). */
    public record Progress(String bestScore, long elapsedMillis, long placed, long evacuees) {
        public Progress(String bestScore, long elapsedMillis) { this(bestScore, elapsedMillis, -1, -1); }
    }

    public static Assignment solve(PlanningProblem problem, Long seed, Consumer<Progress> progress) {
        return solve(problem, seed, progress, null);
    }

    /**
     * As {@link #solve(PlanningProblem, Long, Consumer)}; {@code onSolver} (may be null) gets the solver just before it
     * starts, so that a caller on another thread can stop it with {@link Solver#terminateEarly()} (the service's cancel).
     */
    public static Assignment solve(PlanningProblem problem, Long seed, Consumer<Progress> progress, Consumer<Solver<?>> onSolver) {
        return solve(problem, seed, progress, onSolver, LongUnaryOperator.identity());
    }

    /** As above; {@code budget} narrows each local search's move budget (tests: a search too short to repair a construction). */
    static Assignment solve(PlanningProblem problem, Long seed, Consumer<Progress> progress, Consumer<Solver<?>> onSolver,
                            LongUnaryOperator budget) {
        long start = System.nanoTime();
        Evacuation initial = toSolution(problem);
        if (initial.getPlacements().stream().allMatch(p -> p.getOptions().isEmpty()) && initial.getRemovals().isEmpty())
            return Assignment.of(initial, "0hard/" + unplacedPenalty(initial) + "medium/0soft", millisSince(start));
        Policy pol = problem.request().policy();
        Duration limit = pol.timeLimitDuration();
        int entities = initial.getPlacements().size();
        // the clock's end, for the searches inside a phase that the clock cannot interrupt (CP-SAT); none when seeded
        long deadline = seed == null ? start + limit.toNanos() : Long.MAX_VALUE;
        // Construction most constrained first, then local search: one solver, as most plans need (building a solver
        // costs about half a second in a fresh JVM); where that construction leaves a VM unplaced, first fit and best fit
        // too, and local search starts from the best of the three (ConstructionPortfolio). When local search still
        // leaves a VM unplaced, construction again smallest GPU share first (see SmallestShareFirst for why no order
        // wins everywhere); where that places more, local search continues from it in the time left.
        // A handful of VMs over a large fleet: first over each VM's best hosts only, which is all such a plan needs
        // unless a VM is left unplaced or a hard constraint broken; then again over every option, as below.
        Evacuation narrowed = NarrowRanges.of(problem);
        if (narrowed != null) {
            Evacuation quick = run(config(pol, seed, budget.applyAsLong(moveBudget(narrowed)), entities, deadline), narrowed, start, progress, onSolver);
            if (quick.getScore().hardScore() == 0 && !unplacedAfter(quick))
                return Assignment.of(quick, quick.getScore().toString(), millisSince(start));
        }
        SolverConfig full = config(pol, seed, budget.applyAsLong(moveBudget(initial)), entities, deadline);
        if (narrowed != null)
            full = new SolverConfig(full).withTerminationConfig(termination(pol, seed, remaining(limit, start), budget.applyAsLong(moveBudget(initial)), entities));
        Evacuation best = run(full, initial, start, progress, onSolver);
        // exact repairs of what is left unplaced, each followed by local search, while they gain
        for (int round = 0; round < REPAIR_ROUNDS && unplacedAfter(best) && remaining(limit, start).toMillis() > 0; round++) {
            // the proof's better placements only in the first round, and on the clock only with half the time left:
            // proving costs about as much as building the problem, and the clock cannot stop it
            boolean prove = round == 0 && (seed != null || remaining(limit, start).compareTo(limit.dividedBy(2)) >= 0);
            Evacuation repaired = run(repair(prove ? problem : null, pol, seed, remaining(limit, start), budget.applyAsLong(moveBudget(initial)), entities, deadline),
                    best, start, progress, onSolver);
            boolean gained = repaired.getScore().compareTo(best.getScore()) > 0 && repaired.getScore().mediumScore() > best.getScore().mediumScore();
            best = repaired;
            if (!gained) break;
        }
        if (unplacedAfter(best) && remaining(limit, start).toMillis() > 0) {
            Evacuation second = toSolution(problem);
            for (VmPlacement p : second.getPlacements()) p.setSmallestShareFirst(true);
            Evacuation other = run(construction(pol, seed, remaining(limit, start)), second, start, progress, onSolver);
            if (other.getScore().compareTo(best.getScore()) > 0) {
                Duration left = remaining(limit, start);
                if (left.toMillis() > 0) {
                    SolverConfig search = new SolverConfig(config(pol, seed, budget.applyAsLong(moveBudget(initial)), entities))
                            .withPhases(localSearch(entities))
                            .withTerminationConfig(termination(pol, seed, left, budget.applyAsLong(moveBudget(initial)), entities));
                    other = run(search, other, start, progress, onSolver);
                }
                best = other;
            }
        }
        return Assignment.of(best, best.getScore().toString(), millisSince(start));
    }

    private static Evacuation run(SolverConfig c, Evacuation from, long start, Consumer<Progress> progress, Consumer<Solver<?>> onSolver) {
        Solver<Evacuation> solver = SolverFactory.<Evacuation>create(c).buildSolver();
        if (progress != null)
            solver.addEventListener(e -> {
                List<VmPlacement> ps = e.getNewBestSolution().getPlacements();
                long evacuees = ps.stream().filter(VmPlacement::isEvacuee).count();
                long placed = ps.stream().filter(p -> p.isEvacuee() && p.getOption() != null).count();
                progress.accept(new Progress(e.getNewBestScore().toShortString(), millisSince(start), placed, evacuees));
            });
        if (onSolver != null) onSolver.accept(solver);
        return solver.solve(from);
    }

    /** An evacuee unplaced (medium score below zero: only unplaced VMs cost medium). */
    private static boolean unplacedAfter(Evacuation e) { return e.getScore() != null && e.getScore().mediumScore() < 0; }

    private static Duration remaining(Duration limit, long start) {
        long ms = limit.toMillis() - (System.nanoTime() - start) / 1_000_000; // Timefold takes whole milliseconds
        return Duration.ofMillis(Math.max(0, ms));
    }

    /** Rounds of exact repair and local search after the first local search, at most (each must place more to go on). */
    static final int REPAIR_ROUNDS = 6;

    /**
     * The exact repair of what local search left unplaced ({@link ExactRepair}; with {@code problem} null, without the
     * proof's better placements), then local search again from its result, in the time left.
     */
    static SolverConfig repair(PlanningProblem problem, Policy pol, Long seed, Duration left, long moveBudget, int entities, long deadline) {
        return new SolverConfig(config(pol, seed, moveBudget, entities))
                .withPhases(new CustomPhaseConfig().withCustomPhaseCommands(new ExactRepair(problem, deadline)), localSearch(entities))
                .withTerminationConfig(termination(pol, seed, left, moveBudget, entities));
    }

    /** The construction phases alone (entity order: the entities' flag); stopped only by the clock (a safety cap). */
    static SolverConfig construction(Policy pol, Long seed, Duration limit) {
        return new SolverConfig(config(pol, seed, MIN_MOVES, 0))
                .withPhases(removalsPlacer(), vmsPlacer())
                .withTerminationConfig(new TerminationConfig().withSpentLimit(limit));
    }

    private static long unplacedPenalty(Evacuation e) {
        long m = 0;
        for (VmPlacement p : e.getPlacements()) if (p.isEvacuee()) m -= p.getRequest().unplacedWeight();
        return m;
    }

    private static long millisSince(long start) { return (System.nanoTime() - start) / 1_000_000; }

    public static Evacuation toSolution(PlanningProblem problem) {
        List<VmPlacement> placements = new ArrayList<>();
        for (VmRequest r : problem.requests()) placements.add(new VmPlacement(r));
        List<FreeMdevRemoval> removals = new ArrayList<>();
        for (FreeMdev f : problem.freeMdevs()) removals.add(new FreeMdevRemoval(f, null));
        Policy pol = problem.request().policy();
        return new Evacuation(placements, removals, problem.stayingGroupMembers(), new Evacuation.Settings(pol.maxDowntimeMs()),
                weights(pol));
    }

    /** Policy → constraint weights: soft anti-affinity, spread vs consolidate, and named overrides. */
    static ConstraintWeightOverrides<HardMediumSoftLongScore> weights(Policy pol) {
        Map<String, HardMediumSoftLongScore> w = new LinkedHashMap<>();
        if (!pol.hardAntiAffinity()) {
            HardMediumSoftLongScore soft = HardMediumSoftLongScore.ofSoft(EvacuationConstraints.SOFT_ANTI_AFFINITY);
            w.put(EvacuationConstraints.AA_STAYING, soft);
            w.put(EvacuationConstraints.AA_MOVED, soft);
            w.put(EvacuationConstraints.AA_NOT_MOVED, soft);
        }
        w.put(pol.spreadMode() ? EvacuationConstraints.CONSOLIDATE : EvacuationConstraints.SPREAD, HardMediumSoftLongScore.ZERO);
        for (var e : pol.weights().entrySet()) w.put(e.getKey(), HardMediumSoftLongScore.ofSoft(e.getValue()));
        return ConstraintWeightOverrides.of(w);
    }

    /**
     * How many moves local search may evaluate: scaled to the size of the value ranges. Late Acceptance only ends a
     * step when it accepts a move, so on a problem with nothing left to improve the step count alone never stops it;
     * this bound does, deterministically.
     */
    static long moveBudget(Evacuation e) {
        long options = 0;
        for (VmPlacement p : e.getPlacements()) options += p.getOptions().size() + 1;
        options += 2L * e.getRemovals().size();
        return Math.max(MIN_MOVES, Math.min(MAX_MOVES, options * MOVES_PER_OPTION));
    }

    static final long MIN_MOVES = 5_000, MAX_MOVES = 200_000_000L, MOVES_PER_OPTION = 40;

    public static SolverConfig config(Policy pol, Long seed, long moveBudget) {
        return config(pol, seed, moveBudget, 0);
    }

    /**
     * {@code entities}: how many VMs the solver places (0 when unknown), to size the clock mode's patience. The clock
     * mode does not also stop on {@link #SEEDED_UNIMPROVED_STEPS}: measured on s-frag (seed 2, 200 VMs) that rule
     * stopped one placed VM short of a longer run.
     */
    public static SolverConfig config(Policy pol, Long seed, long moveBudget, int entities) {
        return config(pol, seed, moveBudget, entities, Long.MAX_VALUE);
    }

    /** As above; {@code deadline}: the clock's end ({@link System#nanoTime}), Long.MAX_VALUE for none. */
    static SolverConfig config(Policy pol, Long seed, long moveBudget, int entities, long deadline) {
        Duration limit = pol.timeLimitDuration();
        TerminationConfig t = termination(pol, seed, limit, moveBudget, entities);
        List<PhaseConfig> phases = new ArrayList<>();
        // keep every free mdev first (removal costs); local search removes one where that places VMs
        phases.add(removalsPlacer());
        // First Fit Decreasing over VMs: highest priority and most constrained first; not on a large plan, where scoring
        // every option of every VM takes most of the time limit and first fit and best fit (next) screen options
        // quickly and stop at the first that fits
        if (entities <= FAST_CONSTRUCTION_VMS || !FAST_CONSTRUCTION) phases.add(vmsPlacer());
        // where that left an evacuee unplaced (a large plan: every one): first fit and best fit too, keeping the best
        phases.add(new CustomPhaseConfig().withCustomPhaseCommands(new ConstructionPortfolio()));
        // what construction still left unplaced: long ejection chains and CP-SAT, before local search
        phases.add(new CustomPhaseConfig().withCustomPhaseCommands(ExactRepair.afterConstruction(deadline)));
        phases.add(localSearch(entities));
        SolverConfig c = new SolverConfig()
                .withSolutionClass(Evacuation.class)
                .withEntityClasses(VmPlacement.class, FreeMdevRemoval.class)
                .withConstraintProviderClass(EvacuationConstraints.class)
                .withPhases(phases.toArray(new PhaseConfig[0]))
                .withTerminationConfig(t);
        c.setRandomSeed(seed == null ? 0L : seed);
        return c;
    }

    /**
     * Seeded: an unimproved step count (no clock but the cap); otherwise an unimproved time sized to the problem, a
     * quarter of it once every evacuee is placed.
     */
    static TerminationConfig termination(Policy pol, Long seed, Duration limit, long moveBudget, int entities) {
        TerminationConfig t = new TerminationConfig().withSpentLimit(limit).withMoveCountLimit(moveBudget);
        if (seed != null) t.setUnimprovedStepCountLimit(SEEDED_UNIMPROVED_STEPS);
        else {
            Duration patience = unimprovedTime(pol.timeLimitDuration(), entities);
            t.setUnimprovedSpentLimit(patience);
            // patience counts placements and hard constraints only: a search still polishing the soft part while an
            // evacuee waits hands over to the exact repair, which places it far sooner
            t.setUnimprovedScoreDifferenceThreshold(UNIMPROVED_THRESHOLD);
            // every evacuee placed and no hard constraint broken: no plan places more, only the soft part can still
            // improve, so stop sooner once it stalls rather than polish it to the time limit
            Duration placedPatience = clamp(patience.dividedBy(4), MIN_PATIENCE, patience);
            if (placedPatience.compareTo(patience) < 0) t.setTerminationConfigList(List.of(new TerminationConfig()
                    .withTerminationCompositionStyle(TerminationCompositionStyle.AND)
                    .withTerminationConfigList(List.of(
                            new TerminationConfig().withBestScoreLimit(ALL_PLACED),
                            new TerminationConfig().withUnimprovedSpentLimit(placedPatience)))));
        }
        return t;
    }

    /**
     * Plans with more VMs than this are constructed by first fit and best fit alone ({@link ConstructionPortfolio}).
     * Measured on the planted 500-host fleet (999 VMs): Timefold's construction, scoring every option of every VM,
     * took 7.3 s of a 12 s limit; first fit and best fit together 1.4 s.
     */
    static final int FAST_CONSTRUCTION_VMS = 300;
    /** False with the JVM system property devplace.search.timefoldConstruction=true: every plan by Timefold's construction (to measure). */
    static final boolean FAST_CONSTRUCTION = !Boolean.getBoolean("devplace.search.timefoldConstruction");

    /** The least gain that counts as improving, for the clock mode's patience: one more placed, or one hard constraint less. */
    static final String UNIMPROVED_THRESHOLD = "0hard/1medium/0soft";

    /** Any score that breaks no hard constraint and leaves no evacuee unplaced (only unplaced evacuees cost medium). */
    static final String ALL_PLACED = "0hard/0medium/" + (Long.MIN_VALUE + 1) + "soft";

    /** Keep every free mdev first (removal costs); local search removes one where that places VMs. */
    private static ConstructionHeuristicPhaseConfig removalsPlacer() {
        return placer(new EntitySelectorConfig().withId("removals").withEntityClass(FreeMdevRemoval.class), "removals", "remove");
    }

    /** First Fit Decreasing over VMs, in {@link VmPlacementDifficulty}'s order. */
    private static ConstructionHeuristicPhaseConfig vmsPlacer() {
        return placer(new EntitySelectorConfig().withId("vms").withEntityClass(VmPlacement.class)
                .withCacheType(SelectionCacheType.PHASE).withSelectionOrder(SelectionOrder.SORTED)
                .withSorterManner(EntitySorterManner.DECREASING_DIFFICULTY), "vms", "option");
    }

    /**
     * Late Acceptance over change moves (one VM or one free mdev at a time, Timefold's own, drawn by their sizes) and
     * the compound moves that reach what those cannot: ejection chains and swaps (see docs/search.md). Which kinds
     * run can be narrowed for benchmarking with the system property {@value #MOVES_PROPERTY} (comma-separated of
     * change, ejection, swap, ruin); the default is every kind, ruin only up to {@link #RUIN_MAX_VMS} VMs.
     */
    static LocalSearchPhaseConfig localSearch(int entities) {
        Set<String> kinds = moveKinds();
        // one ruin-and-recreate move rebuilds several VMs over their whole value ranges: cheap on a small plan (where
        // it closes the last gaps to the optimum), a large share of the time on a fleet-sized one, where the nearby
        // compound moves do the work
        if (System.getProperty(MOVES_PROPERTY) == null && entities > RUIN_MAX_VMS) kinds.remove("ruin");
        List<MoveSelectorConfig> selectors = new ArrayList<>();
        if (kinds.contains("change"))
            selectors.add(new UnionMoveSelectorConfig().withMoveSelectors(
                    new ChangeMoveSelectorConfig().withEntitySelectorConfig(new EntitySelectorConfig(VmPlacement.class)),
                    new ChangeMoveSelectorConfig().withEntitySelectorConfig(new EntitySelectorConfig(FreeMdevRemoval.class)))
                    .withFixedProbabilityWeight(CHANGE_WEIGHT));
        if (kinds.contains("ejection"))
            selectors.add(new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(EjectionChainMoves.class)
                    .withFixedProbabilityWeight(EJECTION_WEIGHT));
        if (kinds.contains("swap"))
            selectors.add(new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(SwapMoves.class)
                    .withFixedProbabilityWeight(SWAP_WEIGHT));
        if (kinds.contains("ruin"))
            selectors.add(new RuinRecreateMoveSelectorConfig()
                    .withEntitySelectorConfig(new EntitySelectorConfig(VmPlacement.class)).withVariableName("option")
                    .withFixedProbabilityWeight(RUIN_WEIGHT));
        return new LocalSearchPhaseConfig().withLocalSearchType(LocalSearchType.LATE_ACCEPTANCE)
                .withMoveSelectorConfig(new UnionMoveSelectorConfig().withMoveSelectorList(selectors));
    }

    static final String MOVES_PROPERTY = "devplace.search.moves";
    /** The largest plan (VMs that may move) whose local search draws ruin-and-recreate moves. */
    static final int RUIN_MAX_VMS = 200;
    /** How often each kind of move is drawn, relative to the others (measured: docs/search.md). */
    static final double CHANGE_WEIGHT = 1.0, EJECTION_WEIGHT = 0.25, SWAP_WEIGHT = 0.1, RUIN_WEIGHT = 0.02;

    static Set<String> moveKinds() {
        String p = System.getProperty(MOVES_PROPERTY);
        if (p == null || p.isBlank()) return new HashSet<>(Set.of("change", "ejection", "swap", "ruin"));
        Set<String> out = new HashSet<>();
        for (String k : p.split(",")) out.add(k.trim());
        if (!out.contains("change")) out.add("change"); // change moves are never optional
        return out;
    }

    /** A construction phase over one entity class (Timefold needs it explicit when a solution has two). */
    private static ConstructionHeuristicPhaseConfig placer(EntitySelectorConfig entities, String id, String variable) {
        return new ConstructionHeuristicPhaseConfig().withEntityPlacerConfig(new QueuedEntityPlacerConfig()
                .withEntitySelectorConfig(entities)
                .withMoveSelectorConfigList(List.of(new ChangeMoveSelectorConfig()
                        .withEntitySelectorConfig(EntitySelectorConfig.newMimicSelectorConfig(id))
                        .withValueSelectorConfig(new ValueSelectorConfig().withVariableName(variable)))));
    }

    /**
     * How long the clock mode waits for a better score: as before, a tenth of the limit within [500 ms, 3 s], but no
     * more than {@link #PATIENCE_PER_ENTITY} per VM placed, with a floor of {@link #MIN_PATIENCE}. A handful of VMs
     * converge in far less than the fixed half second that used to be most of a small plan's solving time; from
     * about 100 VMs on the patience is what it was.
     */
    static Duration unimprovedTime(Duration limit, int entities) {
        Duration byLimit = clamp(limit.dividedBy(10), LIMIT_PATIENCE_FLOOR, MAX_PATIENCE);
        if (entities <= 0) return byLimit;
        Duration bySize = clamp(PATIENCE_PER_ENTITY.multipliedBy(entities), MIN_PATIENCE, MAX_PATIENCE);
        return bySize.compareTo(byLimit) < 0 ? bySize : byLimit;
    }

    static final Duration MIN_PATIENCE = Duration.ofMillis(50), LIMIT_PATIENCE_FLOOR = Duration.ofMillis(500),
            MAX_PATIENCE = Duration.ofSeconds(3), PATIENCE_PER_ENTITY = Duration.ofMillis(5);

    private static Duration clamp(Duration d, Duration lo, Duration hi) {
        return d.compareTo(lo) < 0 ? lo : d.compareTo(hi) > 0 ? hi : d;
    }

    /**
     * The score of an assignment the planner emits, by the same constraints and policy weights as solving. The plan
     * that is emitted can differ from the solver's best solution (the planner's first-fit and two-step repairs place
     * more, sequencing can drop a move), and {@code summary.score} must describe the plan, not the search.
     * {@code placed}: VM name to chosen option; {@code removals}: the free mdevs the plan removes.
     */
    public static String scoreOf(PlanningProblem problem, Map<String, PlacementOption> placed, Collection<FreeMdev> removals) {
        Evacuation s = toSolution(problem);
        for (VmPlacement p : s.getPlacements()) p.setOption(placed.get(p.getRequest().name()));
        Set<FreeMdev> removed = new HashSet<>(removals);
        for (FreeMdevRemoval r : s.getRemovals()) r.setRemove(removed.contains(r.getFree()));
        SolverFactory<Evacuation> factory = SolverFactory.create(config(problem.request().policy(), 0L, MIN_MOVES));
        return SolutionManager.create(factory).update(s).toString();
    }

}
