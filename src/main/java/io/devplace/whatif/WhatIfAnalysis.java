package io.devplace.whatif;

import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.planning.PlanListeners;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlanRequest;
import io.devplace.rules.RuleBook;
import io.devplace.rules.TypeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a WhatIf document against a fleet (docs/reference/whatif.md): every scenario is transformed ({@link Scenarios}) and planned
 * exactly as {@code plan} would ({@link EvacuationPlanner}, same policy, the policy's time limit per solve), then
 * measured: placed/unplaced/moves, headroom by packing ({@link Headroom}), template headroom and immobile VMs.
 *
 * <p>Work is shared: every solve of the run — each ordinary scenario and each single-host failure of a sweep — is a
 * task on one fixed pool (one thread per core by default); all use the same {@link RuleBook}, whose matcher caches
 * compatibility by descriptor, and the same {@link Headroom}, which caches per parent contents. A sweep resolves its
 * fleet once and each failure's view shares it ({@link FleetView#withStates}); it measures its fleet's headroom once
 * ({@link FailureHeadroom}) and each failure only what its plan touched; failures are solved step-counted
 * ({@link #SWEEP_SEED}). None of this changes an answer (docs/whatif.md, "Speed").
 *
 * <p>A run can be split into shards ({@link #compute} with a {@link Shard}): each computes its share of the solves
 * into a {@link WhatIfPart}; {@link WhatIfAssembly} joins parts into the report, and an unsharded run is the one part.
 */
public final class WhatIfAnalysis {
    /** Told after every finished solve: how many are done of how many, and the scenario it belonged to. */
    public interface Listener {
        void solved(int done, int total, String scenario);
    }

    /** {@code threads} ≤ 0: one per available core. {@code seed}: deterministic solves (see {@code plan --seed}). */
    public record Options(Policy policy, Long seed, int threads, Listener listener) {
        public Options {
            policy = (policy == null ? Policy.defaults() : policy).withDefaults();
        }
    }

    /** The report, and what the HTML report shows beyond it. */
    public record Result(WhatIfReport report, Details details) {}

    /** Heat maps and labels for people. */
    public record Details(String fleetName, int hosts, int vms, Map<String, String> typeNames, List<HeatMap.Row> before,
                          List<ScenarioDetails> scenarios, int solves, long millis, int threads, String timeLimit) {}

    /** Per scenario: what it does, in words, and the heat map after it (for a sweep: after its worst failure). */
    public record ScenarioDetails(String name, List<String> definition, String afterCaption, List<HeatMap.Row> after) {}

    private WhatIfAnalysis() {}

    public static Result run(FleetView base, WhatIf doc, Options opt, String fleetName) {
        return WhatIfAssembly.assemble(List.of(compute(base, doc, opt, fleetName, null, Shard.WHOLE)));
    }

    /**
     * Computes shard {@code shard} of the run: the base measures, what every shard knows alike ({@link WhatIfPart.Info})
     * and only this shard's solves ({@link Shard#mine}). {@code run}: the run's identity recorded in the part (may be
     * null when the part is assembled at once).
     */
    public static WhatIfPart compute(FleetView base, WhatIf doc, Options opt, String fleetName, WhatIfPart.Run run, Shard shard) {
        long start = System.nanoTime();
        RuleBook rules = base.rules();
        Headroom hr = new Headroom();
        Set<String> types = WhatIfReader.creatableTypes(base);

        FinalState baseState = FinalState.of(base, null, Set.of());
        WhatIfReport.Base baseResult = new WhatIfReport.Base(hr.perType(baseState, types), Immobility.of(base, Set.of(), Set.of()));
        List<HeatMap.Row> before = HeatMap.rows(base, baseState, Set.of(), Map.of());

        List<WhatIf.Scenario> scenarios = doc.scenarios();
        List<Fleet> transformed = new ArrayList<>();
        List<List<SweepFailures.Down>> downs = new ArrayList<>();
        List<WhatIfPart.ScenarioInfo> infos = new ArrayList<>();
        List<Shard.Solve> all = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            WhatIf.Scenario s = scenarios.get(i);
            Fleet f = Scenarios.transform(base.fleet(), s);
            transformed.add(f);
            List<SweepFailures.Down> d = SweepFailures.of(f, s);
            downs.add(d);
            infos.add(new WhatIfPart.ScenarioInfo(s.name(), describe(s), s.sweep() ? d.size() : null, s.eachLabelDown()));
            Map<String, Long> vmsOn = vmsPerHost(f);
            if (s.sweep()) {
                for (int k = 0; k < d.size(); k++) {
                    long cost = 1;
                    for (String h : d.get(k).hosts()) cost += vmsOn.getOrDefault(h, 0L);
                    all.add(new Shard.Solve(i, k, cost));
                }
            } else {
                long cost = 1 + f.hosts().size() / WHOLE_FLEET_HOSTS_PER_UNIT;
                for (Host h : f.hosts()) if (h.state() != io.devplace.model.HostState.ACTIVE) cost += vmsOn.getOrDefault(h.name(), 0L);
                for (WhatIf.AddSpec a : s.add()) cost += a.count();
                all.add(new Shard.Solve(i, -1, cost));
            }
        }
        List<Shard.Solve> mine = shard.mine(all);
        int threads = opt.threads() > 0 ? opt.threads() : Runtime.getRuntime().availableProcessors();
        threads = Math.max(1, Math.min(threads, Math.max(1, mine.size())));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "devplace-whatif");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        final int total = mine.size();
        List<Future<WhatIfPart.Solved>> futures = new ArrayList<>();
        Map<Integer, Worst> worsts = new TreeMap<>();
        Map<Integer, FailureHeadroom> bases = new HashMap<>();
        Map<Integer, FleetView> views = new HashMap<>();
        try {
            for (Shard.Solve job : mine) {
                int i = job.scenario();
                WhatIf.Scenario s = scenarios.get(i);
                Fleet f = transformed.get(i);
                if (job.failure() < 0) {
                    futures.add(pool.submit(() -> tick(whole(f, s, i, rules, opt, hr, types), done, total, s, opt)));
                    continue;
                }
                Worst w = worsts.computeIfAbsent(i, k -> new Worst());
                // resolved once per sweep (in this shard): each failure's view shares it, only host states differ
                FleetView sweepView = views.computeIfAbsent(i, k -> new FleetView(f, rules));
                // measured once per sweep, before any failure: each failure then re-measures only what its plan touched
                FailureHeadroom fh = s.add().isEmpty() ? bases.computeIfAbsent(i, k -> new FailureHeadroom(sweepView, hr, types)) : null;
                SweepFailures.Down d = downs.get(i).get(job.failure());
                Failure failure = new Failure(d, job.failure(), w, fh, sweepView);
                futures.add(pool.submit(() -> tick(failed(Scenarios.fail(f, d.hosts()), s, i, rules, opt, hr, types, failure), done, total, s, opt)));
            }
            List<WhatIfPart.Solved> solved = new ArrayList<>();
            for (Future<WhatIfPart.Solved> fu : futures) solved.add(get(fu));
            List<WhatIfPart.Worst> worst = new ArrayList<>();
            worsts.forEach((i, w) -> worst.add(new WhatIfPart.Worst(i, w.index, w.unplaced, w.after)));
            WhatIfPart.Info info = new WhatIfPart.Info(fleetName, base.fleet().hosts().size(), base.fleet().vms().size(),
                    opt.policy().timeLimit(), typeNames(base, types),
                    before, infos, all.size());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new WhatIfPart(Documents.API_VERSION, WhatIfPart.KIND, run, shard.index(), baseResult, info, solved, worst,
                    new WhatIfPart.Timing(millis, threads));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The whole-fleet measures of an ordinary scenario (headroom of every parent, immobile VMs, heat map) cost, as
     * estimated for the deal, one unit per this many hosts: on the generated 2,000-host fleet they took about as much
     * CPU as a few single-host failures of about 14 units each (JFR samples).
     */
    static final int WHOLE_FLEET_HOSTS_PER_UNIT = 20;

    /** VMs per host (the evacuees when the host goes down): the deal's cost estimate. */
    private static Map<String, Long> vmsPerHost(Fleet f) {
        Map<String, Long> out = new HashMap<>();
        for (io.devplace.model.Vm v : f.vms()) if (v.host() != null) out.merge(v.host(), 1L, Long::sum);
        return out;
    }

    /**
     * The worst failure of a sweep so far (most unplaced, then first in failure order) and its heat map: kept while the
     * sweep runs so that the maps of the other failures need not be held.
     */
    private static final class Worst {
        long unplaced = -1;
        int index = Integer.MAX_VALUE;
        List<HeatMap.Row> after = List.of();

        synchronized void offer(long unplaced, int index, java.util.function.Supplier<List<HeatMap.Row>> rows) {
            if (unplaced > this.unplaced || (unplaced == this.unplaced && index < this.index)) {
                this.unplaced = unplaced;
                this.index = index;
                this.after = rows.get();
            }
        }
    }

    /**
     * The seed of every failure's solve in a sweep when the run has none. A sweep's solves then stop on an unimproved
     * <em>step count</em> (see {@code plan --seed}) instead of after 0.5 s of wall-clock time without improvement: on a
     * small problem (one host's VMs) the search converges in a few milliseconds, and waiting half a second each time
     * was most of a 500-failure sweep. It also makes each failure's answer independent of how busy the machine is (the
     * unseeded solver already uses random seed 0; only its clock-based stop varied). The time limit stays a cap.
     */
    static final long SWEEP_SEED = 0L;

    /** One failure of a sweep: what goes down, its index, the sweep's worst so far, its headroom base and fleet view. */
    private record Failure(SweepFailures.Down down, int index, Worst worst, FailureHeadroom headroom, FleetView before) {}

    /** A whole scenario: planned and measured in full. */
    private static WhatIfPart.Solved whole(Fleet f, WhatIf.Scenario s, int scenario, RuleBook rules, Options opt, Headroom hr, Set<String> types) {
        Scenarios.Built b = Scenarios.add(f, s.add());
        FleetView v = new FleetView(b.fleet(), rules);
        Plan plan = EvacuationPlanner.plan(v, new PlanRequest(List.of(), opt.policy()), opt.seed(), null, PlanListeners.NONE);
        long unplaced = plan.unplaced().size();
        FinalState fs = FinalState.of(v, plan, b.synthetic());
        Map<String, Long> headroom = hr.perType(fs, types);
        List<Headroom.TemplateFit> templ = new ArrayList<>();
        for (WhatIf.AddSpec a : s.add()) templ.add(hr.template(fs, a.vm()));
        Set<String> moved = new HashSet<>();
        long moves = 0;
        for (Plan.Move m : plan.moves()) {
            moved.add(m.vm());
            if (!b.addedVms().contains(m.vm())) moves++;
        }
        List<String> immobile = Immobility.of(v, moved, b.addedVms());
        WhatIfReport.ScenarioResult r = new WhatIfReport.ScenarioResult(s.name(), unplaced == 0, plan.summary().placed(), unplaced, moves,
                plan.unplaced(), headroom, templates(templ), immobile, null);
        return new WhatIfPart.Solved(scenario, null, r, HeatMap.rows(v, fs, b.synthetic(), notes(s, f)), null, null, null);
    }

    /** One failure of a sweep: only its unplaced VMs and headroom (and the heat map, while it is the worst so far). */
    private static WhatIfPart.Solved failed(Fleet f, WhatIf.Scenario s, int scenario, RuleBook rules, Options opt, Headroom hr, Set<String> types,
                                            Failure failure) {
        Scenarios.Built b = Scenarios.add(f, s.add());
        // without add the failure's fleet is the sweep's with some hosts down: its view shares what the sweep's resolved
        FleetView v = s.add().isEmpty() ? failure.before().withStates(b.fleet()) : new FleetView(b.fleet(), rules);
        Long seed = opt.seed() != null ? opt.seed() : (Long) SWEEP_SEED;
        Plan plan = EvacuationPlanner.plan(v, new PlanRequest(List.of(), opt.policy()), seed, null, PlanListeners.NONE);
        long unplaced = plan.unplaced().size();
        failure.worst().offer(unplaced, failure.index(), () -> HeatMap.rows(v, FinalState.of(v, plan, b.synthetic()), b.synthetic(), notes(s, f)));
        SweepFailures.Down d = failure.down();
        WhatIfReport.Failure entry = new WhatIfReport.Failure(d.host(), d.label(), d.value(), d.host() == null ? d.hosts() : null, unplaced,
                plan.unplaced());
        Map<String, Long> headroom;
        List<Headroom.TemplateFit> templ = new ArrayList<>();
        if (failure.headroom() != null) {
            headroom = failure.headroom().after(d.hosts(), v, plan, b.synthetic());
        } else {
            FinalState fs = FinalState.of(v, plan, b.synthetic());
            headroom = hr.perType(fs, types);
            for (WhatIf.AddSpec a : s.add()) templ.add(hr.template(fs, a.vm()));
        }
        return new WhatIfPart.Solved(scenario, failure.index(), null, null, entry, headroom, templates(templ));
    }

    /** Hosts whose attributes the scenario sets, with what it sets (marked in the heat map). */
    private static Map<String, String> notes(WhatIf.Scenario s, Fleet f) {
        if (s.set() == null) return Map.of();
        Map<String, String> out = new java.util.HashMap<>();
        for (Host h : Scenarios.select(f, s.set().hosts())) out.put(h.name(), "set " + s.set().attributes());
        return out;
    }

    private static WhatIfPart.Solved tick(WhatIfPart.Solved o, AtomicInteger done, int total, WhatIf.Scenario s, Options opt) {
        int n = done.incrementAndGet();
        if (opt.listener() != null) opt.listener().solved(n, total, s.name());
        return o;
    }

    private static List<WhatIfReport.TemplateHeadroom> templates(List<Headroom.TemplateFit> fits) {
        List<WhatIfReport.TemplateHeadroom> out = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) out.add(new WhatIfReport.TemplateHeadroom(i, fits.get(i).fits(), fits.get(i).exact() ? "exact" : "lower"));
        return out;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /** The types' names for people ("NVIDIA A16-4Q"), from the packs or the observed supportedTypes. */
    private static Map<String, String> typeNames(FleetView view, Set<String> types) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Host h : view.fleet().hosts())
            for (ParentView p : view.parents(h.name()))
                for (String t : types) {
                    if (out.containsKey(t) || !p.governed().knowsType(t)) continue;
                    TypeInfo ti = p.governed().type(t);
                    if (ti != null && ti.name() != null) out.put(t, ti.name());
                }
        return out;
    }

    /** A scenario's keys in words, in the order they apply. */
    static List<String> describe(WhatIf.Scenario s) {
        List<String> out = new ArrayList<>();
        if (s.set() != null) out.add("set " + s.set().attributes() + " on " + selector(s.set().hosts()));
        if (s.down() != null) out.add("down: " + selector(s.down()));
        if (s.drain() != null) out.add("drain: " + selector(s.drain()));
        if (Boolean.TRUE.equals(s.eachHostDown())) out.add("each host down, one at a time");
        if (s.eachLabelDown() != null) out.add("each value of label " + s.eachLabelDown() + " down (all its hosts), one at a time");
        for (int i = 0; i < s.add().size(); i++) {
            WhatIf.AddSpec a = s.add().get(i);
            WhatIf.VmTemplate t = a.vm();
            List<String> devs = new ArrayList<>();
            for (WhatIf.DeviceTemplate d : t.devices()) devs.add(d.type() + (d.attrs().isEmpty() ? "" : " " + d.attrs()));
            out.add("add (template " + i + "): " + a.count() + " × {" + t.cpusOrZero() + " vCPUs, " + t.memoryOrZero() + " MiB"
                    + (t.priorityOrZero() != 0 ? ", priority " + t.priorityOrZero() : "") + (devs.isEmpty() ? "" : ", " + String.join(" + ", devs)) + "}");
        }
        if (out.isEmpty()) out.add("the fleet as it is (its draining and down hosts emptied)");
        return out;
    }

    private static String selector(WhatIf.HostSelector sel) {
        if (sel.names() != null && !sel.names().isEmpty()) return "hosts " + String.join(", ", sel.names());
        List<String> l = new ArrayList<>();
        sel.labels().forEach((k, v) -> l.add(k + "=" + v));
        return "hosts labelled " + String.join(", ", l);
    }
}
