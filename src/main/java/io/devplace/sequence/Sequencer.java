package io.devplace.sequence;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.capacity.PackCapacity;
import io.devplace.capacity.Shortfall;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders moves into waves so that every intermediate state is feasible (docs/reference/plan.md, What the verifier checks items 3-4): a move claims its
 * targets when its wave starts and releases its sources when the wave ends; each wave respects maxParallel, the
 * per-host inbound/outbound limits and the per-parent limits of packs with {@code maxParallelPerParent}. A move
 * that must wait for another VM to leave goes in a later wave. When no
 * pending move can start (a cycle, or a target that never frees up), the lowest-priority pending move is dropped and
 * reported: a plan is never emitted with an infeasible step.
 *
 * <p>On slot parents the offset of a new instance is fixed when its wave is scheduled; it is chosen (by
 * {@link FinalSlots}) so that the instances later waves will create on that parent still fit around it.
 */
public final class Sequencer {
    private final Map<String, SeqParent> parents = new HashMap<>();
    private final Map<String, List<Instance>> state = new HashMap<>();
    private final Map<String, long[]> hostUse = new HashMap<>();
    private final Map<String, SeqHost> hosts = new HashMap<>();
    private final long maxParallel;
    /** Moves not yet scheduled or dropped (by VM name): their sources are still present, their targets still to come. */
    private final Set<String> pending = new HashSet<>();
    /** Per target parent, the new instances each move creates there. */
    private final Map<String, List<Object[]>> creating = new HashMap<>(); // parent -> {SeqMove, SeqDevice}
    /** Per source parent, the instances moves free there. */
    private final Map<String, List<Object[]>> freeing = new HashMap<>(); // parent -> {SeqMove, SeqDevice}

    public Sequencer(List<SeqParent> parents, List<SeqHost> hosts, long maxParallel) {
        for (SeqParent p : parents) {
            this.parents.put(p.key(), p);
            state.put(p.key(), new ArrayList<>(p.instances()));
        }
        for (SeqHost h : hosts) {
            this.hosts.put(h.name(), h);
            hostUse.put(h.name(), new long[]{h.usedCpus(), h.usedMemoryMiB()});
        }
        this.maxParallel = Math.max(1, maxParallel);
    }

    /** Removes free mdevs first (wave 0), then schedules {@code moves}. */
    public Schedule schedule(List<String[]> removals, List<SeqMove> moves) {
        for (String[] r : removals) state.get(r[0]).removeIf(i -> r[1].equalsIgnoreCase(i.uuid()));
        List<SeqMove> pending = new ArrayList<>(moves);
        for (SeqMove m : moves) {
            this.pending.add(m.vm());
            for (SeqDevice d : m.devices()) {
                if (!d.reuses()) creating.computeIfAbsent(d.targetParent(), k -> new ArrayList<>()).add(new Object[]{m, d});
                freeing.computeIfAbsent(d.sourceParent(), k -> new ArrayList<>()).add(new Object[]{m, d});
            }
        }
        pending.sort(Comparator.comparingLong(SeqMove::priority).reversed().thenComparing(SeqMove::vm));
        Map<String, Integer> waveOf = new LinkedHashMap<>();
        Map<String, Long> placementOf = new HashMap<>();
        List<SeqMove> scheduled = new ArrayList<>();
        List<SeqMove> dropped = new ArrayList<>();
        int wave = 0;
        while (!pending.isEmpty()) {
            Wave w = fillWave(pending, true);
            if (w.moves.isEmpty()) w = fillWave(pending, false); // rather than drop a move, let one take an offset early
            if (w.moves.isEmpty()) {
                // nothing can start: drop the lowest-priority pending move and try again
                SeqMove victim = pending.stream().min(Comparator.comparingLong(SeqMove::priority).thenComparing(SeqMove::vm,
                        Comparator.reverseOrder())).orElseThrow();
                pending.remove(victim);
                this.pending.remove(victim.vm());
                dropped.add(victim);
                continue;
            }
            wave++;
            commit(w, placementOf);
            for (SeqMove m : w.moves) {
                waveOf.put(m.vm(), wave);
                scheduled.add(m);
                pending.remove(m);
                this.pending.remove(m.vm());
            }
        }
        return new Schedule(waveOf, placementOf, scheduled, dropped, wave);
    }

    private static final class Wave {
        final List<SeqMove> moves = new ArrayList<>();
        final Map<String, List<Instance>> added = new LinkedHashMap<>(); // parent -> new instances (uuid set)
        final Map<String, Fit> fits = new HashMap<>();
        final Map<String, Integer> in = new HashMap<>();
        final Map<String, Integer> out = new HashMap<>();
        final Map<String, long[]> hostAdd = new HashMap<>();
        final ParentMoveLimits perParent;

        Wave(Map<String, SeqParent> parents) { perParent = new ParentMoveLimits(parents); }
    }

    /**
     * The moves that can start now, in priority order. {@code patient}: a move whose slot offsets would leave no room
     * for later arrivals, while waiting for a source to leave would, waits.
     */
    private Wave fillWave(List<SeqMove> pending, boolean patient) {
        Wave w = new Wave(parents);
        for (SeqMove m : pending) {
            if (w.moves.size() >= maxParallel) break;
            SeqHost to = hosts.get(m.to()), from = hosts.get(m.from());
            if (w.in.getOrDefault(m.to(), 0) >= to.maxInbound()) continue;
            if (!from.down() && w.out.getOrDefault(m.from(), 0) >= from.maxOutbound()) continue;
            long[] use = hostUse.get(m.to());
            long[] add = w.hostAdd.getOrDefault(m.to(), new long[2]);
            if (use[0] + add[0] + m.cpus() > to.cpus() || use[1] + add[1] + m.memoryMiB() > to.memoryMiB()) continue;
            if (!w.perParent.admits(m)) continue;
            if (!devicesFit(m, w, patient)) continue;
            w.moves.add(m);
            w.perParent.add(m);
            w.in.merge(m.to(), 1, Integer::sum);
            w.out.merge(m.from(), 1, Integer::sum);
            w.hostAdd.put(m.to(), new long[]{add[0] + m.cpus(), add[1] + m.memoryMiB()});
        }
        return w;
    }

    /** Whether the move's new instances fit next to everything present and everything this wave already claims. */
    private boolean devicesFit(SeqMove m, Wave w, boolean patient) {
        Map<String, List<Instance>> trial = new LinkedHashMap<>();
        for (SeqDevice d : m.devices()) {
            if (d.reuses()) {
                boolean exists = state.get(d.targetParent()).stream().anyMatch(i -> d.reuseUuid().equalsIgnoreCase(i.uuid()));
                if (!exists) return false;
                continue;
            }
            trial.computeIfAbsent(d.targetParent(), k -> new ArrayList<>(w.added.getOrDefault(k, List.of())))
                    .add(new Instance(d.newUuid(), d.type(), d.aggregation(), null, d.attrs()));
        }
        Map<String, Fit> fits = new HashMap<>();
        for (var e : trial.entrySet()) {
            Fit f = parents.get(e.getKey()).capacity().fit(state.get(e.getKey()), e.getValue());
            if (!f.fits()) return false;
            Fit kept = keepRoomForLater(e.getKey(), e.getValue(), f, m, w, patient);
            if (kept == null) return false;
            fits.put(e.getKey(), kept);
        }
        w.added.putAll(trial);
        w.fits.putAll(fits);
        return true;
    }

    /**
     * {@code f} places the wave's new instances on {@code parent} at the lowest free offsets; where that would leave
     * no room for the instances pending moves create there later, use offsets from a joint placement instead. If
     * there is one only once some source has left, return null when {@code patient} (the move waits for it). When
     * there is none at all (the final set does not fit as it stands), keep {@code f}: the later move may still find room.
     */
    private Fit keepRoomForLater(String parent, List<Instance> now, Fit f, SeqMove m, Wave w, boolean patient) {
        if (!(parents.get(parent).capacity() instanceof PackCapacity pc) || pc.slots() == 0) return f;
        List<FinalSlots.Shape> later = new ArrayList<>();
        for (Object[] c : creating.getOrDefault(parent, List.of())) {
            SeqMove other = (SeqMove) c[0];
            if (other != m && pending.contains(other.vm()) && !w.moves.contains(other)) later.add(shape(pc, ((SeqDevice) c[1]).type()));
        }
        if (later.isEmpty()) return f;
        Set<String> leaves = new HashSet<>();
        for (Object[] c : freeing.getOrDefault(parent, List.of()))
            if (pending.contains(((SeqMove) c[0]).vm())) leaves.add(((SeqDevice) c[1]).sourceUuid().toLowerCase());
        int s = (int) pc.slots();
        boolean[] staying = new boolean[s], leaving = new boolean[s];
        for (Instance i : state.get(parent)) {
            if (i.placement() == null) continue;
            boolean[] a = i.uuid() != null && leaves.contains(i.uuid().toLowerCase()) ? leaving : staying;
            for (long j = i.placement(); j < i.placement() + pc.sizeOf(i.type()) && j < s; j++) a[(int) j] = true;
        }
        List<FinalSlots.Shape> sizes = new ArrayList<>();
        long need = 0, free = 0;
        for (Instance i : now) sizes.add(shape(pc, i.type()));
        for (FinalSlots.Shape k : sizes) need += k.size();
        for (FinalSlots.Shape k : later) need += k.size();
        for (boolean b : staying) if (!b) free++;
        if (need > free) return f; // the final set cannot fit as it stands: no search (it would only exhaust its budget)
        long[] offs = FinalSlots.place(staying, leaving, sizes, later);
        if (offs == null) {
            if (patient && FinalSlots.place(staying, new boolean[s], sizes, later) != null) return null;
            return f;
        }
        List<Long> placements = new ArrayList<>();
        for (long o : offs) placements.add(o);
        return new Fit(Shortfall.NONE, 0, placements, f.detail());
    }

    private static FinalSlots.Shape shape(PackCapacity pc, String type) {
        return new FinalSlots.Shape(Math.toIntExact(pc.sizeOf(type)), pc.offsets(type));
    }

    private void commit(Wave w, Map<String, Long> placementOf) {
        for (var e : w.added.entrySet()) {
            Fit f = w.fits.get(e.getKey());
            List<Instance> list = e.getValue();
            for (int i = 0; i < list.size(); i++) {
                Instance n = list.get(i);
                Long off = f.placements().get(i);
                if (off != null) placementOf.put(n.uuid(), off);
                state.get(e.getKey()).add(new Instance(n.uuid(), n.type(), n.aggregation(), off, n.attrs()));
            }
        }
        for (SeqMove m : w.moves) {
            long[] to = hostUse.get(m.to());
            to[0] += m.cpus();
            to[1] += m.memoryMiB();
            long[] from = hostUse.get(m.from());
            if (from != null) {
                from[0] -= m.cpus();
                from[1] -= m.memoryMiB();
            }
            for (SeqDevice d : m.devices()) {
                List<Instance> src = state.get(d.sourceParent());
                if (src != null) src.removeIf(i -> d.sourceUuid().equalsIgnoreCase(i.uuid()));
            }
        }
    }
}
