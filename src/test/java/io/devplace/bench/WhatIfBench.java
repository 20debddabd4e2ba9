package io.devplace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
 * The {@code whatif} benchmark suite: the N+1 sweep ({@code eachHostDown}) of the generated M fleet
 * (seed 1, 500 hosts) through the real {@code devplace whatif} command in its own JVM, against the target of 5 minutes
 * on 2 cores.
 *
 * <pre>
 *   benchmarks/run whatif [--time-limit 2s] [--threads N] [--jar DEVPLACE_JAR] [--label TEXT] [--profile m] [--seed 1]
 * </pre>
 *
 * {@code --jar} runs another build's CLI (e.g. main's, for a before/after comparison in the same run). Every run is
 * appended to {@code benchmarks/results/whatif.csv}; {@code benchmarks/results/WHATIF.md} is rewritten from it.
 *
 * <p>The child JVM runs {@code io.devplace.cli.Main} unchanged inside a thin wrapper ({@link Child}) that measures what
 * only the process itself can see: its CPU time (all threads, JIT and GC included) and the peak heap (sum of the heap
 * pools' peaks). Wall time is measured here, around the whole child, JVM start and fleet reading included: that is
 * what an operator waits for. Load averages are read before and after, because the build machine is shared.
 */
public final class WhatIfBench {
    static final long TARGET_MS = 5 * 60 * 1000;
    static final List<String> COLUMNS = List.of("date", "label", "profile", "seed", "hosts", "vms", "gpus", "timeLimit", "threads",
            "wallMs", "analysisMs", "cpuMs", "peakHeapMiB", "exit", "solves", "failuresWithUnplaced", "worstHost", "worstUnplaced",
            "loadBefore", "loadAfter", "target", "machine");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WhatIfBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String profile = o.getOrDefault("--profile", "m");
        long seed = Long.parseLong(o.getOrDefault("--seed", "1"));
        String timeLimit = o.getOrDefault("--time-limit", "2s");
        // a directory per run: two runs (e.g. --jar of main's build and this build) may go side by side
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench-whatif")), "run-");

        FleetGenerator.Generated g = FleetGenerator.generate(profile, seed, 0);
        Path fleet = work.resolve(profile + "-" + seed + ".yaml");
        Files.write(fleet, g.yaml());
        Path scenarios = work.resolve("sweep.yaml");
        Files.writeString(scenarios, "apiVersion: devplace/v1\nkind: WhatIf\nscenarios:\n  - name: n-plus-1\n    eachHostDown: true\n");
        Path report = work.resolve("report-" + profile + "-" + seed + ".json");
        Files.deleteIfExists(report);

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC"));
        String extra = System.getenv("BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
        // another build's CLI: its jar (whose manifest brings its libraries) plus this class for the wrapper
        String cp = o.containsKey("--jar") ? o.get("--jar") + ":target/test-classes" : System.getProperty("java.class.path");
        cmd.addAll(List.of("-cp", cp, Child.class.getName(), "whatif", "-f", fleet.toString(), "-s", scenarios.toString(),
                "-o", "json", "--out", report.toString(), "--time-limit", timeLimit));
        if (o.containsKey("--threads")) cmd.addAll(List.of("--threads", o.get("--threads")));

        Machine machine = Machine.probe();
        System.err.printf("whatif bench: %s seed %d (%d hosts, %d VMs, %d GPUs), eachHostDown, time limit %s per solve, on %s%n",
                profile, seed, g.stats().hosts(), g.stats().vms(), g.stats().gpus(), timeLimit, machine.oneLine());
        String loadBefore = Machine.loadAverages();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> child = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; )
                if (line.startsWith("RESULT ")) for (String kv : line.substring(7).split(" ")) child.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        int exit = p.waitFor();
        long wall = (System.nanoTime() - t0) / 1_000_000;
        String loadAfter = Machine.loadAverages();

        Map<String, String> row = new LinkedHashMap<>();
        for (String c : COLUMNS) row.put(c, "");
        row.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        row.put("label", o.getOrDefault("--label", o.containsKey("--jar") ? Path.of(o.get("--jar")).toString() : "this build"));
        row.put("profile", profile);
        row.put("seed", Long.toString(seed));
        row.put("hosts", Integer.toString(g.stats().hosts()));
        row.put("vms", Integer.toString(g.stats().vms()));
        row.put("gpus", Integer.toString(g.stats().gpus()));
        row.put("timeLimit", timeLimit);
        row.put("threads", o.getOrDefault("--threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        row.put("wallMs", Long.toString(wall));
        row.put("analysisMs", child.getOrDefault("analysisMs", ""));
        row.put("cpuMs", child.getOrDefault("cpuMs", ""));
        row.put("peakHeapMiB", child.getOrDefault("peakHeapMiB", ""));
        row.put("exit", Integer.toString(exit));
        row.put("loadBefore", loadBefore);
        row.put("loadAfter", loadAfter);
        row.put("machine", machine.oneLine());
        if ((exit == 0 || exit == 3) && Files.exists(report)) {
            JsonNode sweep = JSON.readTree(report.toFile()).path("scenarios").path(0);
            JsonNode failures = sweep.path("failures");
            long bad = 0;
            for (JsonNode f : failures) if (f.path("unplaced").asLong() > 0) bad++;
            row.put("solves", Integer.toString(failures.size()));
            row.put("failuresWithUnplaced", Long.toString(bad));
            JsonNode worst = failures.path(0); // ranked worst first (docs/reference/whatif.md)
            row.put("worstHost", worst.path("unplaced").asLong() > 0 ? worst.path("host").asText() : "-");
            row.put("worstUnplaced", Long.toString(sweep.path("unplaced").asLong()));
            row.put("target", wall <= TARGET_MS ? "met" : "not met");
        } else {
            row.put("target", "failed");
        }
        System.err.printf("whatif bench: %s wall %.1f s (analysis %s ms, CPU %s ms, peak heap %s MiB), %s of %s failures leave VMs unplaced, worst %s (%s); load %s -> %s; target %s%n",
                row.get("label"), wall / 1000.0, row.get("analysisMs"), row.get("cpuMs"), row.get("peakHeapMiB"), row.get("failuresWithUnplaced"),
                row.get("solves"), row.get("worstHost"), row.get("worstUnplaced"), loadBefore, loadAfter, row.get("target"));

        Path dir = Files.createDirectories(Path.of("benchmarks", "results"));
        Path csv = dir.resolve("whatif.csv");
        List<Map<String, String>> rows = ResultsCsv.read(csv);
        for (Map<String, String> r : rows) for (String c : COLUMNS) r.putIfAbsent(c, ""); // the table reads every column
        rows.add(row);
        ResultsCsv.write(csv, COLUMNS, rows);
        Files.writeString(dir.resolve("WHATIF.md"), markdown(rows), StandardCharsets.UTF_8);
        System.err.println("whatif bench: wrote " + csv + " and " + dir.resolve("WHATIF.md"));
        if (exit != 0 && exit != 3) System.exit(1);
    }

    /**
     * The child JVM: the real CLI, plus what only the process can measure about itself. Prints one {@code RESULT} line
     * on stdout (the report goes to {@code --out}) and exits with the CLI's exit code.
     */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
            long t0 = System.nanoTime();
            int rc = io.devplace.cli.Main.run(args);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
            long cpu = -1;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
                cpu = os.getProcessCpuTime() / 1_000_000;
            System.out.println("RESULT analysisMs=" + ms + " cpuMs=" + cpu + " peakHeapMiB=" + peak / (1024 * 1024));
            System.out.flush();
            System.exit(rc);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length)
                throw new IllegalArgumentException("usage: whatif [--time-limit 2s] [--threads N] [--jar DEVPLACE_JAR] [--label TEXT] [--profile m] [--seed 1]; got " + a);
            o.put(a, args[++i]);
        }
        return o;
    }

    static String markdown(List<Map<String, String>> rows) {
        StringBuilder b = new StringBuilder();
        b.append("# What-if sweep benchmark\n\n");
        b.append("`benchmarks/run whatif`: the N+1 sweep (`eachHostDown`, one solve per host) of the generated fleet through the real\n");
        b.append("`devplace whatif` in its own JVM. Target: the M fleet (500 hosts) within 5 minutes on 2 cores.\n");
        b.append("Wall time is the whole command (JVM start and reading the fleet included); analysis is the command's own run;\n");
        b.append("CPU is the process's CPU time, all threads. Load averages (1/5/15 min) before and after: the machine may be shared.\n\n");
        b.append("| date | build | fleet | hosts | VMs | limit/solve | threads | wall s | analysis s | CPU s | peak heap MiB | failures with unplaced | worst | load before | load after | target ≤ 5 min |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, String> r : rows)
            b.append(String.format(Locale.ROOT, "| %s | %s | %s seed %s | %s | %s | %s | %s | %s | %s | %s | %s | %s of %s | %s | %s | %s | %s |%n",
                    r.get("date"), r.get("label"), r.get("profile"), r.get("seed"), r.get("hosts"), r.get("vms"), r.get("timeLimit"), r.get("threads"),
                    seconds(r.get("wallMs")), seconds(r.get("analysisMs")), seconds(r.get("cpuMs")), r.get("peakHeapMiB"),
                    r.get("failuresWithUnplaced"), r.get("solves"),
                    "-".equals(r.get("worstHost")) || r.get("worstHost").isEmpty() ? "-" : r.get("worstHost") + " (" + r.get("worstUnplaced") + ")",
                    r.get("loadBefore"), r.get("loadAfter"), r.get("target")));
        if (!rows.isEmpty()) b.append("\nMachine of the last run: ").append(rows.get(rows.size() - 1).get("machine")).append('\n');
        return b.toString();
    }

    private static String seconds(String ms) {
        if (ms == null || ms.isEmpty() || ms.startsWith("-")) return "";
        return String.format(Locale.ROOT, "%.1f", Long.parseLong(ms) / 1000.0);
    }

}
