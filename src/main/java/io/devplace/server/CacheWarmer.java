package io.devplace.server;

import io.devplace.problem.CompatibleTargets;
import io.devplace.fit.DeviceRequest;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.Mobility;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each fleet load, judges in the background one VM of every kind the fleet holds (every device
 * {@link CompatibleTargets.Shape}) and every extended resource the config maps, against every host, so that the
 * answers they leave behind ({@link CompatibleTargets}, {@link Judgements}) are there before the first pod of that kind
 * comes. Without it the first migration target pod of each kind paid for matching its descriptors against every parent
 * of the fleet: over 2,000 hosts, 20-50 ms each, and the garbage of filling the caches under live traffic made the
 * collector's pauses long (0.3-0.5 s measured on L until every kind had been seen once).
 *
 * <p>Nothing here changes what is answered: warming only asks what a request would ask, earlier. One daemon thread;
 * a newer fleet stops the warming of an older one. Logs its end at INFO (shown on stderr: logback.xml).
 */
final class CacheWarmer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CacheWarmer.class);

    private final ExecutorService thread;
    private final AssumeCache assumed;
    private final Policy policy;
    private final Collection<DeviceRequest> resourceTypes;
    /** Kinds judged at most: what the caches keep (more would push the first ones out again). */
    static final int WARM_KINDS = Math.min(CompatibleTargets.MAX_SHAPES, Judgements.MAX_ALIKE);

    private volatile FleetSnapshot latest;
    private volatile long warmGeneration;
    private volatile boolean closed;

    CacheWarmer(AssumeCache assumed, Policy policy, Collection<DeviceRequest> resourceTypes) {
        this(assumed, policy, resourceTypes, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "devplace-cache-warmer");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        }));
    }

    /** With the executor to run on (tests: one they step by hand). */
    CacheWarmer(AssumeCache assumed, Policy policy, Collection<DeviceRequest> resourceTypes, ExecutorService thread) {
        this.thread = thread;
        this.assumed = assumed;
        this.policy = policy;
        this.resourceTypes = List.copyOf(new LinkedHashSet<>(resourceTypes));
    }

    /** Starts warming for {@code snap} (the fleet just loaded); completes with the number of VM kinds judged. */
    CompletableFuture<Integer> warm(FleetSnapshot snap) {
        latest = snap;
        return CompletableFuture.supplyAsync(() -> run(snap), thread);
    }

    private int run(FleetSnapshot snap) {
        try {
            return judgeEveryKind(snap);
        } catch (RuntimeException e) {
            // best effort: requests judge whatever is not warm yet, exactly as they would have
            LOG.warn("cache warming for fleet generation {} stopped: {}", snap.generation(), e.toString());
            return 0;
        }
    }

    private int judgeEveryKind(FleetSnapshot snap) {
        long t0 = System.nanoTime();
        List<String> hosts = new ArrayList<>();
        for (Host h : snap.view().fleet().hosts()) hosts.add(h.name());
        // one VM per kind, the commonest kinds first: the caches keep at most WARM_KINDS, and those are the ones
        // migration pods will most often ask about
        Map<CompatibleTargets.Shape, Vm> first = new HashMap<>();
        Map<CompatibleTargets.Shape, Integer> count = new HashMap<>();
        for (Vm vm : snap.view().fleet().vms()) {
            if (superseded(snap)) return 0;
            if (!Mobility.canMoveLive(snap.view(), vm)) continue;
            CompatibleTargets.Shape shape = snap.compatible().shape(vm, MoveMode.LIVE);
            if (shape == null) continue;
            first.putIfAbsent(shape, vm);
            count.merge(shape, 1, Integer::sum);
        }
        List<CompatibleTargets.Shape> order = new ArrayList<>(first.keySet());
        order.sort(Comparator.comparing((CompatibleTargets.Shape s) -> -count.get(s)).thenComparing(s -> first.get(s).name()));
        int kinds = 0;
        for (CompatibleTargets.Shape shape : order.subList(0, Math.min(order.size(), WARM_KINDS))) {
            if (superseded(snap)) return kinds;
            Placer.judge(snap, assumed.state(snap), Ask.migration(snap.view(), first.get(shape)), hosts, policy);
            kinds++;
        }
        for (DeviceRequest d : resourceTypes) {
            if (superseded(snap)) return kinds;
            Placer.judge(snap, assumed.state(snap), Ask.newVm(Extender.NEW_POD, List.of(d)), hosts, policy);
        }
        warmGeneration = snap.generation();
        LOG.info("caches warm for fleet generation {}: {} kinds of VM and {} extended resources judged on {} hosts in {} ms",
                snap.generation(), kinds, resourceTypes.size(), hosts.size(), (System.nanoTime() - t0) / 1_000_000);
        return kinds;
    }

    /** The fleet generation whose caches were warmed last (0 before the first): a metric, so that a lag shows. */
    long warmGeneration() { return warmGeneration; }

    private boolean superseded(FleetSnapshot snap) { return closed || latest != snap; }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
    }
}
