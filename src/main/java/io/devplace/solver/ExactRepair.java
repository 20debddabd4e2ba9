package io.devplace.solver;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.api.solver.phase.PhaseCommand;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import io.devplace.bound.Optimality;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.PlacementOption;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.VmRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Large-neighbourhood search with an exact repair, for the evacuees local search leaves unplaced. On a fleet filled
 * to the last slot, placing one more VM usually takes moving two or three others at once, each to the one spot where
 * it still fits: single moves stall there, and random compound moves rarely draw the right combination.
 *
 * <p>First, where the proof of quality ({@link Optimality}) solved a contended group of evacuees exactly and placed
 * it better than the plan, that placement is adopted (when the score agrees). Then, for each evacuee u still unplaced,
 * the cheapest search first: in a plan of more than {@link Optimality#MAX_EXACT_VMS} evacuees the first and the
 * third below ({@link #LARGE_PLAN_SEARCHES}), in a smaller one the second ({@link #SMALL_PLAN_SEARCHES}):
 * <ol>
 *   <li>a long ejection chain ({@link EjectionSearch}): u where least stands in its way, what it ejects placed next,
 *       and so on; milliseconds, and it places most;</li>
 *   <li>a branch and bound over u's <em>neighbourhood</em>: u, the VMs that stand in its way on its most promising
 *       options ({@link Occupancy#blockers}: fewest blockers first), the VMs standing in the way of those VMs' own
 *       options, and so on, up to a size: 8 VMs first, then larger or others around u ({@link #VARIANTS}) while the
 *       smaller finds nothing. They are all taken out and placed again against what the rest of the plan holds, each
 *       VM on one of its options or none, for the best vector of placed VMs per priority (highest priority first);</li>
 *   <li>CP-SAT over every evacuee on a group of hosts around u ({@link CpSatNeighbourhood}), 12 hosts, then 24, then
 *       48: where placing u takes rearranging a hundred VMs.</li>
 * </ol>
 * A change is applied and kept only when the solver's own score agrees (hard constraints no worse, placed VMs per
 * priority better), so the repair obeys every rule local search does; otherwise the plan is left as it was.
 *
 * <p>The search's work is counted, not timed (one capacity check counts one; CP-SAT's in its deterministic time), per
 * search and per repair, so a seeded run gets the same plan on any machine.
 */
final class ExactRepair implements PhaseCommand<Evacuation> {
    /**
     * The neighbourhoods tried in turn for one unplaced evacuee until one gains: {VMs at most, u's most promising
     * options passed over}. Small ones first (their search usually finishes), then larger, then others around u.
     */
    static final int[][] VARIANTS = {{8, 0}, {16, 0}, {16, 4}, {16, 8}, {24, 0}, {32, 0}};
    /** Options of one VM looked at, in value order, when building its neighbourhood and its choices. */
    static final int SCAN = 600;
    /** Choices of one VM in the branch and bound (its options that fit what stays). */
    static final int MAX_CHOICES = 24;
    /** Options of one VM whose blockers join the neighbourhood. */
    static final int EXPAND = 2;
    /** VMs one option may have in its way for the option to be worth freeing. */
    static final int MAX_BLOCKERS = 12;
    /** Capacity checks one neighbourhood's search may make, and all of one repair (one round) together. */
    static final long NEIGHBOURHOOD_WORK = 25_000, PLAN_WORK = 1_500_000;
    /** Capacity checks one evacuee's long ejection chains ({@link EjectionSearch}) may make, all attempts together. */
    static final long CHAIN_WORK = 200_000;
    /**
     * The same right after construction, where dozens wait: half, so that a chain bound to fail costs less of the
     * round and CP-SAT gets to more of them (planted 500-host fleet, seed 1, on the clock: 1,201 → 1,202 placed).
     */
    static final long CHAIN_WORK_AFTER_CONSTRUCTION = 100_000;
    /** Hosts in the groups CP-SAT searches for one evacuee, in turn. */
    static final int[] GROUP_HOSTS = {12, 24, 48};
    /**
     * CP-SAT's deterministic time (its own measure of work, about a second of one core) for one group and for one
     * repair, all groups together.
     */
    static final double GROUP_SECONDS = 1.5, CP_PHASE_SECONDS = 8;

    /**
     * The searches for a plan of more than {@link Optimality#MAX_EXACT_VMS} evacuees: the chain, then CP-SAT, whose
     * groups reach every neighbourhood the branch and bound would search and more (measured on the planted 500-host
     * fleet: with the branch and bound between them, a round spent its time there, which the clock then lacked).
     */
    static final Set<String> LARGE_PLAN_SEARCHES = Set.of("chain", "cpsat");
    /**
     * The searches for a smaller plan: the branch and bound. Such a plan is the proof's, whose exact search solves each
     * group of evacuees that share hosts (adopted in the rounds); a chain bound to fail, or loading CP-SAT's native
     * library (about 0.4 s), would only cost time where a VM cannot be placed at all.
     */
    static final Set<String> SMALL_PLAN_SEARCHES = Set.of("neighbourhood");

    /**
     * The searches the repair runs whatever the plan's size, from the JVM system property {@value #SEARCHES_PROPERTY}
     * (a comma-separated subset of {@code chain,neighbourhood,cpsat}), or null when unset: for measuring what each one
     * adds (docs/search.md).
     */
    static final Set<String> SEARCHES = searches();
    static final String SEARCHES_PROPERTY = "devplace.search.repair";

    private static Set<String> searches() {
        String p = System.getProperty(SEARCHES_PROPERTY);
        if (p == null || p.isBlank()) return null;
        Set<String> out = new HashSet<>();
        for (String k : p.split(",")) out.add(k.trim());
        return out;
    }

    /** Rounds of adopting the proof's better placements (each round proves again: about as costly as building the problem). */
    static final int PROOF_ROUNDS = 2;

    private final PlanningProblem problem;
    private final long planWork;
    /** Whether the branch and bound over neighbourhoods runs (not right after construction). */
    private final boolean neighbourhoods;
    /** When the clock runs out, for CP-SAT (the clock cannot interrupt it otherwise); Long.MAX_VALUE: seeded, none. */
    private final long deadline;

    /** {@code problem}: to prove and adopt the proof's better placements first; null to skip that. */
    /** {@code deadline}: when the clock runs out ({@link System#nanoTime}), Long.MAX_VALUE for a seeded run. */
    ExactRepair(PlanningProblem problem, long deadline) { this(problem, PLAN_WORK, true, deadline); }

    /**
     * Right after construction, where dozens of evacuees may wait: long ejection chains, which place most of them in
     * milliseconds, and CP-SAT groups with a quarter of their usual time, for those a chain cannot place. No branch
     * and bound: the repair rounds after local search run it on what is left.
     */
    static ExactRepair afterConstruction(long deadline) { return new ExactRepair(null, PLAN_WORK, false, deadline); }

    ExactRepair(PlanningProblem problem, long planWork, boolean neighbourhoods, long deadline) {
        this.problem = problem;
        this.planWork = planWork;
        this.neighbourhoods = neighbourhoods;
        this.deadline = deadline;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void changeWorkingSolution(ScoreDirector<Evacuation> director, BooleanSupplier isPhaseTerminated) {
        var score = (InnerScoreDirector<Evacuation, HardMediumSoftLongScore>) director;
        Evacuation s = director.getWorkingSolution();
        adoptProof(director, score, s, isPhaseTerminated);
        boolean large = s.getPlacements().stream().filter(VmPlacement::isEvacuee).count() > Optimality.MAX_EXACT_VMS;
        Set<String> searches = SEARCHES != null ? SEARCHES : large ? LARGE_PLAN_SEARCHES : SMALL_PLAN_SEARCHES;
        if (!neighbourhoods && !searches.contains("chain") && !searches.contains("cpsat")) return;
        Occupancy occ = new Occupancy(s);
        long[] left = {planWork};
        double[] cpSeconds = {neighbourhoods ? CP_PHASE_SECONDS : CP_PHASE_SECONDS / 4};
        Set<VmPlacement> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean improved = true;
        while (improved && left[0] > 0) {
            improved = false;
            List<VmPlacement> waiting = new ArrayList<>(occ.unplacedEvacuees);
            waiting.sort(Comparator.comparingLong((VmPlacement p) -> -p.getRequest().vm().priority()));
            for (VmPlacement u : waiting) {
                if (isPhaseTerminated.getAsBoolean() || left[0] <= 0) return;
                if (u.getOption() != null || failed.contains(u)) continue;
                // the cheapest first: a greedy chain (milliseconds), then exact searches of growing reach
                boolean placed = searches.contains("chain")
                        && apply(director, score, chain(occ, u, left, neighbourhoods ? CHAIN_WORK : CHAIN_WORK_AFTER_CONSTRUCTION));
                if (!placed && neighbourhoods && searches.contains("neighbourhood"))
                    placed = apply(director, score, neighbourhoods(occ, u, left));
                if (!placed && searches.contains("cpsat"))
                    placed = apply(director, score, groups(occ, u, cpSeconds, deadline, isPhaseTerminated));
                if (!placed) {
                    failed.add(u);
                } else {
                    improved = true;
                    failed.clear(); // what was freed may let an earlier failure through
                }
                occ.sync();
            }
        }
    }

    /** A long ejection chain placing {@code u} ({@link EjectionSearch}), or null. */
    private static Map<VmPlacement, PlacementOption> chain(Occupancy occ, VmPlacement u, long[] left, long work) {
        if (left[0] <= 0) return null;
        EjectionSearch chain = new EjectionSearch(occ, Math.min(left[0], work));
        Map<VmPlacement, PlacementOption> change = chain.place(u);
        left[0] -= chain.work;
        return change;
    }

    /** The branch and bound over u's neighbourhoods ({@link #VARIANTS}) in turn, until one gains; or null. */
    private static Map<VmPlacement, PlacementOption> neighbourhoods(Occupancy occ, VmPlacement u, long[] left) {
        Map<VmPlacement, PlacementOption> change = null;
        List<Set<VmPlacement>> seen = new ArrayList<>();
        for (int variant = 0; variant < VARIANTS.length && change == null && left[0] > 0; variant++) {
            Neighbourhood n = new Neighbourhood(occ, u, Math.min(left[0], NEIGHBOURHOOD_WORK), VARIANTS[variant][0], VARIANTS[variant][1]);
            Set<VmPlacement> members = Collections.newSetFromMap(new IdentityHashMap<>());
            members.addAll(n.vms);
            if (members.size() == 1 || seen.contains(members)) continue; // nothing to free, or searched already
            seen.add(members);
            change = n.solve();
            left[0] -= n.work;
        }
        return change;
    }

    /** CP-SAT over the groups of hosts around u ({@link CpSatNeighbourhood}), growing, until one gains; or null. */
    private static Map<VmPlacement, PlacementOption> groups(Occupancy occ, VmPlacement u, double[] cpSeconds, long deadline,
                                                            BooleanSupplier isPhaseTerminated) {
        for (int hosts : GROUP_HOSTS) {
            if (cpSeconds[0] <= 0 || isPhaseTerminated.getAsBoolean()) return null;
            CpSatNeighbourhood group = new CpSatNeighbourhood(occ, u, hosts, Math.min(cpSeconds[0], GROUP_SECONDS * hosts / GROUP_HOSTS[0]), deadline);
            Map<VmPlacement, PlacementOption> change = group.solve();
            cpSeconds[0] -= group.spent;
            if (change != null) return change;
            // the group could not grow to its size: a larger one would be the same hosts, searched again
            if (group.hosts.size() < hosts) return null;
        }
        return null;
    }

    /**
     * The bound's exact search ({@link Optimality}) solves contended components of up to a few dozen evacuees exactly,
     * and says where it placed them when that beats the plan: adopt each such component's placement (its evacuees
     * together) when the score agrees. Each round proves again from the improved plan, as the search's work is shared by
     * the components in turn and those already solved then cost nothing.
     */
    private void adoptProof(ScoreDirector<Evacuation> director, InnerScoreDirector<Evacuation, HardMediumSoftLongScore> score,
                            Evacuation s, BooleanSupplier isPhaseTerminated) {
        if (problem == null) return;
        Map<String, VmPlacement> byName = new HashMap<>();
        for (VmPlacement p : s.getPlacements()) byName.put(p.getRequest().name(), p);
        for (int round = 0; round < PROOF_ROUNDS && !isPhaseTerminated.getAsBoolean(); round++) {
            Set<String> placed = new HashSet<>();
            for (VmPlacement p : s.getPlacements()) if (p.isEvacuee() && p.getOption() != null) placed.add(p.getRequest().name());
            Optimality.Proof proof = Optimality.prove(problem, placed);
            if (proof.improved().isEmpty()) return;
            Map<String, Optimality.Placement> better = new HashMap<>();
            for (Optimality.Placement pl : proof.better()) better.put(pl.request().name(), pl);
            boolean any = false;
            for (List<VmRequest> comp : proof.improved()) {
                Map<VmPlacement, PlacementOption> change = new LinkedHashMap<>();
                boolean matched = true;
                for (VmRequest r : comp) {
                    VmPlacement e = byName.get(r.name());
                    Optimality.Placement pl = better.get(r.name());
                    PlacementOption o = pl == null ? null : e == null ? null : option(e, pl);
                    if (e == null || (pl != null && o == null)) { // not in the solver's ranges
                        matched = false;
                        break;
                    }
                    if (o != e.getOption()) change.put(e, o);
                }
                if (matched && !change.isEmpty() && apply(director, score, change)) any = true;
            }
            if (!any) return;
        }
    }

    /** The option of {@code e} that is {@code pl}: same host, and per device the same parent, type, size and reuse. */
    private static PlacementOption option(VmPlacement e, Optimality.Placement pl) {
        for (PlacementOption o : e.getOptions()) {
            if (!o.hostName().equals(pl.host().name()) || o.targets().size() != pl.targets().size()) continue;
            boolean same = true;
            for (int i = 0; i < o.targets().size() && same; i++) {
                DeviceTarget a = o.targets().get(i), b = pl.targets().get(i);
                same = a.source() == b.source() || a.source().equals(b.source());
                same &= a.parent().key().equals(b.parent().key()) && a.type().equals(b.type()) && a.aggregation() == b.aggregation()
                        && (a.reuseUuid() == null ? b.reuseUuid() == null : a.reuseUuid().equalsIgnoreCase(b.reuseUuid()));
            }
            if (same) return o;
        }
        return null;
    }

    /** Applies {@code change} (null: nothing); keeps it when the score is better, else puts everything back. Whether it was kept. */
    private static boolean apply(ScoreDirector<Evacuation> director, InnerScoreDirector<Evacuation, HardMediumSoftLongScore> score,
                                 Map<VmPlacement, PlacementOption> change) {
        if (change == null) return false;
        HardMediumSoftLongScore before = score.calculateScore().raw();
        Map<VmPlacement, PlacementOption> old = new LinkedHashMap<>();
        for (var e : change.entrySet()) {
            old.put(e.getKey(), e.getKey().getOption());
            GreedyFit.assign(director, e.getKey(), e.getValue());
        }
        HardMediumSoftLongScore after = score.calculateScore().raw();
        if (after.hardScore() >= before.hardScore() && after.compareTo(before) > 0) return true;
        for (var e : old.entrySet()) GreedyFit.assign(director, e.getKey(), e.getValue());
        score.calculateScore();
        return false;
    }

    /** One neighbourhood of an unplaced evacuee, and the branch and bound that places it again. */
    static final class Neighbourhood {
        private final Occupancy occ;
        private final long budget;
        long work;
        private final List<VmPlacement> vms = new ArrayList<>();
        private int[] level;
        private List<List<PlacementOption>> choices;
        private long[] best;
        private PlacementOption[] bestAssign;
        private PlacementOption[] assign;
        private boolean aborted;

        Neighbourhood(Occupancy occ, VmPlacement u, long budget, int maxVms, int skip) {
            this.occ = occ;
            this.budget = budget;
            grow(u, maxVms, skip);
        }

        /**
         * u, then breadth first the VMs in the way of the most promising options of the VMs already in (u's
         * 2 × {@link #EXPAND} most promising after the first {@code skip}, the others' {@link #EXPAND}), up to
         * {@code maxVms}.
         */
        private void grow(VmPlacement u, int maxVms, int skip) {
            Set<VmPlacement> in = Collections.newSetFromMap(new IdentityHashMap<>());
            vms.add(u);
            in.add(u);
            for (int next = 0; next < vms.size() && vms.size() < maxVms; next++) {
                VmPlacement v = vms.get(next);
                record Way(int index, List<VmPlacement> blockers) {}
                List<Way> ways = new ArrayList<>();
                List<PlacementOption> options = v.getOptions();
                PlacementOption current = occ.optionOf(v);
                for (int i = 0; i < Math.min(SCAN, options.size()); i++) {
                    PlacementOption o = options.get(i);
                    if (o == current || !o.requirementsMet()) continue;
                    List<Object> bs = occ.blockers(v, o);
                    List<VmPlacement> out = new ArrayList<>();
                    boolean movable = true;
                    for (Object b : bs) {
                        if (!(b instanceof VmPlacement q)) { movable = false; break; } // a free mdev kept: not this repair's
                        if (!in.contains(q)) out.add(q);
                    }
                    work += 1;
                    if (movable && !out.isEmpty() && out.size() <= MAX_BLOCKERS) ways.add(new Way(i, out));
                }
                ways.sort(Comparator.comparingInt((Way w) -> w.blockers().size()).thenComparingInt(Way::index));
                int expanded = 0, passed = next == 0 ? skip : 0;
                for (Way w : ways) {
                    if (passed > 0) { passed--; continue; }
                    if (expanded >= (next == 0 ? 2 * EXPAND : EXPAND)) break;
                    List<VmPlacement> fresh = new ArrayList<>();
                    for (VmPlacement q : w.blockers()) if (!in.contains(q)) fresh.add(q);
                    if (fresh.isEmpty()) continue;
                    if (vms.size() + fresh.size() > maxVms) continue;
                    for (VmPlacement q : fresh) {
                        in.add(q);
                        vms.add(q);
                    }
                    expanded++;
                }
            }
        }

        /** The better assignment of the neighbourhood's VMs (only those that change), or null. */
        Map<VmPlacement, PlacementOption> solve() {
            List<PlacementOption> was = new ArrayList<>();
            for (VmPlacement v : vms) was.add(occ.optionOf(v));
            // priority levels, highest first; VMs that may move but need not (rebalance) count on no level
            TreeSet<Long> prios = new TreeSet<>(Comparator.reverseOrder());
            for (VmPlacement v : vms) if (v.isEvacuee()) prios.add(v.getRequest().vm().priority());
            List<Long> levels = new ArrayList<>(prios);
            long[] incumbent = new long[levels.size()];
            for (VmPlacement v : vms) occ.set(v, null);
            try {
                choices = new ArrayList<>();
                level = new int[vms.size()];
                for (int i = 0; i < vms.size(); i++) {
                    VmPlacement v = vms.get(i);
                    level[i] = v.isEvacuee() ? levels.indexOf(v.getRequest().vm().priority()) : -1;
                    if (level[i] >= 0 && was.get(i) != null) incumbent[level[i]]++;
                    choices.add(fitting(v, was.get(i)));
                }
                if (aborted) return null;
                best = incumbent;
                assign = new PlacementOption[vms.size()];
                List<Integer> open = new ArrayList<>();
                for (int i = 0; i < vms.size(); i++) open.add(i);
                search(open, new ArrayList<>(choices), new long[levels.size()], null);
                if (bestAssign == null) return null;
                Map<VmPlacement, PlacementOption> change = new LinkedHashMap<>();
                for (int i = 0; i < vms.size(); i++) if (bestAssign[i] != was.get(i)) change.put(vms.get(i), bestAssign[i]);
                return change.isEmpty() ? null : change;
            } finally {
                for (VmPlacement v : vms) occ.set(v, null);
                for (int i = 0; i < vms.size(); i++) occ.set(vms.get(i), was.get(i));
            }
        }

        /** {@code v}'s options that fit what stays, its current one first, at most {@link #MAX_CHOICES}. */
        private List<PlacementOption> fitting(VmPlacement v, PlacementOption current) {
            List<PlacementOption> out = new ArrayList<>();
            if (current != null && occ.fits(v, current)) out.add(current);
            List<PlacementOption> options = v.getOptions();
            for (int i = 0; i < Math.min(SCAN, options.size()) && out.size() < MAX_CHOICES; i++) {
                PlacementOption o = options.get(i);
                if (o == current) continue;
                if (++work > budget) { aborted = true; break; }
                if (occ.fits(v, o)) out.add(o);
            }
            return out;
        }

        /**
         * {@code open}: VMs not decided yet, with their choices that fitted at the parent node ({@code live});
         * {@code value}: placed per level so far; {@code lastHost}: where the parent node placed a VM. Everything a
         * choice is judged on (CPU, memory, anti-affinity, parents) belongs to its host, so only choices there can have
         * stopped fitting.
         */
        private void search(List<Integer> open, List<List<PlacementOption>> live, long[] value, String lastHost) {
            if (aborted) return;
            List<Integer> act = new ArrayList<>(open.size());
            List<List<PlacementOption>> actLive = new ArrayList<>(open.size());
            long[] ub = value.clone();
            for (int k = 0; k < open.size(); k++) {
                int i = open.get(k);
                List<PlacementOption> l = live.get(k);
                if (lastHost != null) {
                    List<PlacementOption> f = new ArrayList<>(l.size());
                    for (PlacementOption o : l) {
                        if (!o.hostName().equals(lastHost)) f.add(o);
                        else {
                            work++;
                            if (occ.fits(vms.get(i), o)) f.add(o);
                        }
                    }
                    l = f;
                }
                if (l.isEmpty()) continue; // left as it is now: unplaced, or (rebalance) at home
                act.add(i);
                actLive.add(l);
                if (level[i] >= 0) ub[level[i]]++;
            }
            if (work > budget) { aborted = true; return; }
            if (compare(ub, best) <= 0) return;
            if (act.isEmpty()) { // value == ub, which beats the best so far
                best = value.clone();
                bestAssign = assign.clone();
                return;
            }
            int[] safe = findSafe(act, actLive);
            if (safe != null) { // placing it there loses nothing: no branching
                int i = act.get(safe[0]);
                PlacementOption o = actLive.get(safe[0]).get(safe[1]);
                List<Integer> rest = new ArrayList<>(act);
                List<List<PlacementOption>> restLive = new ArrayList<>(actLive);
                rest.remove(safe[0]);
                restLive.remove(safe[0]);
                occ.set(vms.get(i), o);
                assign[i] = o;
                if (level[i] >= 0) value[level[i]]++;
                search(rest, restLive, value, o.hostName());
                if (level[i] >= 0) value[level[i]]--;
                assign[i] = null;
                occ.set(vms.get(i), null);
                return;
            }
            // branch on the most important VM, the one with the fewest choices left among those (fail first)
            int pick = 0;
            for (int k = 1; k < act.size(); k++) {
                int a = act.get(k), b = act.get(pick);
                int la = level[a] < 0 ? Integer.MAX_VALUE : level[a], lb = level[b] < 0 ? Integer.MAX_VALUE : level[b];
                if (la < lb || (la == lb && actLive.get(k).size() < actLive.get(pick).size())) pick = k;
            }
            int i = act.get(pick);
            VmPlacement v = vms.get(i);
            List<Integer> rest = new ArrayList<>(act);
            List<List<PlacementOption>> restLive = new ArrayList<>(actLive);
            rest.remove(pick);
            restLive.remove(pick);
            for (PlacementOption o : actLive.get(pick)) {
                occ.set(v, o);
                assign[i] = o;
                if (level[i] >= 0) value[level[i]]++;
                search(rest, restLive, value, o.hostName());
                if (level[i] >= 0) value[level[i]]--;
                assign[i] = null;
                occ.set(v, null);
                if (aborted) return;
            }
            search(rest, restLive, value, null); // v unplaced (or, rebalance, at home)
        }

        /**
         * [index in act, index in its choices] of a choice that dominates, or null: one that fits together with every
         * choice the other open VMs still have on its host. Any placement of the others then stays feasible with this VM
         * there (capacity models are monotone), so nothing is lost by taking it without branching. Judged only where
         * each other VM wanting the host has one choice there (else it is not taken: a VM is set to one option at a time).
         */
        private int[] findSafe(List<Integer> act, List<List<PlacementOption>> live) {
            Map<String, List<Integer>> wanting = new HashMap<>();
            for (int k = 0; k < act.size(); k++) {
                String last = null;
                for (PlacementOption o : live.get(k))
                    if (!o.hostName().equals(last)) {
                        last = o.hostName();
                        List<Integer> w = wanting.computeIfAbsent(last, h -> new ArrayList<>());
                        if (w.isEmpty() || w.get(w.size() - 1) != k) w.add(k);
                    }
            }
            for (int k = 0; k < act.size(); k++) {
                VmPlacement v = vms.get(act.get(k));
                for (int n = 0; n < live.get(k).size(); n++) {
                    PlacementOption o = live.get(k).get(n);
                    List<Integer> others = wanting.get(o.hostName());
                    if (others.size() == 1) return new int[]{k, n}; // it fits now, and nobody else open wants the host
                    List<VmPlacement> set = new ArrayList<>();
                    boolean single = true;
                    for (int w : others) {
                        if (w == k) continue;
                        PlacementOption only = null;
                        for (PlacementOption x : live.get(w))
                            if (x.hostName().equals(o.hostName())) {
                                if (only != null) { single = false; break; }
                                only = x;
                            }
                        if (!single) break;
                        occ.set(vms.get(act.get(w)), only);
                        set.add(vms.get(act.get(w)));
                    }
                    work++;
                    boolean fits = single && occ.fits(v, o);
                    for (VmPlacement x : set) occ.set(x, null);
                    if (fits) return new int[]{k, n};
                    if (work > budget) return null;
                }
            }
            return null;
        }

        static int compare(long[] a, long[] b) {
            for (int k = 0; k < a.length; k++) if (a[k] != b[k]) return Long.compare(a[k], b[k]);
            return 0;
        }
    }
}
