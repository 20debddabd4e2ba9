package io.devplace.solver;

import io.devplace.problem.PlacementOption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Ejection chains: put a VM on one of its options; the VMs that stand in its way there (on the same parents, or on
 * the same host when CPU or memory is short) are ejected and re-placed, each on an option that fits with what the
 * chain has done so far, ejecting in turn up to {@link #MAX_DEPTH} levels deep, or left unassigned. A free mdev in the
 * way is removed (only where policy lets the solver remove free mdevs: otherwise there are none to remove). This
 * reaches "move A away, then B fits" in one step, which change moves over VM-specific option lists cannot. Last, a
 * few evacuees still waiting are tried in the room the chain freed ({@link Chain#refill}).
 *
 * <p>Nearby by construction: what gets ejected is only what shares a parent or a host with the option tried.
 */
public class EjectionChainMoves extends CompoundMoves {
    /** Levels of ejection: the VM placed, the VMs it ejects, the VMs those eject. */
    static final int MAX_DEPTH = 3;
    /** VMs (or free mdevs) one placement may eject. */
    static final int MAX_EJECTED = 2;
    /** Options of an ejected VM tried for one that fits as things stand. */
    static final int SAMPLE = 12;
    /** Waiting evacuees tried, and at most placed, in the room a chain freed. */
    static final int REFILL_TRIES = 8, MAX_REFILLS = 2;
    /** Share of chains that start from an evacuee left unplaced, when there is one. */
    static final double FROM_UNPLACED = 0.75;

    @Override
    String kind() { return "EjectionChain"; }

    @Override
    Reassign build(Occupancy occ, Reassign.Variables vars, Random random) {
        if (occ.vms.isEmpty()) return null; // only free mdevs to decide: nothing to chain
        VmPlacement v = !occ.unplacedEvacuees.isEmpty() && random.nextDouble() < FROM_UNPLACED
                ? occ.unplacedEvacuees.get(random.nextInt(occ.unplacedEvacuees.size()))
                : occ.vms.get(random.nextInt(occ.vms.size()));
        List<PlacementOption> options = v.getOptions();
        if (options.isEmpty()) return null;
        PlacementOption o = options.get(random.nextInt(options.size()));
        if (o == occ.optionOf(v)) return null;
        Chain c = new Chain(occ, random);
        boolean ok = c.place(v, o, 0);
        if (ok) c.refill();
        Reassign m = ok ? c.move(vars, kind()) : null;
        c.undo();
        return m;
    }

    /** One chain being built: the changes so far, applied to the occupancy copy, and how to take them back. */
    private static final class Chain {
        private final Occupancy occ;
        private final Random random;
        private final Map<VmPlacement, PlacementOption> before = new LinkedHashMap<>();
        private final Map<FreeMdevRemoval, Boolean> removedBefore = new LinkedHashMap<>();

        Chain(Occupancy occ, Random random) {
            this.occ = occ;
            this.random = random;
        }

        private void set(VmPlacement p, PlacementOption o) {
            before.putIfAbsent(p, occ.optionOf(p));
            occ.set(p, o);
        }

        /** Puts {@code v} on {@code o}, ejecting what is in the way; false (changes kept, for {@link #undo}) when it cannot. */
        boolean place(VmPlacement v, PlacementOption o, int depth) {
            set(v, null);
            List<VmPlacement> ejected = new ArrayList<>();
            if (!occ.fits(v, o)) {
                List<Object> blockers = occ.blockers(v, o);
                blockers.removeIf(b -> before.containsKey(b) || removedBefore.containsKey(b)); // never undo the chain's own work
                shuffle(blockers);
                int n = 0;
                for (Object b : blockers) {
                    if (n++ >= MAX_EJECTED) break;
                    if (b instanceof VmPlacement q) {
                        set(q, null);
                        ejected.add(q);
                    } else {
                        FreeMdevRemoval r = (FreeMdevRemoval) b;
                        removedBefore.putIfAbsent(r, occ.isRemoved(r));
                        occ.setRemoved(r, true);
                    }
                    if (occ.fits(v, o)) break;
                }
                if (!occ.fits(v, o)) return false;
            }
            set(v, o);
            for (VmPlacement q : ejected) replace(q, depth + 1);
            return true;
        }

        /** An ejected VM: an option that fits now, else (depth allowing) one that ejects in turn, else unassigned. */
        private void replace(VmPlacement q, int depth) {
            List<PlacementOption> options = q.getOptions();
            if (options.isEmpty()) return;
            PlacementOption was = before.get(q);
            int start = random.nextInt(options.size());
            for (int i = 0; i < Math.min(SAMPLE, options.size()); i++) {
                PlacementOption o = options.get((start + i) % options.size());
                if (o != was && occ.fits(q, o)) {
                    set(q, o);
                    return;
                }
            }
            if (depth + 1 < MAX_DEPTH) {
                PlacementOption o = options.get(start);
                if (o != was) {
                    Map<VmPlacement, PlacementOption> vmsBefore = new LinkedHashMap<>(before);
                    Map<FreeMdevRemoval, Boolean> remBefore = new LinkedHashMap<>(removedBefore);
                    if (place(q, o, depth)) return;
                    rollBackTo(vmsBefore, remBefore);
                }
            }
            set(q, null);
        }

        /**
         * The room the chain freed may take an evacuee still waiting: try a few of them, in random order, on the hosts
         * VMs left. (Without this, "B out, A and C in" needs two steps, the first of which only trades B for A.)
         */
        void refill() {
            List<String> freed = new ArrayList<>();
            for (var e : before.entrySet()) {
                PlacementOption was = e.getValue();
                if (was != null && occ.optionOf(e.getKey()) != was && !freed.contains(was.hostName())) freed.add(was.hostName());
            }
            if (freed.isEmpty() || occ.unplacedEvacuees.isEmpty()) return;
            int n = occ.unplacedEvacuees.size(), start = random.nextInt(n), placed = 0;
            for (int i = 0; i < Math.min(REFILL_TRIES, n) && placed < MAX_REFILLS; i++) {
                VmPlacement w = occ.unplacedEvacuees.get((start + i) % n);
                if (before.containsKey(w)) continue;
                found:
                for (String host : freed) {
                    for (PlacementOption o : occ.optionsOn(w, host)) {
                        if (occ.fits(w, o)) {
                            set(w, o);
                            placed++;
                            break found;
                        }
                    }
                }
            }
        }

        /** Takes back the changes made since the chain held {@code vms} and {@code rems} (a failed deeper ejection). */
        private void rollBackTo(Map<VmPlacement, PlacementOption> vms, Map<FreeMdevRemoval, Boolean> rems) {
            List<VmPlacement> added = new ArrayList<>();
            for (VmPlacement p : before.keySet()) if (!vms.containsKey(p)) added.add(p);
            for (VmPlacement p : added) occ.set(p, before.remove(p));
            List<FreeMdevRemoval> addedR = new ArrayList<>();
            for (FreeMdevRemoval r : removedBefore.keySet()) if (!rems.containsKey(r)) addedR.add(r);
            for (FreeMdevRemoval r : addedR) occ.setRemoved(r, removedBefore.remove(r));
            // VMs touched before and after: their current value in the copy is still the chain's; leave them
        }

        private void shuffle(List<Object> l) {
            for (int i = l.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Object t = l.get(i);
                l.set(i, l.get(j));
                l.set(j, t);
            }
        }

        Reassign move(Reassign.Variables vars, String kind) {
            List<VmPlacement> vms = new ArrayList<>();
            List<PlacementOption> to = new ArrayList<>();
            for (VmPlacement p : before.keySet()) {
                if (occ.optionOf(p) == before.get(p)) continue;
                vms.add(p);
                to.add(occ.optionOf(p));
            }
            List<FreeMdevRemoval> rems = new ArrayList<>();
            List<Boolean> remTo = new ArrayList<>();
            for (FreeMdevRemoval r : removedBefore.keySet()) {
                if (occ.isRemoved(r) == removedBefore.get(r)) continue;
                rems.add(r);
                remTo.add(occ.isRemoved(r));
            }
            return vms.isEmpty() && rems.isEmpty() ? null : new Reassign(kind, vars, vms, to, rems, remTo);
        }

        void undo() {
            for (var e : before.entrySet()) occ.set(e.getKey(), e.getValue());
            for (var e : removedBefore.entrySet()) occ.setRemoved(e.getKey(), e.getValue());
        }
    }
}
