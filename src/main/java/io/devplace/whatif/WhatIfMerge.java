package io.devplace.whatif;

import io.devplace.model.Documents;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code whatif merge PART...}: reads the partial reports of one sharded run, checks that they are exactly the run's N
 * shards — every part from the same run (same identity), no shard given twice, none missing, every solve present
 * once, the base measures alike — and assembles the report an unsharded run gives ({@link WhatIfAssembly}). Any
 * problem is invalid input naming the file and what is wrong (exit 4); nothing is merged then.
 */
public final class WhatIfMerge {
    private WhatIfMerge() {}

    /** A part and the file it came from. */
    record Named(String file, WhatIfPart part) {}

    public static WhatIfAnalysis.Result merge(List<String> files) {
        List<Named> parts = new ArrayList<>();
        for (String f : files) parts.add(new Named(f, Documents.parse(f, Documents.readBytes(f), WhatIfPart.KIND, WhatIfPart.class).value()));
        return WhatIfAssembly.assemble(check(parts));
    }

    static List<WhatIfPart> check(List<Named> parts) {
        List<InputProblem> out = new ArrayList<>();
        for (Named n : parts) {
            WhatIfPart p = n.part();
            if (p.run() == null) out.add(problem(n, "run", "expected the run's identity (a part written by whatif --shard I/N)"));
            if (p.base() == null || p.info() == null || p.solved() == null || p.worst() == null || p.timing() == null)
                out.add(problem(n, "", "expected base, info, solved, worst and timing (a part written by whatif --shard I/N)"));
        }
        if (!out.isEmpty()) throw new InvalidInputException(out);
        Named first = parts.get(0);
        WhatIfPart.Run run = first.part().run();
        // foreign parts first: with another run's part among them, counting shards means nothing
        for (Named n : parts.subList(1, parts.size())) {
            List<String> diff = differences(run, n.part().run());
            if (!diff.isEmpty())
                out.add(problem(n, "run", "is a shard of another run than " + first.file() + " (" + String.join("; ", diff) + ")"));
        }
        if (!out.isEmpty()) throw new InvalidInputException(out);
        if (run.shards() < 1) throw new InvalidInputException(problem(first, "run.shards", "expected at least 1 but got " + run.shards()));
        String[] byIndex = new String[run.shards()];
        for (Named n : parts) {
            int i = n.part().shard();
            if (i < 0 || i >= run.shards()) out.add(problem(n, "shard", "expected a shard in 0.." + (run.shards() - 1) + " but got " + i));
            else if (byIndex[i] != null) out.add(problem(n, "shard", "duplicate shard " + i + "/" + run.shards() + ": " + byIndex[i] + " is the same shard"));
            else byIndex[i] = n.file();
        }
        Set<Integer> missing = new TreeSet<>();
        for (int i = 0; i < byIndex.length; i++) if (byIndex[i] == null) missing.add(i);
        if (!missing.isEmpty())
            out.add(new InputProblem("whatif merge", "", 0, 0, "missing shard(s) " + missing + " of " + run.shards() + " (given: "
                    + parts.stream().map(Named::file).toList() + ")"));
        if (!out.isEmpty()) throw new InvalidInputException(out);
        for (Named n : parts.subList(1, parts.size())) {
            if (!n.part().base().equals(first.part().base()))
                out.add(problem(n, "base", "the base measures differ from " + first.file() + "'s (same inputs must give the same base)"));
            if (!n.part().info().equals(first.part().info()))
                out.add(problem(n, "info", "the run's outline differs from " + first.file() + "'s (same inputs must give the same outline)"));
        }
        if (!out.isEmpty()) throw new InvalidInputException(out);
        coverage(parts, out);
        if (!out.isEmpty()) throw new InvalidInputException(out);
        List<WhatIfPart> ordered = new ArrayList<>(parts.stream().map(Named::part).toList());
        ordered.sort(java.util.Comparator.comparingInt(WhatIfPart::shard));
        return ordered;
    }

    /** Every solve of the run in exactly one part, none outside the run's scenarios and failures. */
    private static void coverage(List<Named> parts, List<InputProblem> out) {
        WhatIfPart.Info info = parts.get(0).part().info();
        Set<String> seen = new HashSet<>();
        for (Named n : parts) {
            List<WhatIfPart.Solved> solved = n.part().solved();
            for (int k = 0; k < solved.size(); k++) {
                WhatIfPart.Solved s = solved.get(k);
                String path = "solved[" + k + "]";
                if (s.scenario() < 0 || s.scenario() >= info.scenarios().size()) { out.add(problem(n, path, "no scenario " + s.scenario() + " in the run")); continue; }
                WhatIfPart.ScenarioInfo si = info.scenarios().get(s.scenario());
                boolean ok = s.failure() == null ? si.failures() == null && s.result() != null && s.after() != null
                        : si.failures() != null && s.failure() >= 0 && s.failure() < si.failures() && s.outcome() != null && s.headroom() != null
                        && s.templateHeadroom() != null;
                if (!ok) { out.add(problem(n, path, "not a solve of scenario '" + si.name() + "' as the run defines it")); continue; }
                if (!seen.add(s.scenario() + "/" + s.failure()))
                    out.add(problem(n, path, "scenario '" + si.name() + "'" + (s.failure() == null ? "" : " failure " + s.failure()) + " is given twice"));
            }
        }
        for (Named n : parts)
            for (int k = 0; k < n.part().worst().size(); k++) {
                WhatIfPart.Worst w = n.part().worst().get(k);
                boolean ok = w.scenario() >= 0 && w.scenario() < info.scenarios().size() && info.scenarios().get(w.scenario()).failures() != null
                        && w.failure() >= 0 && w.failure() < info.scenarios().get(w.scenario()).failures() && w.after() != null;
                if (!ok) out.add(problem(n, "worst[" + k + "]", "not a failure of a sweep of the run"));
            }
        if (out.isEmpty() && seen.size() != info.solves())
            out.add(new InputProblem("whatif merge", "", 0, 0, "the parts hold " + seen.size() + " of the run's " + info.solves() + " solves"));
    }

    private static List<String> differences(WhatIfPart.Run a, WhatIfPart.Run b) {
        List<String> d = new ArrayList<>();
        if (!Objects.equals(a.fleet(), b.fleet())) d.add("fleet " + b.fleet() + " vs " + a.fleet());
        if (!Objects.equals(a.scenarios(), b.scenarios())) d.add("scenarios " + b.scenarios() + " vs " + a.scenarios());
        if (!Objects.equals(a.policy(), b.policy())) d.add("policy " + b.policy() + " vs " + a.policy());
        if (!Objects.equals(a.seed(), b.seed())) d.add("seed " + b.seed() + " vs " + a.seed());
        if (a.shards() != b.shards()) d.add("shards " + b.shards() + " vs " + a.shards());
        if (!Objects.equals(a.devplace(), b.devplace())) d.add("devplace " + b.devplace() + " vs " + a.devplace());
        return d;
    }

    private static InputProblem problem(Named n, String path, String message) {
        return new InputProblem(n.file(), path, 0, 0, message);
    }
}
