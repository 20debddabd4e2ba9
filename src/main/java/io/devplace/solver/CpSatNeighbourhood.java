package io.devplace.solver;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import io.devplace.problem.HostView;
import io.devplace.problem.ParentClaim;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlacementOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every evacuee on a group of hosts placed again at once, exactly, by CP-SAT (OR-Tools): for a fleet packed so tightly
 * that placing the last VM takes rearranging a hundred others over a dozen hosts, beyond a branch and bound's reach and
 * beyond what a greedy chain of ejections finds.
 *
 * <p>The group: the hosts where an unplaced evacuee u could go, then the hosts the VMs on them could go to, most often
 * named first, up to a size. Its VMs: every evacuee placed on it, u, and the other evacuees still waiting that could go
 * there, each on its options within the group. Everything else stays as the plan has it. The model:
 * <ul>
 *   <li>one option or none per VM;</li>
 *   <li>per host, CPU and memory left by what stays; per host and anti-affinity group, one VM at most;</li>
 *   <li>per parent, the new instances the chosen options add must fit next to what stays. The capacity model is the
 *       pack's own ({@link ParentLoad}), asked once per combination: the combinations of instance counts per kind
 *       (type, aggregation, attrs) that fit are listed up front (maximal ones only: capacity is monotone, fewer of
 *       each always fits too), and the model picks one per parent;</li>
 *   <li>a free mdev is reused by one VM at most;</li>
 *   <li>maximise the placed VMs' weights (per priority, as the score counts them).</li>
 * </ul>
 * The plan's own placement is the search's starting hint. Its work is bounded in CP-SAT's deterministic time, on one
 * worker, so a seeded run gets the same plan on any machine. The caller lets the solver's score judge the result.
 *
 * <p>Where OR-Tools' native library cannot load (a platform it does not ship), this search is skipped, once logged.
 */
final class CpSatNeighbourhood {
    private static final Logger LOG = LoggerFactory.getLogger(CpSatNeighbourhood.class);

    /** Combinations of instance counts listed for one parent, at most (beyond that the group is not modelled). */
    static final int MAX_COMBINATIONS = 4_000;
    /** Hosts one host of the group brings in (those its VMs could go to, most often named first). */
    static final int PER_HOST = 4;
    /** Capacity checks listing the combinations of one group may make. */
    static final long MAX_CHECKS = 200_000;
    private long checks;

    /** Listing a parent's combinations would take too long: the group is not modelled. */
    private static final class TooLarge extends RuntimeException {
        TooLarge() { super(null, null, false, false); }
    }

    /** Option variables of one model, at most. */
    static final int MAX_VARIABLES = 40_000;

    private static volatile Boolean available;

    /** Whether CP-SAT's native library loaded (tried once per process). */
    static boolean available() {
        if (available == null) {
            synchronized (CpSatNeighbourhood.class) {
                if (available == null) {
                    try {
                        Loader.loadNativeLibraries();
                        available = true;
                    } catch (Throwable t) { // UnsatisfiedLinkError and its kin: no native build for this platform
                        LOG.warn("CP-SAT unavailable on this platform ({}): large neighbourhoods are not searched exactly", t.toString());
                        available = false;
                    }
                }
            }
        }
        return available;
    }

    private final Occupancy occ;
    private final double deterministicSeconds;
    private final long deadline;
    /** The hosts of the group, in the order they joined. */
    final List<String> hosts;
    final List<VmPlacement> vms = new ArrayList<>();
    /** CP-SAT's deterministic time the search took (0 when it did not run). */
    double spent;

    /** The group around {@code u} of at most {@code maxHosts} hosts. */
    /** {@code deadline}: the clock's end ({@link System#nanoTime}) the search also stops at; Long.MAX_VALUE for none. */
    CpSatNeighbourhood(Occupancy occ, VmPlacement u, int maxHosts, double deterministicSeconds, long deadline) {
        this.occ = occ;
        this.deterministicSeconds = deterministicSeconds;
        this.deadline = deadline;
        this.hosts = group(u, maxHosts);
        Set<VmPlacement> in = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> hostSet = Set.copyOf(hosts);
        vms.add(u);
        in.add(u);
        for (VmPlacement p : occ.placed)
            if (p.isEvacuee() && hostSet.contains(occ.optionOf(p).hostName()) && in.add(p)) vms.add(p);
        for (VmPlacement p : occ.unplacedEvacuees)
            if (!in.contains(p) && p.getOptions().stream().anyMatch(o -> hostSet.contains(o.hostName()))) {
                in.add(p);
                vms.add(p);
            }
    }

    /**
     * u's hosts (those where fewest VMs stand in its way first), then, breadth first, the hosts the VMs on the group
     * could go to, the most often named first.
     */
    private List<String> group(VmPlacement u, int maxHosts) {
        Map<String, Integer> blockers = new LinkedHashMap<>();
        for (PlacementOption o : u.getOptions())
            if (o.requirementsMet()) blockers.merge(o.hostName(), occ.inTheWay(u, o), Math::min);
        List<String> out = new ArrayList<>(blockers.keySet());
        out.sort(Comparator.comparingInt(blockers::get));
        if (out.size() > maxHosts) out = new ArrayList<>(out.subList(0, maxHosts));
        Set<String> in = new LinkedHashSet<>(out);
        for (int next = 0; next < out.size() && out.size() < maxHosts; next++) {
            Map<String, Integer> named = new LinkedHashMap<>();
            for (VmPlacement p : occ.placed) {
                if (!p.isEvacuee() || !occ.optionOf(p).hostName().equals(out.get(next))) continue;
                Set<String> seen = new LinkedHashSet<>();
                for (PlacementOption o : p.getOptions()) if (!in.contains(o.hostName()) && seen.add(o.hostName())) named.merge(o.hostName(), 1, Integer::sum);
            }
            List<String> more = new ArrayList<>(named.keySet());
            more.sort(Comparator.comparingInt((String h) -> -named.get(h)));
            int added = 0;
            for (String h : more) {
                if (out.size() >= maxHosts || added >= PER_HOST) break; // a few per host, so the group stays around u
                if (!in.add(h)) continue;
                out.add(h);
                added++;
            }
        }
        return out;
    }

    /** The better placement of the group's VMs (only those that change), or null. */
    Map<VmPlacement, PlacementOption> solve() {
        if (!available()) return null;
        List<PlacementOption> was = new ArrayList<>();
        for (VmPlacement v : vms) was.add(occ.optionOf(v));
        for (VmPlacement v : vms) occ.set(v, null);
        try {
            return model(was);
        } finally {
            for (VmPlacement v : vms) occ.set(v, null);
            for (int i = 0; i < vms.size(); i++) occ.set(vms.get(i), was.get(i));
        }
    }

    private record Choice(int vm, PlacementOption option, BoolVar x) {}

    private Map<VmPlacement, PlacementOption> model(List<PlacementOption> was) {
        Set<String> hostSet = Set.copyOf(hosts);
        CpModel m = new CpModel();
        List<Choice> choices = new ArrayList<>();
        long current = 0;
        LinearExprBuilder objective = LinearExpr.newBuilder();
        for (int i = 0; i < vms.size(); i++) {
            VmPlacement v = vms.get(i);
            if (was.get(i) != null) current += v.getRequest().unplacedWeight();
            List<Literal> mine = new ArrayList<>();
            for (PlacementOption o : v.getOptions()) {
                // an option that does not fit next to what stays cannot fit next to more
                if (!hostSet.contains(o.hostName()) || !o.requirementsMet() || !occ.fits(v, o)) continue;
                for (ParentClaim c : o.parentClaims()) // a release or removal in the group: beyond this model
                    if ((c.kind() == ParentClaim.Kind.RELEASE || c.kind() == ParentClaim.Kind.REMOVE) && hostSet.contains(c.parent().host().name())) return null;
                BoolVar x = m.newBoolVar("x");
                choices.add(new Choice(i, o, x));
                mine.add(x);
                objective.addTerm(x, v.getRequest().unplacedWeight());
                if (choices.size() > MAX_VARIABLES) return null;
            }
            if (!mine.isEmpty()) m.addAtMostOne(mine);
        }
        hosts(m, choices);
        if (!parents(m, choices)) return null;

        // any placement better than the plan's will do: the first found ends the search (the solver's score, not
        // this model, weighs the rest of the plan)
        m.addGreaterOrEqual(objective, current + 1);
        for (Choice c : choices) m.addHint(c.x(), c.option() == was.get(c.vm()) ? 1 : 0);

        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(1).setMaxDeterministicTime(deterministicSeconds).setRandomSeed(1);
        if (deadline != Long.MAX_VALUE) solver.getParameters().setMaxTimeInSeconds(Math.max(0.01, (deadline - System.nanoTime()) / 1e9));
        CpSolverStatus status = solver.solve(m);
        spent = solver.response().getDeterministicTime();
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) return null;
        Map<VmPlacement, PlacementOption> change = new LinkedHashMap<>();
        PlacementOption[] chosen = new PlacementOption[vms.size()];
        for (Choice c : choices) if (solver.booleanValue(c.x())) chosen[c.vm()] = c.option();
        for (int i = 0; i < vms.size(); i++) if (chosen[i] != was.get(i)) change.put(vms.get(i), chosen[i]);
        return change.isEmpty() ? null : change;
    }

    /** CPU and memory per host; one VM per anti-affinity group and host. */
    private void hosts(CpModel m, List<Choice> choices) {
        Map<String, List<Choice>> byHost = new LinkedHashMap<>();
        for (Choice c : choices) byHost.computeIfAbsent(c.option().hostName(), k -> new ArrayList<>()).add(c);
        for (List<Choice> on : byHost.values()) {
            HostView h = on.get(0).option().host();
            long[] left = occ.left(h);
            LinearExprBuilder cpu = LinearExpr.newBuilder(), mem = LinearExpr.newBuilder();
            Map<String, List<Literal>> groups = new HashMap<>();
            for (Choice c : on) {
                VmPlacement v = vms.get(c.vm());
                cpu.addTerm(c.x(), v.getRequest().vm().cpus());
                mem.addTerm(c.x(), v.getRequest().vm().memoryMiB());
                for (String g : v.getGroups()) groups.computeIfAbsent(g, k -> new ArrayList<>()).add(c.x());
            }
            m.addLessOrEqual(cpu, left[0]);
            m.addLessOrEqual(mem, left[1]);
            for (List<Literal> g : groups.values()) if (g.size() > 1) m.addAtMostOne(g);
        }
    }

    /** Per parent, the new instances within one combination that fits; per free mdev, one reuse. False: too many combinations. */
    private boolean parents(CpModel m, List<Choice> choices) {
        Map<ParentView, Map<String, ParentClaim>> kinds = new LinkedHashMap<>();
        Map<ParentView, Map<String, LinearExprBuilder>> demand = new LinkedHashMap<>();
        Map<ParentView, Map<String, Integer>> most = new LinkedHashMap<>();
        Map<String, List<Literal>> reuses = new HashMap<>();
        for (Choice c : choices) {
            // what this option adds per parent and kind (two devices of one VM may add two of a kind to one parent)
            Map<ParentView, Map<String, Integer>> adds = new LinkedHashMap<>();
            for (ParentClaim claim : c.option().parentClaims()) {
                if (claim.kind() == ParentClaim.Kind.REUSE) reuses.computeIfAbsent(claim.uuid().toLowerCase(), k -> new ArrayList<>()).add(c.x());
                if (claim.kind() != ParentClaim.Kind.ADD) continue;
                kinds.computeIfAbsent(claim.parent(), k -> new LinkedHashMap<>()).putIfAbsent(claim.addedKey(), claim);
                adds.computeIfAbsent(claim.parent(), k -> new LinkedHashMap<>()).merge(claim.addedKey(), 1, Integer::sum);
            }
            for (var onParent : adds.entrySet())
                for (var kind : onParent.getValue().entrySet()) {
                    demand.computeIfAbsent(onParent.getKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(kind.getKey(), k -> LinearExpr.newBuilder()).addTerm(c.x(), kind.getValue());
                    most.computeIfAbsent(onParent.getKey(), k -> new LinkedHashMap<>()).merge(kind.getKey(), kind.getValue(), Integer::sum);
                }
        }
        for (List<Literal> r : reuses.values()) if (r.size() > 1) m.addAtMostOne(r);
        for (var e : kinds.entrySet()) {
            ParentView parent = e.getKey();
            List<String> keys = new ArrayList<>(e.getValue().keySet());
            List<ParentClaim> staying = occ.claimsOn(parent);
            int[] cap = new int[keys.size()];
            for (int k = 0; k < keys.size(); k++) cap[k] = most.get(parent).get(keys.get(k));
            List<int[]> combos = new ArrayList<>();
            try {
                if (!combinations(parent, staying, keys, e.getValue(), cap, 0, new int[keys.size()], combos)) return false;
            } catch (TooLarge t) {
                return false;
            }
            if (combos.size() == 1) { // one way: a bound per kind
                for (int k = 0; k < keys.size(); k++) m.addLessOrEqual(demand.get(parent).get(keys.get(k)), combos.get(0)[k]);
                continue;
            }
            List<BoolVar> pick = new ArrayList<>();
            for (int j = 0; j < combos.size(); j++) pick.add(m.newBoolVar("c"));
            m.addExactlyOne(pick.toArray(new Literal[0]));
            for (int k = 0; k < keys.size(); k++) { // what the options add of this kind <= what the picked combination holds
                LinearExprBuilder need = demand.get(parent).get(keys.get(k));
                for (int j = 0; j < combos.size(); j++) need.addTerm(pick.get(j), -combos.get(j)[k]);
                m.addLessOrEqual(need, 0);
            }
        }
        return true;
    }

    /**
     * The maximal count vectors (instances per kind, each at most {@code cap}) that fit next to {@code staying}, by
     * depth-first enumeration, kind after kind. False when there are more than {@link #MAX_COMBINATIONS}.
     */
    private boolean combinations(ParentView parent, List<ParentClaim> staying, List<String> keys, Map<String, ParentClaim> claimOf,
                                        int[] cap, int k, int[] counts, List<int[]> out) {
        if (k == keys.size()) {
            // maximal: no kind can take one more
            for (int j = 0; j < keys.size(); j++) {
                if (counts[j] >= cap[j]) continue;
                counts[j]++;
                boolean more = fits(parent, staying, keys, claimOf, counts);
                counts[j]--;
                if (more) return true;
            }
            out.add(counts.clone());
            return out.size() <= MAX_COMBINATIONS;
        }
        for (int n = 0; n <= cap[k]; n++) {
            counts[k] = n;
            if (n > 0 && !fits(parent, staying, keys, claimOf, counts)) break; // more of this kind cannot fit either
            if (!combinations(parent, staying, keys, claimOf, cap, k + 1, counts, out)) return false;
        }
        counts[k] = 0;
        return true;
    }

    private boolean fits(ParentView parent, List<ParentClaim> staying, List<String> keys, Map<String, ParentClaim> claimOf, int[] counts) {
        // the enumeration asks about most vectors twice (going deeper, and checking a leaf is maximal)
        return known.computeIfAbsent(new Counts(parent, counts.clone()), c -> check(parent, staying, keys, claimOf, counts));
    }

    /** A parent and instance counts per kind, as a key. */
    private record Counts(ParentView parent, int[] counts) {
        @Override public boolean equals(Object o) { return o instanceof Counts c && c.parent == parent && java.util.Arrays.equals(c.counts, counts); }
        @Override public int hashCode() { return System.identityHashCode(parent) * 31 + java.util.Arrays.hashCode(counts); }
    }

    private final Map<Counts, Boolean> known = new HashMap<>();

    private boolean check(ParentView parent, List<ParentClaim> staying, List<String> keys, Map<String, ParentClaim> claimOf, int[] counts) {
        if (++checks > MAX_CHECKS) throw new TooLarge();
        List<ParentClaim> claims = new ArrayList<>(staying);
        for (int j = 0; j < keys.size(); j++) for (int n = 0; n < counts[j]; n++) claims.add(claimOf.get(keys.get(j)));
        return ParentLoad.totals(parent, claims).violation() == 0;
    }
}
