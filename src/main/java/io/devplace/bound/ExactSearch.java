package io.devplace.bound;

import io.devplace.capacity.Instance;
import io.devplace.problem.HostView;
import io.devplace.problem.ParentView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The best placement of a few evacuees in the relaxation, by branch and bound: the objective is a vector of placed
 * counts per level (level 0 first, compared lexicographically), so one search serves both "most VMs of each priority,
 * in priority order" and "most VMs" (one level).
 *
 * <p>Two rules keep it small on real fleets. Bounding: a node whose placed VMs plus every VM that still has a choice
 * cannot beat the best known vector is cut. Dominance: a choice that fits together with every choice any other open VM
 * still has on that host (CPU, memory, anti-affinity, each parent it uses, the free mdev it reuses) is taken without
 * branching — any placement of the others stays feasible with this VM there, so nothing is lost. Capacity models are
 * monotone (a set that fits still fits with an instance fewer), which is what makes that argument hold.
 *
 * <p>Work is counted, not timed, so the same input gets the same answer on any machine: a capacity check counts
 * {@value #CHECK}, looking at one choice counts 1.
 */
final class ExactSearch {
    /** The outcome: whether the search finished, the best vector, and an assignment reaching it if it beat the incumbent. */
    record Result(boolean finished, long[] best, Map<Relaxation.Evacuee, Relaxation.Choice> better, long work) {}

    /** The work of one capacity check, in units of looking at one choice (about ten times as long, measured). */
    static final long CHECK = 10;

    private final Relaxation rx;
    private final List<Relaxation.Evacuee> vms;
    private final int[] level;
    private final long budget;
    private long work;
    private boolean aborted;
    private long[] best;
    private Relaxation.Choice[] bestAssign;
    private final Relaxation.Choice[] assign;

    private final Map<ParentView, List<Instance>> added = new IdentityHashMap<>();
    private final Map<HostView, long[]> used = new IdentityHashMap<>();
    private final Map<HostView, List<Integer>> residents = new IdentityHashMap<>();
    private final Set<String> reused = new HashSet<>();

    private ExactSearch(Relaxation rx, List<Relaxation.Evacuee> vms, int[] level, long budget) {
        this.rx = rx;
        this.vms = vms;
        this.level = level;
        this.budget = budget;
        this.assign = new Relaxation.Choice[vms.size()];
    }

    /**
     * Searches for a placement whose vector beats {@code incumbent} (a vector some plan reaches); {@code level[i]} is
     * the level VM i counts on. Stops after {@code budget} capacity checks, unfinished.
     */
    static Result solve(Relaxation rx, List<Relaxation.Evacuee> vms, int[] level, long[] incumbent, long budget) {
        ExactSearch s = new ExactSearch(rx, vms, level, budget);
        s.best = incumbent.clone();
        List<Integer> open = new ArrayList<>();
        List<List<Relaxation.Choice>> live = new ArrayList<>();
        for (int i = 0; i < vms.size(); i++) {
            open.add(i);
            live.add(vms.get(i).choices());
        }
        s.search(open, live, new long[incumbent.length], null);
        Map<Relaxation.Evacuee, Relaxation.Choice> better = null;
        if (s.bestAssign != null) {
            better = new LinkedHashMap<>();
            for (int i = 0; i < vms.size(); i++) if (s.bestAssign[i] != null) better.put(vms.get(i), s.bestAssign[i]);
        }
        return new Result(!s.aborted, s.best, better, s.work);
    }

    /**
     * {@code open}: VMs not yet decided, with their choices that fitted the parent node ({@code live}); {@code last}:
     * the host the parent node placed a VM on — only choices there can have stopped fitting.
     */
    private void search(List<Integer> open, List<List<Relaxation.Choice>> live, long[] value, HostView last) {
        if (aborted) return;
        List<Integer> act = new ArrayList<>();
        List<List<Relaxation.Choice>> actLive = new ArrayList<>();
        long[] ub = value.clone();
        for (int k = 0; k < open.size(); k++) {
            int i = open.get(k);
            List<Relaxation.Choice> l = live.get(k);
            if (last != null) {
                work += l.size();
                List<Relaxation.Choice> f = new ArrayList<>(l.size());
                for (Relaxation.Choice c : l) if (c.host() != last || fits(i, c)) f.add(c);
                l = f;
            }
            if (l.isEmpty()) continue;
            act.add(i);
            actLive.add(l);
            ub[level[i]]++;
        }
        if (work > budget) { aborted = true; return; }
        if (compare(ub, best) <= 0) return;
        if (act.isEmpty()) { // value == ub, which beats the best so far
            best = value.clone();
            bestAssign = assign.clone();
            return;
        }
        int[] safe = findSafe(act, actLive);
        if (safe != null) {
            descend(act, actLive, safe[0], actLive.get(safe[0]).get(safe[1]), value);
            return;
        }
        // branch on the most important VM, the one with the fewest choices among those
        int pick = 0;
        for (int k = 1; k < act.size(); k++) {
            int a = act.get(k), b = act.get(pick);
            if (level[a] < level[b] || (level[a] == level[b] && actLive.get(k).size() < actLive.get(pick).size())) pick = k;
        }
        for (Relaxation.Choice c : actLive.get(pick)) {
            descend(act, actLive, pick, c, value);
            if (aborted) return;
        }
        List<Integer> rest = new ArrayList<>(act);
        List<List<Relaxation.Choice>> restLive = new ArrayList<>(actLive);
        rest.remove(pick);
        restLive.remove(pick);
        search(rest, restLive, value, null); // the VM left unplaced
    }

    private void descend(List<Integer> act, List<List<Relaxation.Choice>> actLive, int k, Relaxation.Choice c, long[] value) {
        int i = act.get(k);
        List<Integer> rest = new ArrayList<>(act);
        List<List<Relaxation.Choice>> restLive = new ArrayList<>(actLive);
        rest.remove(k);
        restLive.remove(k);
        place(i, c);
        value[level[i]]++;
        search(rest, restLive, value, c.host());
        value[level[i]]--;
        unplace(i, c);
    }

    /** [index in act, index in its choices] of a choice that dominates, or null. */
    private int[] findSafe(List<Integer> act, List<List<Relaxation.Choice>> live) {
        // what every open VM could still ask of each host, parent and free mdev
        Map<HostView, long[]> load = new IdentityHashMap<>();
        Map<HostView, List<Integer>> wanting = new IdentityHashMap<>();
        Map<ParentView, Map<Integer, List<Instance>>> demand = new IdentityHashMap<>();
        Map<String, Integer> reuseWanted = new HashMap<>();
        for (int k = 0; k < act.size(); k++) {
            int i = act.get(k);
            work += live.get(k).size();
            Set<HostView> hosts = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Relaxation.Choice c : live.get(k)) {
                if (hosts.add(c.host())) {
                    long[] l = load.computeIfAbsent(c.host(), h -> new long[2]);
                    l[0] += vms.get(i).vm().cpus();
                    l[1] += vms.get(i).vm().memoryMiB();
                    wanting.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(i);
                }
                for (var e : c.added().entrySet()) {
                    List<Instance> mine = demand.computeIfAbsent(e.getKey(), p -> new LinkedHashMap<>()).computeIfAbsent(i, x -> new ArrayList<>());
                    mergeMax(mine, e.getValue());
                }
                for (Relaxation.Slot s : c.slots())
                    if (s.reuses()) reuseWanted.merge(s.parent().key() + "/" + s.reuseUuid(), 1 << 20 | i, (a, b) -> a == b ? a : -1);
            }
        }
        for (int k = 0; k < act.size(); k++) {
            int i = act.get(k);
            for (int n = 0; n < live.get(k).size(); n++) {
                Relaxation.Choice c = live.get(k).get(n);
                if (safe(i, c, load, wanting, demand, reuseWanted)) return new int[]{k, n};
                if (work > budget) return null;
            }
        }
        return null;
    }

    /** Adds to {@code mine} the instances of {@code more} it lacks, keeping the larger count of each alike instance. */
    private static void mergeMax(List<Instance> mine, List<Instance> more) {
        if (more.size() == 1) { // the usual case: one device on this parent
            if (!mine.contains(more.get(0))) mine.add(more.get(0));
            return;
        }
        Map<Instance, Integer> have = new HashMap<>(), want = new LinkedHashMap<>();
        for (Instance x : mine) have.merge(x, 1, Integer::sum);
        for (Instance x : more) want.merge(x, 1, Integer::sum);
        for (var w : want.entrySet())
            for (int j = have.getOrDefault(w.getKey(), 0); j < w.getValue(); j++) mine.add(w.getKey());
    }

    private boolean safe(int i, Relaxation.Choice c, Map<HostView, long[]> load, Map<HostView, List<Integer>> wanting,
                         Map<ParentView, Map<Integer, List<Instance>>> demand, Map<String, Integer> reuseWanted) {
        HostView h = c.host();
        long[] u = used.getOrDefault(h, ZERO), l = load.get(h);
        if (u[0] + l[0] > h.freeCpus() || u[1] + l[1] > h.freeMemoryMiB()) return false;
        if (rx.hardAntiAffinity && !vms.get(i).vm().groups().isEmpty())
            for (int w : wanting.get(h)) if (w != i && shareGroup(i, w)) return false;
        for (Relaxation.Slot s : c.slots())
            if (s.reuses() && reuseWanted.get(s.parent().key() + "/" + s.reuseUuid()) != (1 << 20 | i)) return false;
        for (var e : c.added().entrySet()) {
            ParentView p = e.getKey();
            List<Instance> all = new ArrayList<>(added.getOrDefault(p, List.of()));
            all.addAll(e.getValue());
            for (var d : demand.get(p).entrySet()) if (d.getKey() != i) all.addAll(d.getValue());
            work += CHECK;
            // the count bound is cheap and usually enough to see that all of it cannot fit; the fit (slot placement
            // included) only runs when it might
            List<List<Instance>> one = new ArrayList<>(all.size());
            for (Instance x : all) one.add(List.of(x));
            if (p.capacity().countBound(rx.pinned(p), one) < all.size()) return false;
            if (!p.capacity().fit(rx.pinned(p), all).fits()) return false;
        }
        return true;
    }

    private static final long[] ZERO = new long[2];

    private boolean shareGroup(int a, int b) {
        for (String g : vms.get(a).vm().groups()) if (vms.get(b).vm().groups().contains(g)) return true;
        return false;
    }

    /** Whether choice {@code c} of VM {@code i} fits what is placed now. */
    private boolean fits(int i, Relaxation.Choice c) {
        HostView h = c.host();
        long[] u = used.getOrDefault(h, ZERO);
        if (u[0] + vms.get(i).vm().cpus() > h.freeCpus() || u[1] + vms.get(i).vm().memoryMiB() > h.freeMemoryMiB()) return false;
        if (rx.hardAntiAffinity && !vms.get(i).vm().groups().isEmpty())
            for (int w : residents.getOrDefault(h, List.of())) if (shareGroup(i, w)) return false;
        for (Relaxation.Slot s : c.slots()) if (s.reuses() && reused.contains(s.parent().key() + "/" + s.reuseUuid())) return false;
        for (var e : c.added().entrySet()) {
            ParentView p = e.getKey();
            List<Instance> now = added.get(p);
            if (now == null || now.isEmpty()) continue; // fitted alone when the choice was made
            List<Instance> all = new ArrayList<>(now);
            all.addAll(e.getValue());
            work += CHECK;
            if (!p.capacity().fit(rx.pinned(p), all).fits()) return false;
        }
        return true;
    }

    private void place(int i, Relaxation.Choice c) {
        assign[i] = c;
        long[] u = used.computeIfAbsent(c.host(), h -> new long[2]);
        u[0] += vms.get(i).vm().cpus();
        u[1] += vms.get(i).vm().memoryMiB();
        residents.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(i);
        for (Relaxation.Slot s : c.slots()) if (s.reuses()) reused.add(s.parent().key() + "/" + s.reuseUuid());
        for (var e : c.added().entrySet()) added.computeIfAbsent(e.getKey(), p -> new ArrayList<>()).addAll(e.getValue());
    }

    private void unplace(int i, Relaxation.Choice c) {
        assign[i] = null;
        long[] u = used.get(c.host());
        u[0] -= vms.get(i).vm().cpus();
        u[1] -= vms.get(i).vm().memoryMiB();
        residents.get(c.host()).remove(Integer.valueOf(i));
        for (Relaxation.Slot s : c.slots()) if (s.reuses()) reused.remove(s.parent().key() + "/" + s.reuseUuid());
        for (var e : c.added().entrySet()) {
            List<Instance> l = added.get(e.getKey());
            for (int j = 0; j < e.getValue().size(); j++) l.remove(l.size() - 1);
        }
    }

    /** Lexicographic comparison, level 0 first. */
    static int compare(long[] a, long[] b) {
        for (int k = 0; k < a.length; k++) if (a[k] != b[k]) return Long.compare(a[k], b[k]);
        return 0;
    }
}
