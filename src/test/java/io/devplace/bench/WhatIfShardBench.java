package io.devplace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sharded what-if sweep: the N+1 sweep ({@code eachHostDown}) of a generated fleet split into N shards
 * ({@code whatif --shard I/N}), each shard its own JVM as a pod of an Indexed Job would run it, then
 * {@code whatif merge} of the parts when every shard ran. Per shard: wall, CPU, peak heap, the solves it did; for the
 * merge: wall and CPU. {@code --run 0,1} runs only some shards: a measured subset of a sweep too long to run whole.
 *
 * <pre>
 *   benchmarks/run whatif-shards [--profile l] [--seed 1] [--time-limit 2s] [--threads 2] [--shards 4]
 *                                [--run all|I,J,...] [--concurrent 1] [--heap 2g] [--label TEXT]
 * </pre>
 *
 * Rows are appended to {@code benchmarks/results/whatif-shards.csv}; {@code WHATIF-SHARDS.md} is rewritten from it.
 * The child is {@link WhatIfBench.Child}: the real CLI, plus its own CPU time and peak heap.
 */
public final class WhatIfShardBench {
    static final List<String> COLUMNS = List.of("date", "run", "label", "profile", "seed", "hosts", "vms", "timeLimit", "threads", "heap",
            "step", "solves", "runSolves", "wallMs", "cpuMs", "peakHeapMiB", "exit", "concurrent", "loadBefore", "loadAfter", "machine");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WhatIfShardBench() {}

    record Step(String name, List<String> args, Path part) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i], args[i + 1]);
        String profile = o.getOrDefault("--profile", "l");
        long seed = Long.parseLong(o.getOrDefault("--seed", "1"));
        String timeLimit = o.getOrDefault("--time-limit", "2s");
        String threads = o.getOrDefault("--threads", "2");
        int shards = Integer.parseInt(o.getOrDefault("--shards", "4"));
        int concurrent = Integer.parseInt(o.getOrDefault("--concurrent", "1"));
        String heap = o.getOrDefault("--heap", "2g");
        List<Integer> which = new ArrayList<>();
        if (o.getOrDefault("--run", "all").equals("all")) for (int i = 0; i < shards; i++) which.add(i);
        else for (String s : o.get("--run").split(",")) which.add(Integer.parseInt(s.trim()));

        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench-whatif-shards")), "run-");
        FleetGenerator.Generated g = FleetGenerator.generate(profile, seed, 0);
        Path fleet = work.resolve(profile + "-" + seed + ".yaml");
        Files.write(fleet, g.yaml());
        Path scenarios = work.resolve("sweep.yaml");
        Files.writeString(scenarios, "apiVersion: devplace/v1\nkind: WhatIf\nscenarios:\n  - name: n-plus-1\n    eachHostDown: true\n");
        Machine machine = Machine.probe();
        String run = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        System.err.printf("whatif-shards bench: %s seed %d (%d hosts, %d VMs), eachHostDown in %d shard(s), running %s, %d at a time, -Xmx%s, on %s%n",
                profile, seed, g.stats().hosts(), g.stats().vms(), shards, which, concurrent, heap, machine.oneLine());

        List<Step> steps = new ArrayList<>();
        for (int i : which) {
            Path part = work.resolve("part-" + i + ".json");
            steps.add(new Step("shard " + i + "/" + shards, List.of("whatif", "-f", fleet.toString(), "-s", scenarios.toString(), "--time-limit", timeLimit,
                    "--threads", threads, "--shard", i + "/" + shards, "--out", part.toString()), part));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        // shards in waves of `concurrent` processes
        for (int from = 0; from < steps.size(); from += concurrent) {
            List<Step> wave = steps.subList(from, Math.min(steps.size(), from + concurrent));
            List<Running> running = new ArrayList<>();
            for (Step s : wave) running.add(Running.start(s, heap));
            for (Running r : running) {
                Map<String, String> row = r.finish();
                if (Files.exists(r.step.part())) {
                    JsonNode p = JSON.readTree(r.step.part().toFile());
                    row.put("solves", Integer.toString(p.path("solved").size()));
                    row.put("runSolves", p.at("/info/solves").asText());
                }
                rows.add(row);
            }
        }
        if (which.size() == shards) {
            List<String> merge = new ArrayList<>(List.of("whatif", "merge"));
            for (Step s : steps) merge.add(s.part().toString());
            Path report = work.resolve("report.json");
            merge.addAll(List.of("-o", "json", "--out", report.toString()));
            Map<String, String> row = Running.start(new Step("merge of " + shards + " parts", merge, null), heap).finish();
            if (Files.exists(report)) {
                JsonNode failures = JSON.readTree(report.toFile()).at("/scenarios/0/failures");
                row.put("solves", Integer.toString(failures.size()));
                row.put("runSolves", Integer.toString(failures.size()));
            }
            rows.add(row);
        }
        for (Map<String, String> r : rows) {
            r.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            r.put("run", run);
            r.put("label", o.getOrDefault("--label", "this build"));
            r.put("profile", profile);
            r.put("seed", Long.toString(seed));
            r.put("hosts", Integer.toString(g.stats().hosts()));
            r.put("vms", Integer.toString(g.stats().vms()));
            r.put("timeLimit", timeLimit);
            r.put("threads", threads);
            r.put("heap", heap);
            r.put("concurrent", Integer.toString(concurrent));
            r.put("machine", machine.oneLine());
        }
        Path dir = Files.createDirectories(Path.of("benchmarks", "results"));
        Path csv = dir.resolve("whatif-shards.csv");
        List<Map<String, String>> all = ResultsCsv.read(csv);
        for (Map<String, String> r : all) for (String c : COLUMNS) r.putIfAbsent(c, "");
        all.addAll(rows);
        ResultsCsv.write(csv, COLUMNS, all);
        Files.writeString(dir.resolve("WHATIF-SHARDS.md"), markdown(all), StandardCharsets.UTF_8);
        System.err.println("whatif-shards bench: wrote " + csv + " and " + dir.resolve("WHATIF-SHARDS.md"));
    }

    /** One child JVM: the real CLI inside {@link WhatIfBench.Child}, timed from outside, CPU and heap from inside. */
    static final class Running {
        final Step step;
        final Process process;
        final long t0;
        final String loadBefore;

        private Running(Step step, Process process, long t0, String loadBefore) {
            this.step = step;
            this.process = process;
            this.t0 = t0;
            this.loadBefore = loadBefore;
        }

        static Running start(Step s, String heap) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                    "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), WhatIfBench.Child.class.getName()));
            cmd.addAll(s.args());
            String load = Machine.loadAverages();
            return new Running(s, new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start(), System.nanoTime(), load);
        }

        Map<String, String> finish() throws Exception {
            Map<String, String> child = new LinkedHashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; )
                    if (line.startsWith("RESULT "))
                        for (String kv : line.substring(7).split(" ")) child.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            int exit = process.waitFor();
            long wall = (System.nanoTime() - t0) / 1_000_000;
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : COLUMNS) row.put(c, "");
            row.put("step", step.name());
            row.put("wallMs", Long.toString(wall));
            row.put("cpuMs", child.getOrDefault("cpuMs", ""));
            row.put("peakHeapMiB", child.getOrDefault("peakHeapMiB", ""));
            row.put("exit", Integer.toString(exit));
            row.put("loadBefore", loadBefore);
            row.put("loadAfter", Machine.loadAverages());
            System.err.printf("whatif-shards bench: %s: exit %d, wall %.1f s, CPU %s ms, peak heap %s MiB%n", step.name(), exit, wall / 1000.0,
                    row.get("cpuMs"), row.get("peakHeapMiB"));
            return row;
        }
    }

    static String markdown(List<Map<String, String>> rows) {
        StringBuilder b = new StringBuilder("# Sharded what-if sweep benchmark\n\n");
        b.append("`benchmarks/run whatif-shards`: the N+1 sweep (`eachHostDown`) of a generated fleet split into shards\n");
        b.append("(`devplace whatif --shard I/N`), each shard its own JVM, then `devplace whatif merge` when every shard ran.\n");
        b.append("Wall is the whole process (JVM start, reading the fleet, the base measures included); CPU is the process's CPU\n");
        b.append("time, all threads; CPU per solve divides it by the shard's solves (start-up included). Load averages (1/5/15 min)\n");
        b.append("before and after each step: the machine may be shared. Analysis in docs/whatif.md (\"Sharded runs: measured\").\n\n");
        b.append("| run | build | fleet | hosts | VMs | limit/solve | threads | -Xmx | step | at once | solves (of run) | wall s | CPU s | CPU s/solve | peak heap MiB | exit | load before | load after |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, String> r : rows) {
            String perSolve = "";
            if (!r.get("solves").isEmpty() && !r.get("cpuMs").isEmpty() && !r.get("step").startsWith("merge") && Long.parseLong(r.get("solves")) > 0)
                perSolve = String.format(Locale.ROOT, "%.2f", Long.parseLong(r.get("cpuMs")) / 1000.0 / Long.parseLong(r.get("solves")));
            b.append(String.format(Locale.ROOT, "| %s | %s | %s seed %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.get("run"), r.get("label"), r.get("profile"), r.get("seed"), r.get("hosts"), r.get("vms"), r.get("timeLimit"), r.get("threads"),
                    r.get("heap"), r.get("step"), r.get("concurrent"), r.get("solves"), r.get("runSolves"), seconds(r.get("wallMs")), seconds(r.get("cpuMs")),
                    perSolve, r.get("peakHeapMiB"), r.get("exit"), r.get("loadBefore"), r.get("loadAfter")));
        }
        if (!rows.isEmpty()) b.append("\nMachine of the last run: ").append(rows.get(rows.size() - 1).get("machine")).append('\n');
        return b.toString();
    }

    private static String seconds(String ms) {
        if (ms == null || ms.isEmpty() || ms.startsWith("-")) return "";
        return String.format(Locale.ROOT, "%.1f", Long.parseLong(ms) / 1000.0);
    }
}
