package io.devplace.server;

import io.devplace.fit.FleetState;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.ParentView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Placements handed out but not yet visible in the fleet, as kube-scheduler's assume cache keeps pods it has bound but
 * not yet seen come back from the API server. Each reservation holds its devices, CPU and memory on its host until it
 * expires (TTL), is released, or a new fleet shows the VM on that host. Every judgement runs on a {@link FleetState}
 * with the live reservations applied, so two quick requests never get the same last free slot.
 *
 * <p>The state with reservations applied is cached per (fleet generation, reservation epoch): judging never changes a
 * FleetState, so concurrent requests share one and the hot path (the extender) does not rebuild it per request.
 */
final class AssumeCache {
    /** One reserved device: the target parent and what is created there (or the free instance reused). */
    record Claim(String parent, String type, List<Map<String, String>> attrs, long aggregation, String reuseUuid, Long placement) {}

    /** A placement held for {@code vm} on {@code host}; {@code key} is the VM's name (a new request for it replaces this). */
    record Reservation(String id, String key, Vm vm, String host, List<Claim> claims, Instant expires) {}

    private record Cached(FleetSnapshot snap, long epoch, FleetState state) {}

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Reservation> byId = new LinkedHashMap<>(); // guarded by this
    private long epoch;                                                  // guarded by this; bumped on every change
    private volatile Cached cached;

    AssumeCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    Duration ttl() { return ttl; }

    /** Reserves {@code targets} on {@code host} for {@code vm}, replacing any earlier reservation for the same VM. */
    synchronized Reservation reserve(Vm vm, String host, List<DeviceTarget> targets, List<Long> placements) {
        byId.values().removeIf(r -> r.key().equals(vm.name()));
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            DeviceTarget t = targets.get(i);
            claims.add(new Claim(t.parent().id(), t.type(), t.attrs(), t.aggregation(), t.reuseUuid(),
                    placements == null ? null : placements.get(i)));
        }
        Reservation r = new Reservation(UUID.randomUUID().toString(), vm.name(), vm, host, claims, clock.instant().plus(ttl));
        byId.put(r.id(), r);
        epoch++;
        return r;
    }

    synchronized boolean release(String id) {
        boolean removed = byId.remove(id) != null;
        if (removed) epoch++;
        return removed;
    }

    synchronized int active() {
        expire();
        return byId.size();
    }

    synchronized boolean holds(String key) {
        expire();
        return byId.values().stream().anyMatch(r -> r.key().equals(key));
    }

    /**
     * A new fleet arrived: drop reservations it confirms (the VM now sits on the reserved host) and those it makes
     * meaningless (host or parent gone, reused instance now owned); keep the rest until they expire.
     */
    synchronized void rebase(FleetSnapshot next) {
        byId.values().removeIf(r -> {
            Vm now = next.view().fleet().vm(r.key());
            if (now != null && r.host().equals(now.host())) return true;
            if (next.host(r.host()) == null) return true;
            for (Claim c : r.claims()) {
                ParentView p = next.view().parent(r.host(), c.parent());
                if (p == null) return true;
                if (c.reuseUuid() != null && (p.mdev(c.reuseUuid()) == null || p.owner(c.reuseUuid()) != null)) return true;
            }
            return false;
        });
        epoch++;
    }

    /** The fleet of {@code snap} with every live reservation applied. Shared: callers must not change it. */
    FleetState state(FleetSnapshot snap) {
        List<Reservation> live;
        long e;
        synchronized (this) {
            expire();
            Cached c = cached;
            if (c != null && c.snap() == snap && c.epoch() == epoch) return c.state();
            live = List.copyOf(byId.values());
            e = epoch;
        }
        FleetState s = build(snap, live, null);
        synchronized (this) {
            if (e == epoch) {
                cached = new Cached(snap, e, s);
                snap.judgements().share(s);
            }
        }
        return s;
    }

    /** As {@link #state}, but without the reservation held for VM {@code key} (a VM asking again must not compete with itself). */
    FleetState stateWithout(FleetSnapshot snap, String key) {
        List<Reservation> live;
        synchronized (this) {
            expire();
            if (byId.values().stream().noneMatch(r -> r.key().equals(key))) live = null;
            else live = List.copyOf(byId.values());
        }
        return live == null ? state(snap) : build(snap, live, key);
    }

    private static FleetState build(FleetSnapshot snap, List<Reservation> live, String excludeKey) {
        FleetState s = new FleetState(snap.view());
        for (Reservation r : live) {
            if (r.key().equals(excludeKey) || snap.host(r.host()) == null) continue;
            List<DeviceTarget> targets = new ArrayList<>();
            List<Long> placements = new ArrayList<>();
            boolean ok = true;
            for (Claim c : r.claims()) {
                ParentView p = snap.view().parent(r.host(), c.parent());
                if (p == null) { ok = false; break; }
                targets.add(new DeviceTarget(null, p, c.type(), c.attrs(), c.aggregation(), c.reuseUuid(), "reserved"));
                placements.add(c.placement());
            }
            // held on the target only; an existing VM keeps its source too, as during a migration (docs/reference/plan.md item 3)
            if (ok) s.place(r.vm(), r.host(), targets, null, placements);
        }
        return s;
    }

    private void expire() {
        Instant now = clock.instant();
        if (byId.values().removeIf(r -> !r.expires().isAfter(now))) epoch++;
    }
}
