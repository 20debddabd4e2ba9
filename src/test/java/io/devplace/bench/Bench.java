package io.devplace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Benchmark driver (see docs/benchmarks.md): runs the cases of the named suites, each in a fresh JVM
 * ({@link BenchCase}), merges their results into {@code benchmarks/results/results.csv} (rows of other suites are kept)
 * and rewrites {@code benchmarks/results/RESULTS.md} from it, with the machine, the date and the targets.
 *
 * <p>Usage: {@code Bench [SUITE...]} (default: all). Environment: {@code SEEDS="1 2 3"} overrides the seeds of every
 * suite; {@code RESULTS_DIR} the output folder.
 */
public final class Bench {
    /** One case: a profile, a seed, how many hosts to evacuate, the policy time limit, JVM heap cap, real CLI run too. */
    record Spec(String suite, String profile, long seed, int evacuate, String timeLimit, String xmx, boolean cli, boolean quality, int hostIndex) {}

    /** {@code hostStep > 0}: one case per host at positions 0, step, 2 step, ... of the fleet's hosts in name order, evacuating that host alone. */
    record Suite(String name, String what, String profile, int evacuate, String timeLimit, String xmx, boolean cli, boolean quality,
                 int hostStep, long[] seeds) {
        Suite(String name, String what, String profile, int evacuate, String timeLimit, String xmx, boolean cli, boolean quality, long... seeds) {
            this(name, what, profile, evacuate, timeLimit, xmx, cli, quality, 0, seeds);
        }
    }

    /** The suites of the optimality table (QUALITY.md): known optima, rule-valid baselines, the plan's own bound. */
    static final List<String> QUALITY = List.of("p50", "p500", "p2000", "fc500", "one500");

    static final List<Suite> SUITES = List.of(
            new Suite("smoke", "profile s (50 hosts), evacuate 5 hosts; a quick check that everything runs", "s", 5, "5s", null, false, false, 1),
            new Suite("m1", "profile m (500 hosts), evacuate 1 host, time limit 1s; also the real CLI in its own JVM", "m", 1, "1s", null, true,
                    false, 1, 2, 3),
            new Suite("m10", "profile m, evacuate 50 hosts (10 %), time limit 10s", "m", 50, "10s", null, false, true, 1, 2, 3),
            new Suite("planted", "profile m-tight (500 hosts, planted), evacuate its 50 planted hosts, time limit 10s", "m-tight", 0, "10s",
                    null, false, true, 1, 2, 3),
            new Suite("frag", "profile frag (200 hosts, A16 + L40S only, ~80 % used), evacuate 40 hosts (20 %), time limit 10s", "frag", 40,
                    "10s", null, false, true, 1, 2, 3),
            new Suite("l5", "profile l (2,000 hosts), evacuate 100 hosts (5 %), time limit 45s, heap capped at 2 GiB", "l", 100, "45s", "2g",
                    false, false, 1),
            new Suite("p50", "profile s-exact (50 hosts, planted exactly), evacuate its 5 planted hosts, time limit 12s", "s-exact", 0, "12s", null,
                    false, true, 1, 2, 3),
            new Suite("p500", "profile m-exact (500 hosts, planted exactly), evacuate its 50 planted hosts, time limit 12s", "m-exact", 0, "12s",
                    null, false, true, 1, 2),
            new Suite("p2000", "profile l-exact (2,000 hosts, planted exactly), evacuate its 100 planted hosts (5 %), time limit 50s, heap capped "
                    + "at 2 GiB", "l-exact", 0, "50s", "2g", false, false, 1),
            new Suite("fc500", "profile m-fragcal (500 hosts, fragmented, calibrated), evacuate 50 hosts, time limit 12s", "m-fragcal", 50, "12s",
                    null, false, false, 1, 2),
            new Suite("one500", "profile m (500 hosts), evacuate one host: every tenth host in name order, one case each, time limit 1s; the real "
                    + "CLI too on every hundredth", "m", 0, "1s", null, true, false, 10, new long[]{1}));

    static final List<String> COLUMNS = List.of("suite", "profile", "seed", "date", "loadavg", "hosts", "gpus", "vms", "mdevs", "deviceUse",
            "cpuUse", "evacHosts", "evacuees", "movable", "bound", "boundKind", "placed", "ffPlaced", "ffValid", "ffdPlaced", "ffdValid",
            "unplacedMovable", "migrations", "newMdevs", "reuses", "waves", "violations", "score", "timeLimit", "xmx", "loadMs", "buildMs",
            "solveMs", "timefoldMs", "chEndMs", "chSteps", "entities", "firstFeasibleMs", "postMs", "planMs", "verifyMs", "totalMs", "loadCpuMs", "planCpuMs", "totalCpuMs",
            "cliMs", "cliExit", "cliPlaced", "cliSolveMs", "seededPlaced", "seededMs", "seededViolations", "peakHeapMiB", "maxAfterGcMiB", "gcCount", "chSpeed", "lsSpeed", "evalSpeed", "evalCount", "solverCpuMs", "evalPerCpuSec",
            "ffMs", "ffdMs", "genMs", "fleetBytes", "hostIndex", "ffRules", "ffdRules", "bfRules", "rulesBaselinesMs", "placedBound", "optimal",
            "exactPlaced", "exactComplete", "exactMs", "machine");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("list")) {
            for (Suite s : SUITES) System.out.printf("%-8s %s; seeds %s%n", s.name(), s.what(), Arrays.toString(s.seeds()));
            return;
        }
        if (args.length > 0 && args[0].equals("generate")) {
            generate(args);
            return;
        }
        if (args.length > 0 && args[0].equals("report")) { // rewrite RESULTS.md from results.csv, running nothing
            Path dir = Path.of(System.getenv().getOrDefault("RESULTS_DIR", "benchmarks/results"));
            List<Map<String, String>> rows = ResultsCsv.read(dir.resolve("results.csv"));
            Files.writeString(dir.resolve("RESULTS.md"), Report.markdown(rows, Machine.probe()), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("QUALITY.md"), Report.quality(rows, Machine.probe()), StandardCharsets.UTF_8);
            return;
        }
        List<String> names = args.length == 0 || List.of(args).contains("all") ? SUITES.stream().map(Suite::name).filter(n -> !n.equals("smoke")).toList()
                : List.of(args).contains("quality") ? QUALITY : List.of(args);
        Path dir = Path.of(System.getenv().getOrDefault("RESULTS_DIR", "benchmarks/results"));
        Files.createDirectories(dir);
        String seedsEnv = System.getenv("SEEDS");
        List<Spec> specs = new ArrayList<>();
        for (String n : names) {
            Suite s = SUITES.stream().filter(x -> x.name().equals(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown suite '" + n + "'; known: "
                            + SUITES.stream().map(Suite::name).toList() + " or all"));
            long[] seeds = seedsEnv == null || seedsEnv.isBlank() ? s.seeds()
                    : Arrays.stream(seedsEnv.trim().split("[ ,]+")).mapToLong(Long::parseLong).toArray();
            for (long seed : seeds) {
                if (s.hostStep() <= 0) {
                    specs.add(new Spec(s.name(), s.profile(), seed, s.evacuate(), s.timeLimit(), s.xmx(), s.cli(), s.quality(), -1));
                    continue;
                }
                for (int i = 0; i < FleetGenerator.profile(s.profile()).hosts(); i += s.hostStep())
                    specs.add(new Spec(s.name(), s.profile(), seed, 0, s.timeLimit(), s.xmx(), s.cli() && i % (10 * s.hostStep()) == 0, s.quality(), i));
            }
        }
        Machine machine = Machine.probe();
        System.err.println("bench: " + specs.size() + " case(s) on " + machine.oneLine());
        List<Map<String, String>> fresh = new ArrayList<>();
        for (Spec sp : specs) {
            System.err.printf("bench: %s %s seed %d (evacuate %s, time limit %s)...%n", sp.suite(), sp.profile(), sp.seed(),
                    sp.hostIndex() >= 0 ? "host #" + sp.hostIndex() : Integer.toString(sp.evacuate()), sp.timeLimit());
            Map<String, String> row = runCase(sp);
            if (row == null) continue;
            row.put("date", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).withNano(0)) + "Z");
            row.put("machine", machine.oneLine());
            fresh.add(row);
            save(dir, fresh, machine); // after every case: a long run cut short keeps what it measured
            System.err.printf("bench:   placed %s of %s movable (bound %s %s; first-fit %s, FFD %s), total %s ms (load %s, build %s, solve %s), peak heap %s MiB%n",
                    row.get("placed"), row.get("movable"), row.get("bound"), row.get("boundKind"), row.get("ffPlaced"), row.get("ffdPlaced"),
                    row.get("totalMs"), row.get("loadMs"), row.get("buildMs"), row.get("solveMs"), row.get("peakHeapMiB"));
        }
        save(dir, fresh, machine);
        System.err.println("bench: wrote " + dir.resolve("results.csv") + ", " + dir.resolve("RESULTS.md") + " and " + dir.resolve("QUALITY.md"));
    }

    /** Merges {@code fresh} into results.csv (replacing rows of the same case) and rewrites RESULTS.md and QUALITY.md. */
    private static void save(Path dir, List<Map<String, String>> fresh, Machine machine) throws IOException {
        Path csv = dir.resolve("results.csv");
        List<Map<String, String>> rows = merge(ResultsCsv.read(csv), fresh);
        ResultsCsv.write(csv, COLUMNS, rows);
        Files.writeString(dir.resolve("RESULTS.md"), Report.markdown(rows, machine), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("QUALITY.md"), Report.quality(rows, machine), StandardCharsets.UTF_8);
    }

    /** {@code generate PROFILE SEED [EVACUATE_HOSTS] [json|yaml]}: the fleet on stdout, the hosts to evacuate on stderr. */
    private static void generate(String[] args) throws IOException {
        if (args.length < 3) throw new IllegalArgumentException("usage: generate PROFILE SEED [EVACUATE_HOSTS] [json|yaml]; profiles: "
                + FleetGenerator.PROFILES.keySet());
        FleetGenerator.Generated g = FleetGenerator.generate(args[1], Long.parseLong(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
        boolean json = args.length > 4 && args[4].equals("json");
        System.out.write(json ? g.json() : g.yaml());
        System.out.flush();
        System.err.println("# " + g.profile().description() + "; seed " + g.seed() + "; " + g.stats());
        System.err.println("# evacuate: " + String.join(" ", g.evacuate())
                + (g.plantedOptimum() == null ? "" : "  (planted: all " + g.plantedOptimum() + " VMs on them can be placed)"));
    }

    private static Map<String, String> runCase(Spec sp) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC"));
        if (sp.xmx() != null) cmd.add("-Xmx" + sp.xmx());
        String extra = System.getenv("BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchCase.class.getName(), sp.suite(), sp.profile(),
                Long.toString(sp.seed()), Integer.toString(sp.evacuate()), sp.timeLimit()));
        if (sp.cli()) cmd.add("--cli");
        if (sp.quality() && !"0".equals(System.getenv("QUALITY"))) cmd.add("--quality");
        if (sp.hostIndex() >= 0) cmd.add("--host-index=" + sp.hostIndex());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) if (line.startsWith("RESULT ")) result = line.substring(7);
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) p.destroyForcibly();
        if (result == null) {
            System.err.println("bench:   case failed (exit " + p.exitValue() + "); no result recorded");
            return null;
        }
        JsonNode n = JSON.readTree(result);
        Map<String, String> row = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().asText()));
        return row;
    }

    static List<Map<String, String>> merge(List<Map<String, String>> old, List<Map<String, String>> fresh) {
        List<Map<String, String>> out = new ArrayList<>();
        Predicate<Map<String, String>> replaced = o -> fresh.stream().anyMatch(f -> key(f).equals(key(o)));
        for (Map<String, String> o : old) if (!replaced.test(o)) out.add(o);
        out.addAll(fresh);
        List<String> order = SUITES.stream().map(Suite::name).toList();
        out.sort((a, b) -> {
            int c = Integer.compare(order.indexOf(a.get("suite")), order.indexOf(b.get("suite")));
            if (c != 0) return c;
            c = a.getOrDefault("profile", "").compareTo(b.getOrDefault("profile", ""));
            if (c != 0) return c;
            c = Long.compare(Long.parseLong(a.get("seed")), Long.parseLong(b.get("seed")));
            return c != 0 ? c : Integer.compare(hostIndex(a), hostIndex(b));
        });
        return out;
    }

    private static int hostIndex(Map<String, String> r) {
        String v = r.getOrDefault("hostIndex", "");
        return v.isEmpty() ? -1 : Integer.parseInt(v);
    }

    private static String key(Map<String, String> r) {
        return r.get("suite") + "|" + r.get("profile") + "|" + r.get("seed") + "|" + r.getOrDefault("hostIndex", "");
    }

}
