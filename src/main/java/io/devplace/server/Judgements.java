package io.devplace.server;

import io.devplace.fit.FleetState;
import io.devplace.fit.ParentFits;
import io.devplace.model.Host;
import io.devplace.model.Reason;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one fleet snapshot has already judged, so that the hot path does not judge it again:
 * <ul>
 * <li>rejections by the rules alone (no compatible device, a pack requirement, the downtime cap), per ask and host:
 * they depend on the fleet, the rules and the policy only — never on load or reservations — so they hold for the
 * snapshot's whole life. Most hosts of a large fleet are of this kind for any given VM;</li>
 * <li>what the rules let a host offer an ask (the state-independent half of judging it);</li>
 * <li>whole verdicts per ask for one {@link FleetState} (one set of reservations): kube-scheduler sends the same
 * pod to filter and then to prioritize, and the second call finds the first one's verdicts;</li>
 * <li>device verdicts per kind of fleet VM ({@link Placer.Alike}) on the shared state: every VM of that kind starts
 * from them and checks only its own size and groups;</li>
 * <li>capacity answers per parent, and where VMs of which priority were moved, on the state judged last
 * ({@link ParentFits}, {@link StateFacts}): a new state (another reservation) gets fresh ones.</li>
 * </ul>
 * All are bounded (least recently used asks are forgotten). A new snapshot starts empty, so nothing stale survives.
 */
final class Judgements {
    /** Codes whose verdict no change of load or reservations can alter (within one snapshot and policy). */
    static final Set<String> PERMANENT = Set.of(Reason.NO_COMPATIBLE_DEVICE, Reason.HOST_REQUIREMENT, Reason.DOWNTIME_CAP);
    /**
     * Distinct asks remembered with their rules-only rejections (a few hundred bytes per host each): room for as many
     * kinds of fleet VM as {@link #MAX_ALIKE} plus the new-pod asks, so that neither pushes the other out.
     */
    private static final int MAX_RULE_ASKS = 512;
    /** Whole verdicts kept: enough for prioritize to follow its filter under concurrency, small enough not to load the GC. */
    private static final int MAX_RECENT = 32;

    /** Verdicts of one ask against one state; hosts are added as they are judged. */
    record Recent<V>(FleetState state, Map<String, V> byHost) {}

    /** Kinds of alike fleet VMs whose verdicts are kept (each: at most one small verdict per host it was judged on). */
    static final int MAX_ALIKE = 256;

    /** What the rules let each host offer an ask (new VM: NewVmFit.Offer; fleet VM: HostCandidates), kept for fewer asks. */
    private static final int MAX_OFFER_ASKS = 64;

    private final Map<Object, Map<String, Placer.Judged>> permanent = lru(MAX_RULE_ASKS);
    private final Map<Object, Map<String, Object>> offers = lru(MAX_OFFER_ASKS);
    private final Map<Object, Recent<Placer.Judged>> recent = lru(MAX_RECENT);
    private final Map<Object, Recent<Placer.DeviceVerdict>> alike = lru(MAX_ALIKE);
    /** Capacity answers on the state judged last (the service never changes a state once built; see AssumeCache). */
    private volatile ParentFits fits;

    /**
     * Per host, the highest priority among VMs moved there in one state (reservations): a VM of lower priority may be
     * {@code DISPLACED_BY_PRIORITY} only on such a host. Worked out once per state instead of once per host and request.
     */
    static final class StateFacts {
        private final FleetState state;
        private final Map<String, Long> movedPriority = new HashMap<>();

        StateFacts(FleetState state) {
            this.state = state;
            for (Host h : state.view().fleet().hosts())
                for (FleetState.Resident r : state.residents(h.name()))
                    if (r.moved()) movedPriority.merge(h.name(), r.vm().priority(), Math::max);
        }

        boolean of(FleetState s) { return s == state; }

        /** Whether a VM of strictly higher priority than {@code priority} was moved onto {@code host} in this state. */
        boolean higherPriorityMovedTo(String host, long priority) {
            if (movedPriority.isEmpty()) return false;
            Long p = movedPriority.get(host);
            return p != null && p > priority;
        }
    }

    private volatile StateFacts facts;

    /**
     * The state every request of this snapshot judges against now (the fleet with all live reservations), as
     * opposed to a private one built for a single VM asking again while it holds a reservation: verdicts shared
     * between requests are kept only for this one, so that a private state never pushes the shared verdicts out.
     */
    private volatile FleetState shared;

    void share(FleetState state) { shared = state; }

    boolean shared(FleetState state) { return state == shared; }

    /** {@link StateFacts} of exactly this state object (the service never changes a state once built). */
    StateFacts facts(FleetState state) {
        StateFacts f = facts;
        if (f == null || !f.of(state)) facts = f = new StateFacts(state);
        return f;
    }

    /** Capacity answers on exactly this state object: kept while requests keep coming with it, fresh for another. */
    ParentFits fits(FleetState state) {
        ParentFits f = fits;
        if (f == null || !f.of(state)) fits = f = new ParentFits(state);
        return f;
    }

    /** Rules-only rejections of one ask, by host (only rejected verdicts with a {@link #PERMANENT} code go in). */
    Map<String, Placer.Judged> permanent(Object rulesKey) {
        synchronized (permanent) {
            return permanent.computeIfAbsent(rulesKey, k -> new ConcurrentHashMap<>());
        }
    }

    /** Per host, what the rules let it offer this ask (state-independent, so kept for the snapshot's life). */
    Map<String, Object> offers(Object rulesKey) {
        synchronized (offers) {
            return offers.computeIfAbsent(rulesKey, k -> new ConcurrentHashMap<>());
        }
    }

    /** The verdicts already made for {@code key} on exactly this state object, or a fresh (empty, remembered) map. */
    Map<String, Placer.Judged> recent(Object key, FleetState state) { return onState(recent, key, state); }

    /**
     * The verdicts shared by fleet VMs that look alike to every check ({@link Placer.Alike}) on exactly this state
     * object, or a fresh map. Kept for more asks than {@link #recent}: a migration target pod names one VM of
     * thousands, and alike VMs (same flavour, same kind of device) are what makes its verdicts worth keeping.
     */
    Map<String, Placer.DeviceVerdict> alike(Object key, FleetState state) { return onState(alike, key, state); }

    private static <V> Map<String, V> onState(Map<Object, Recent<V>> cache, Object key, FleetState state) {
        synchronized (cache) {
            Recent<V> r = cache.get(key);
            if (r == null || r.state() != state) {
                r = new Recent<>(state, new ConcurrentHashMap<>());
                cache.put(key, r);
            }
            return r.byHost();
        }
    }

    private static <V> Map<Object, V> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, V> eldest) { return size() > max; }
        };
    }
}
