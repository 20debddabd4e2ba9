package io.devplace.whatif;

import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.problem.PlanRequest;
import io.devplace.rules.RuleBook;
import io.devplace.rules.TypeInfo;

import java.util.ArrayList;
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
 * Runs a WhatIf document against a fleet (SPEC §1.6): every scenario is transformed ({@link Scenarios}) and planned
 * exactly as {@code plan} would ({@link EvacuationPlanner}, same policy, the policy's time limit per solve), then
 * measured: placed/unplaced/moves, headroom by packing ({@link Headroom}), template headroom and immobile VMs.
 *
 * <p>Work is shared: every solve of the run — each ordinary scenario and each single-host failure of a sweep — is a
 * task on one fixed pool (one thread per core by default); all use the same {@link RuleBook}, whose matcher caches
 * compatibility by descriptor, and the same {@link Headroom}, which caches per parent contents. A sweep measures its
 * fleet's headroom once ({@link FailureHeadroom}) and each failure only what its plan touched; failures are solved
 * step-counted ({@link #SWEEP_SEED}). None of this changes an answer (docs/whatif.md, "Speed").
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
        quietConcurrentMetrics();
        long start = System.nanoTime();
        RuleBook rules = base.rules();
        Headroom hr = new Headroom();
        Set<String> types = WhatIfReader.creatableTypes(base);

        FinalState baseState = FinalState.of(base, null, Set.of());
        WhatIfReport.Base baseResult = new WhatIfReport.Base(hr.perType(baseState, types), Immobility.of(base, Set.of(), Set.of()));
        List<HeatMap.Row> before = HeatMap.rows(base, baseState, Set.of(), Map.of());

        List<WhatIf.Scenario> scenarios = doc.scenarios();
        List<Fleet> transformed = new ArrayList<>();
        int total = 0;
        for (WhatIf.Scenario s : scenarios) {
            transformed.add(Scenarios.transform(base.fleet(), s));
            total += s.sweep() ? base.fleet().hosts().size() : 1;
        }
        int threads = opt.threads() > 0 ? opt.threads() : Runtime.getRuntime().availableProcessors();
        threads = Math.max(1, Math.min(threads, total));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "devplace-whatif");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        final int all = total;
        List<List<Future<Outcome>>> futures = new ArrayList<>();
        List<Worst> worsts = new ArrayList<>();
        try {
            for (int i = 0; i < scenarios.size(); i++) {
                WhatIf.Scenario s = scenarios.get(i);
                Fleet f = transformed.get(i);
                List<Future<Outcome>> fs = new ArrayList<>();
                if (s.sweep()) {
                    Worst w = new Worst();
                    worsts.add(w);
                    List<Host> hs = base.fleet().hosts();
                    // measured once per sweep, before any failure: each failure then re-measures only what its plan touched
                    FailureHeadroom fh = s.add().isEmpty() ? new FailureHeadroom(new FleetView(f, rules), hr, types) : null;
                    for (int k = 0; k < hs.size(); k++) {
                        final int index = k;
                        fs.add(pool.submit(() -> tick(solve(Scenarios.fail(f, hs.get(index).name()), s, rules, opt, hr, types,
                                new Failure(hs.get(index).name(), index, w, fh)), done, all, s, opt)));
                    }
                } else {
                    worsts.add(null);
                    fs.add(pool.submit(() -> tick(solve(f, s, rules, opt, hr, types, null), done, all, s, opt)));
                }
                futures.add(fs);
            }
            List<WhatIfReport.ScenarioResult> results = new ArrayList<>();
            List<ScenarioDetails> details = new ArrayList<>();
            for (int i = 0; i < scenarios.size(); i++) {
                WhatIf.Scenario s = scenarios.get(i);
                if (s.sweep()) sweep(s, base.fleet().hosts(), futures.get(i), worsts.get(i), types, results, details);
                else {
                    Outcome o = get(futures.get(i).get(0));
                    results.add(new WhatIfReport.ScenarioResult(s.name(), o.unplaced == 0, o.placed, o.unplaced, o.moves, o.unplacedVms,
                            o.headroom, templates(o.templates), o.immobile, null));
                    details.add(new ScenarioDetails(s.name(), describe(s), "after the plan", o.after));
                }
            }
            WhatIfReport report = new WhatIfReport(Documents.API_VERSION, WhatIfReport.KIND, baseResult, results);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(report, new Details(fleetName, base.fleet().hosts().size(), base.fleet().vms().size(), typeNames(base, types),
                    before, details, all, millis, threads, opt.policy().timeLimit()));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Solvers running side by side each try to register Timefold's gauges on Micrometer's global registry; the second
     * registration is ignored with a WARN that says nothing to an operator. Only that logger is quietened.
     */
    private static void quietConcurrentMetrics() {
        if (org.slf4j.LoggerFactory.getLogger("io.micrometer.core.instrument.MeterRegistry") instanceof ch.qos.logback.classic.Logger l
                && l.getLevel() == null)
            l.setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    /** What one solve yields (a scenario, or one failure of a sweep). */
    private record Outcome(long unplaced, List<Plan.Unplaced> unplacedVms, Long placed, Long moves, Map<String, Long> headroom,
                           List<Headroom.TemplateFit> templates, List<String> immobile, List<HeatMap.Row> after) {}

    /**
     * The worst failure of a sweep so far (most unplaced, then first in fleet order) and its heat map: kept while the
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
     * The seed of every single-host failure's solve when the run has none. A sweep's solves then stop on an unimproved
     * <em>step count</em> (see {@code plan --seed}) instead of after 0.5 s of wall-clock time without improvement: on a
     * small problem (one host's VMs) the search converges in a few milliseconds, and waiting half a second each time
     * was most of a 500-failure sweep. It also makes each failure's answer independent of how busy the machine is (the
     * unseeded solver already uses random seed 0; only its clock-based stop varied). The time limit stays a cap.
     */
    static final long SWEEP_SEED = 0L;

    /** One failure of a sweep: the failed host, its index in fleet order, the sweep's worst so far, its headroom base. */
    private record Failure(String host, int index, Worst worst, FailureHeadroom headroom) {}

    /** One solve: a scenario ({@code failure} null) or one single-host failure of a sweep. */
    private static Outcome solve(Fleet f, WhatIf.Scenario s, RuleBook rules, Options opt, Headroom hr, Set<String> types, Failure failure) {
        boolean full = failure == null;
        Scenarios.Built b = Scenarios.add(f, s.add());
        FleetView v = new FleetView(b.fleet(), rules);
        Long seed = full || opt.seed() != null ? opt.seed() : (Long) SWEEP_SEED;
        Plan plan = EvacuationPlanner.plan(v, new PlanRequest(List.of(), opt.policy()), seed, null, null);
        long unplaced = plan.unplaced().size();
        if (!full) {
            // a sweep reports per failure only unplaced VMs and headroom; the heat map only for the worst failure
            failure.worst().offer(unplaced, failure.index(), () -> HeatMap.rows(v, FinalState.of(v, plan, b.synthetic()), b.synthetic(), notes(s, f)));
            if (failure.headroom() != null)
                return new Outcome(unplaced, plan.unplaced(), null, null, failure.headroom().after(failure.host(), v, plan, b.synthetic()),
                        List.of(), null, null);
        }
        FinalState fs = FinalState.of(v, plan, b.synthetic());
        Map<String, Long> headroom = hr.perType(fs, types);
        List<Headroom.TemplateFit> templ = new ArrayList<>();
        for (WhatIf.AddSpec a : s.add()) templ.add(hr.template(fs, a.vm()));
        if (!full) return new Outcome(unplaced, plan.unplaced(), null, null, headroom, templ, null, null);
        Set<String> moved = new HashSet<>();
        long moves = 0;
        for (Plan.Move m : plan.moves()) {
            moved.add(m.vm());
            if (!b.addedVms().contains(m.vm())) moves++;
        }
        List<String> immobile = Immobility.of(v, moved, b.addedVms());
        return new Outcome(unplaced, plan.unplaced(), plan.summary().placed(), moves, headroom, templ, immobile,
                HeatMap.rows(v, fs, b.synthetic(), notes(s, f)));
    }

    /** Hosts whose attributes the scenario sets, with what it sets (marked in the heat map). */
    private static Map<String, String> notes(WhatIf.Scenario s, Fleet f) {
        if (s.set() == null) return Map.of();
        Map<String, String> out = new java.util.HashMap<>();
        for (Host h : Scenarios.select(f, s.set().hosts())) out.put(h.name(), "set " + s.set().attributes());
        return out;
    }

    private static Outcome tick(Outcome o, AtomicInteger done, int total, WhatIf.Scenario s, Options opt) {
        int n = done.incrementAndGet();
        if (opt.listener() != null) opt.listener().solved(n, total, s.name());
        return o;
    }

    /** Folds the failures of a sweep: worst unplaced, all survivable, per-type minimum headroom, failures ranked. */
    private static void sweep(WhatIf.Scenario s, List<Host> hosts, List<Future<Outcome>> fs, Worst w, Set<String> types,
                              List<WhatIfReport.ScenarioResult> results, List<ScenarioDetails> details) {
        List<WhatIfReport.Failure> failures = new ArrayList<>();
        Map<String, Long> min = new TreeMap<>();
        List<Headroom.TemplateFit> tmin = null;
        Outcome worst = null;
        for (int i = 0; i < fs.size(); i++) {
            Outcome o = get(fs.get(i));
            String host = hosts.get(i).name();
            failures.add(new WhatIfReport.Failure(host, o.unplaced, o.unplacedVms));
            o.headroom.forEach((t, n) -> min.merge(t, n, Math::min));
            if (tmin == null) tmin = new ArrayList<>(o.templates);
            else for (int k = 0; k < tmin.size(); k++) {
                Headroom.TemplateFit a = tmin.get(k), b = o.templates.get(k);
                tmin.set(k, new Headroom.TemplateFit(Math.min(a.fits(), b.fits()), a.exact() && b.exact()));
            }
            if (worst == null || o.unplaced > worst.unplaced) worst = o;
        }
        for (String t : types) min.putIfAbsent(t, 0L);
        // ranked: most unplaced first, then fleet order (a stable sort keeps it)
        failures.sort((a, b) -> Long.compare(b.unplaced(), a.unplaced()));
        long unplaced = worst == null ? 0 : worst.unplaced;
        results.add(new WhatIfReport.ScenarioResult(s.name(), unplaced == 0, null, unplaced, null, worst == null ? List.of() : worst.unplacedVms,
                min, templates(tmin == null ? List.of() : tmin), null, failures));
        String worstHost = w.index < hosts.size() ? hosts.get(w.index).name() : "";
        details.add(new ScenarioDetails(s.name(), describe(s), worst == null ? "" :
                (unplaced == 0 ? "after the failure of " + worstHost + " (every single failure is survivable)"
                        : "after the worst single failure: " + worstHost + " (" + unplaced + " unplaced)"), w.after));
    }

    private static List<WhatIfReport.TemplateHeadroom> templates(List<Headroom.TemplateFit> fits) {
        List<WhatIfReport.TemplateHeadroom> out = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) out.add(new WhatIfReport.TemplateHeadroom(i, fits.get(i).fits(), fits.get(i).exact() ? "exact" : "lower"));
        return out;
    }

    private static Outcome get(Future<Outcome> f) {
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
        if (s.sweep()) out.add("each host down, one at a time");
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
