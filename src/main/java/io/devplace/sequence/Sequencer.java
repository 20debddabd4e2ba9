package io.devplace.sequence;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders moves into waves so that every intermediate state is feasible (SPEC §2.2 items 3-4): a move claims its
 * targets when its wave starts and releases its sources when the wave ends; each wave respects maxParallel and the
 * per-host inbound/outbound limits. A move that must wait for another VM to leave goes in a later wave. When no
 * pending move can start (a cycle, or a target that never frees up), the lowest-priority pending move is dropped and
 * reported: a plan is never emitted with an infeasible step.
 */
public final class Sequencer {
    private final Map<String, SeqParent> parents = new HashMap<>();
    private final Map<String, List<Instance>> state = new HashMap<>();
    private final Map<String, long[]> hostUse = new HashMap<>();
    private final Map<String, SeqHost> hosts = new HashMap<>();
    private final long maxParallel;

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
        pending.sort(Comparator.comparingLong(SeqMove::priority).reversed().thenComparing(SeqMove::vm));
        Map<String, Integer> waveOf = new LinkedHashMap<>();
        Map<String, Long> placementOf = new HashMap<>();
        List<SeqMove> scheduled = new ArrayList<>();
        List<SeqMove> dropped = new ArrayList<>();
        int wave = 0;
        while (!pending.isEmpty()) {
            Wave w = fillWave(pending);
            if (w.moves.isEmpty()) {
                // nothing can start: drop the lowest-priority pending move and try again
                SeqMove victim = pending.stream().min(Comparator.comparingLong(SeqMove::priority).thenComparing(SeqMove::vm,
                        Comparator.reverseOrder())).orElseThrow();
                pending.remove(victim);
                dropped.add(victim);
                continue;
            }
            wave++;
            commit(w, placementOf);
            for (SeqMove m : w.moves) {
                waveOf.put(m.vm(), wave);
                scheduled.add(m);
                pending.remove(m);
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
    }

    private Wave fillWave(List<SeqMove> pending) {
        Wave w = new Wave();
        for (SeqMove m : pending) {
            if (w.moves.size() >= maxParallel) break;
            SeqHost to = hosts.get(m.to()), from = hosts.get(m.from());
            if (w.in.getOrDefault(m.to(), 0) >= to.maxInbound()) continue;
            if (!from.down() && w.out.getOrDefault(m.from(), 0) >= from.maxOutbound()) continue;
            long[] use = hostUse.get(m.to());
            long[] add = w.hostAdd.getOrDefault(m.to(), new long[2]);
            if (use[0] + add[0] + m.cpus() > to.cpus() || use[1] + add[1] + m.memoryMiB() > to.memoryMiB()) continue;
            if (!devicesFit(m, w)) continue;
            w.moves.add(m);
            w.in.merge(m.to(), 1, Integer::sum);
            w.out.merge(m.from(), 1, Integer::sum);
            w.hostAdd.put(m.to(), new long[]{add[0] + m.cpus(), add[1] + m.memoryMiB()});
        }
        return w;
    }

    /** Whether the move's new instances fit next to everything present and everything this wave already claims. */
    private boolean devicesFit(SeqMove m, Wave w) {
        Map<String, List<Instance>> trial = new LinkedHashMap<>();
        for (SeqDevice d : m.devices()) {
            if (d.reuses()) {
                boolean exists = state.get(d.targetParent()).stream().anyMatch(i -> d.reuseUuid().equalsIgnoreCase(i.uuid()));
                if (!exists) return false;
                continue;
            }
            trial.computeIfAbsent(d.targetParent(), k -> new ArrayList<>(w.added.getOrDefault(k, List.of())))
                    .add(new Instance(d.newUuid(), d.type(), d.aggregation(), null));
        }
        Map<String, Fit> fits = new HashMap<>();
        for (var e : trial.entrySet()) {
            Fit f = parents.get(e.getKey()).capacity().fit(state.get(e.getKey()), e.getValue());
            if (!f.fits()) return false;
            fits.put(e.getKey(), f);
        }
        w.added.putAll(trial);
        w.fits.putAll(fits);
        return true;
    }

    private void commit(Wave w, Map<String, Long> placementOf) {
        for (var e : w.added.entrySet()) {
            Fit f = w.fits.get(e.getKey());
            List<Instance> list = e.getValue();
            for (int i = 0; i < list.size(); i++) {
                Instance n = list.get(i);
                Long off = f.placements().get(i);
                if (off != null) placementOf.put(n.uuid(), off);
                state.get(e.getKey()).add(new Instance(n.uuid(), n.type(), n.aggregation(), off));
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
