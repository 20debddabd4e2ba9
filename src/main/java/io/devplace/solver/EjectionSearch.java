package io.devplace.solver;

import io.devplace.problem.PlacementOption;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A long ejection chain for one unplaced evacuee, for fleets filled so tightly that placing it takes moving dozens of
 * VMs, each into the room the next one leaves: more than {@link ExactRepair}'s neighbourhoods hold, and far deeper than
 * {@link EjectionChainMoves} go.
 *
 * <p>The evacuee is put on the option where what stands in its way is smallest; what it ejects waits, and the largest
 * waiting VM is placed next the same way: where it fits as things stand (on the fullest host, keeping large holes
 * whole), else where it ejects the least. The evacuee itself is never ejected; another VM may be, up to
 * {@link #MAX_MOVES} times, each time dearer, and never goes back to a place it was ejected from, so the chain cannot
 * go round in circles. It succeeds when nothing waits any more; the caller then lets the
 * solver's score judge the whole change. A few attempts differ by a random tie-break, seeded, so a seeded plan is the
 * same on every machine; the work (one capacity check counts one) is capped.
 */
final class EjectionSearch {
    /** Attempts per evacuee: the first without noise, the others each with its own seeded tie-break. */
    static final int ATTEMPTS = 6;
    /** Options of one VM whose ejections are weighed, among those with the fewest VMs in the way. */
    static final int WEIGH = 48;
    /** Options of one VM looked at, in value order. */
    static final int SCAN = 600;
    /** How far a random tie-break may scale a cost (0.3: up to 30 % more). */
    static final double NOISE = 0.3;
    /** Times one VM may be placed in one chain; each earlier placement makes ejecting it again this much dearer. */
    static final int MAX_MOVES = 3;
    static final double REMOVE_PENALTY = 2;

    private final Occupancy occ;
    private final long budget;
    long work;
    private final double maxCpus, maxMem;

    EjectionSearch(Occupancy occ, long budget) {
        this.occ = occ;
        this.budget = budget;
        double c = 1, m = 1;
        for (VmPlacement p : occ.vms) {
            c = Math.max(c, p.getRequest().vm().cpus());
            m = Math.max(m, p.getRequest().vm().memoryMiB());
        }
        maxCpus = c;
        maxMem = m;
    }

    /** A change that places {@code u} and re-places everything it moves (only the VMs that change), or null. */
    Map<VmPlacement, PlacementOption> place(VmPlacement u) {
        for (int attempt = 0; attempt < ATTEMPTS && work < budget; attempt++) {
            Random noise = attempt == 0 ? null : new Random(31L * attempt + u.getId().hashCode());
            Map<VmPlacement, PlacementOption> change = attempt(u, noise);
            if (change != null) return change;
        }
        return null;
    }

    /** How hard a VM is to place again: its devices count most, then CPU and memory against the largest VM's. */
    private double size(VmPlacement p) {
        return p.getRequest().vm().devices().size() + p.getRequest().vm().cpus() / maxCpus + p.getRequest().vm().memoryMiB() / maxMem;
    }

    /** One chain: u first, then what waits, largest first; null when a VM finds no step or the work runs out. */
    private Map<VmPlacement, PlacementOption> attempt(VmPlacement u, Random noise) {
        Map<VmPlacement, PlacementOption> before = new LinkedHashMap<>();
        Map<VmPlacement, Integer> moves = new IdentityHashMap<>();
        Set<PlacementOption> tabu = Collections.newSetFromMap(new IdentityHashMap<>());
        moves.put(u, MAX_MOVES); // never ejected: the chain exists to place it
        List<VmPlacement> waiting = new ArrayList<>(List.of(u));
        boolean done = false;
        try {
            while (work < budget) {
                if (waiting.isEmpty()) {
                    done = true;
                    break;
                }
                VmPlacement w = waiting.get(0);
                for (VmPlacement q : waiting) if (size(q) > size(w)) w = q;
                waiting.remove(w);
                Step step = bestStep(w, moves, tabu, noise);
                if (step == null) return null;
                for (VmPlacement q : step.ejected()) {
                    before.putIfAbsent(q, occ.optionOf(q));
                    tabu.add(occ.optionOf(q));
                    occ.set(q, null);
                    waiting.add(q);
                }
                before.putIfAbsent(w, occ.optionOf(w));
                occ.set(w, step.option());
                moves.merge(w, 1, Integer::sum);
            }
            if (!done) return null;
            Map<VmPlacement, PlacementOption> change = new LinkedHashMap<>();
            for (var e : before.entrySet()) if (occ.optionOf(e.getKey()) != e.getValue()) change.put(e.getKey(), occ.optionOf(e.getKey()));
            return change.isEmpty() ? null : change;
        } finally {
            List<VmPlacement> touched = new ArrayList<>(before.keySet());
            for (VmPlacement p : touched) occ.set(p, null); // all out first: putting one back must not meet another's new claim
            for (VmPlacement p : touched) occ.set(p, before.get(p));
        }
    }

    private record Step(PlacementOption option, List<VmPlacement> ejected, double cost) {}

    /**
     * Where {@code w} (unassigned in the copy) goes next, or null: of the options that fit, the fullest host; when none
     * does, the option whose ejections cost least, never ejecting a VM the chain moved {@link #MAX_MOVES} times,
     * and never returning a VM to a place it was ejected from ({@code tabu}).
     */
    private Step bestStep(VmPlacement w, Map<VmPlacement, Integer> moves, Set<PlacementOption> tabu, Random noise) {
        List<PlacementOption> options = w.getOptions();
        Step fit = null;
        record Way(PlacementOption option, List<VmPlacement> blockers) {}
        List<Way> ways = new ArrayList<>();
        for (int i = 0; i < Math.min(SCAN, options.size()); i++) {
            PlacementOption o = options.get(i);
            if (tabu.contains(o) || !o.requirementsMet()) continue;
            work++;
            if (occ.fits(w, o)) {
                double room = occ.roomLeft(w, o) * (noise == null ? 1 : 1 + NOISE * noise.nextDouble());
                if (fit == null || room < fit.cost()) fit = new Step(o, List.of(), room);
                continue;
            }
            if (fit != null) continue; // a fitting option wins over any ejection
            // a free mdev kept, a VM the chain moved often enough, or one that may stay home: not this search's to move
            // (whether the others are enough to take out, the ejection finds)
            List<VmPlacement> bs = new ArrayList<>();
            for (Object b : occ.blockers(w, o))
                if (b instanceof VmPlacement q && moves.getOrDefault(q, 0) < MAX_MOVES && q.isEvacuee()) bs.add(q);
            if (!bs.isEmpty()) ways.add(new Way(o, bs));
        }
        if (fit != null) return fit;
        ways.sort(Comparator.comparingInt((Way x) -> x.blockers().size()));
        Step best = null;
        for (int k = 0; k < Math.min(WEIGH, ways.size()) && work < budget; k++) {
            Way way = ways.get(k);
            List<VmPlacement> ejected = ejection(w, way.option(), way.blockers(), noise);
            if (ejected == null) continue;
            double cost = 0;
            for (VmPlacement q : ejected) cost += size(q) * (1 + REMOVE_PENALTY * moves.getOrDefault(q, 0));
            if (noise != null) cost *= 1 + NOISE * noise.nextDouble();
            if (best == null || cost < best.cost()) best = new Step(way.option(), ejected, cost);
        }
        return best;
    }

    /**
     * The few of {@code blockers} whose leaving lets {@code w} fit {@code o}: the smallest taken out until it fits, then
     * each put back again (largest first) where w still fits without its leaving. Null when taking all out is not
     * enough. The copy is left as it was.
     */
    private List<VmPlacement> ejection(VmPlacement w, PlacementOption o, List<VmPlacement> blockers, Random noise) {
        List<VmPlacement> order = new ArrayList<>(blockers);
        Map<VmPlacement, Double> key = new IdentityHashMap<>();
        for (VmPlacement q : order) key.put(q, size(q) * (noise == null ? 1 : 1 + NOISE * noise.nextDouble()));
        order.sort(Comparator.comparingDouble(key::get));
        Map<VmPlacement, PlacementOption> was = new LinkedHashMap<>();
        try {
            boolean fits = false;
            for (VmPlacement q : order) {
                was.put(q, occ.optionOf(q));
                occ.set(q, null);
                work++;
                if (fits = occ.fits(w, o)) break;
            }
            if (!fits) return null;
            List<VmPlacement> out = new ArrayList<>(was.keySet());
            for (int i = out.size() - 2; i >= 0; i--) { // the last one taken out was needed
                VmPlacement q = out.get(i);
                occ.set(q, was.get(q));
                work++;
                if (occ.fits(w, o)) out.remove(i);
                else occ.set(q, null);
            }
            return out;
        } finally {
            for (var e : was.entrySet()) occ.set(e.getKey(), e.getValue());
        }
    }
}
