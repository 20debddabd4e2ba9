package io.devplace.whatif;

import io.devplace.model.Documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins the parts of one run into its report. An unsharded run is one part; a sharded run's parts come from
 * {@code whatif merge} after {@link WhatIfMerge} has checked that they belong together. Either way the report is
 * assembled here, from the same per-solve results in the same order, so both give the same report.
 */
final class WhatIfAssembly {
    private WhatIfAssembly() {}

    /** {@code parts}: every shard of one run, checked (same identity, each solve exactly once). */
    static WhatIfAnalysis.Result assemble(List<WhatIfPart> parts) {
        WhatIfPart first = parts.get(0);
        WhatIfPart.Info info = first.info();
        int n = info.scenarios().size();
        WhatIfPart.Solved[] whole = new WhatIfPart.Solved[n];
        List<WhatIfPart.Solved[]> failures = new ArrayList<>();
        for (WhatIfPart.ScenarioInfo s : info.scenarios()) failures.add(s.failures() == null ? null : new WhatIfPart.Solved[s.failures()]);
        WhatIfPart.Worst[] worst = new WhatIfPart.Worst[n];
        long millis = 0;
        int threads = 0;
        for (WhatIfPart p : parts) {
            for (WhatIfPart.Solved s : p.solved()) {
                if (s.failure() == null) whole[s.scenario()] = s;
                else failures.get(s.scenario())[s.failure()] = s;
            }
            for (WhatIfPart.Worst w : p.worst()) {
                WhatIfPart.Worst cur = worst[w.scenario()];
                if (cur == null || w.unplaced() > cur.unplaced() || (w.unplaced() == cur.unplaced() && w.failure() < cur.failure()))
                    worst[w.scenario()] = w;
            }
            millis = Math.max(millis, p.timing().millis());
            threads += p.timing().threads();
        }
        List<WhatIfReport.ScenarioResult> results = new ArrayList<>();
        List<WhatIfAnalysis.ScenarioDetails> details = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WhatIfPart.ScenarioInfo s = info.scenarios().get(i);
            if (s.failures() == null) {
                results.add(whole[i].result());
                details.add(new WhatIfAnalysis.ScenarioDetails(s.name(), s.definition(), "after the plan", whole[i].after()));
            } else {
                sweep(s, failures.get(i), worst[i], first.base(), results, details);
            }
        }
        WhatIfReport report = new WhatIfReport(Documents.API_VERSION, WhatIfReport.KIND, first.base(), results);
        return new WhatIfAnalysis.Result(report, new WhatIfAnalysis.Details(info.fleetName(), info.hosts(), info.vms(), info.typeNames(),
                info.before(), details, info.solves(), millis, threads, info.timeLimit()));
    }

    /**
     * Folds the failures of a sweep: worst unplaced (most, then first), all survivable, per-type minimum headroom,
     * template headroom minimum ({@code lower} if any is). Host failures are ranked worst first (then fleet order);
     * label failures stay in value order.
     */
    private static void sweep(WhatIfPart.ScenarioInfo s, WhatIfPart.Solved[] fs, WhatIfPart.Worst w,
                              WhatIfReport.Base base, List<WhatIfReport.ScenarioResult> results, List<WhatIfAnalysis.ScenarioDetails> details) {
        List<WhatIfReport.Failure> failures = new ArrayList<>();
        Map<String, Long> min = new TreeMap<>();
        List<WhatIfReport.TemplateHeadroom> tmin = null;
        WhatIfPart.Solved worst = null;
        for (WhatIfPart.Solved o : fs) {
            failures.add(o.outcome());
            o.headroom().forEach((t, v) -> min.merge(t, v, Math::min));
            if (tmin == null) tmin = new ArrayList<>(o.templateHeadroom());
            else for (int k = 0; k < tmin.size(); k++) {
                WhatIfReport.TemplateHeadroom a = tmin.get(k), b = o.templateHeadroom().get(k);
                tmin.set(k, new WhatIfReport.TemplateHeadroom(k, Math.min(a.fits(), b.fits()),
                        "exact".equals(a.bound()) && "exact".equals(b.bound()) ? "exact" : "lower"));
            }
            if (worst == null || o.outcome().unplaced() > worst.outcome().unplaced()) worst = o;
        }
        // every type some parent can create has a figure, even when no failure measured it
        for (String t : base.headroom().keySet()) min.putIfAbsent(t, 0L);
        if (s.sweepLabel() == null) failures.sort((a, b) -> Long.compare(b.unplaced(), a.unplaced())); // stable: fleet order within
        long unplaced = worst == null ? 0 : worst.outcome().unplaced();
        results.add(new WhatIfReport.ScenarioResult(s.name(), unplaced == 0, null, unplaced, null, worst == null ? List.of() : worst.outcome().unplacedVms(),
                min, tmin == null ? List.of() : tmin, null, failures));
        String title = w == null ? "" : fs[w.failure()].outcome().title();
        String what = s.sweepLabel() == null ? "every single failure" : "every failure of one " + s.sweepLabel();
        details.add(new WhatIfAnalysis.ScenarioDetails(s.name(), s.definition(), worst == null ? "" :
                (unplaced == 0 ? "after the failure of " + title + " (" + what + " is survivable)"
                        : "after the worst " + (s.sweepLabel() == null ? "single failure" : "failure") + ": " + title + " (" + unplaced + " unplaced)"),
                w == null ? List.of() : w.after()));
    }
}
