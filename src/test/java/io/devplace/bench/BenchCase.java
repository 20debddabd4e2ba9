package io.devplace.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.devplace.cli.FleetInput;
import io.devplace.model.Plan;
import io.devplace.model.Policy;
import io.devplace.planning.EvacuationPlanner;
import io.devplace.problem.PlanRequest;
import io.devplace.problem.PlanningProblem;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.VmRequest;
import io.devplace.rules.RuleBook;
import io.devplace.solver.Planner;
import io.devplace.verify.PlanVerifier;
import io.devplace.verify.Violations;
import org.slf4j.LoggerFactory;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark case, run in a fresh JVM (so JIT warm-up and heap are those of a CLI run): generate a fleet, then do
 * what {@code devplace plan evacuate} does — read and check the fleet document, plan, verify — timing each step, then run
 * the baselines on the same fleet, and print one {@code RESULT {json}} line on stdout.
 *
 * <p>Usage: {@code BenchCase SUITE PROFILE SEED EVACUATE_HOSTS TIME_LIMIT [--cli] [--quality]}. With {@code --cli} the
 * real executable ({@code io.devplace.cli.Main plan evacuate}) is also run on the same fleet file in a child process and
 * its wall time recorded. With {@code --quality} the planner also runs in its seeded mode (stops on unimproved steps, not
 * on the clock), which gives a placed count that does not depend on the machine's load.
 */
public final class BenchCase {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern PHASE = Pattern.compile("^(Construction Heuristic|Local Search) phase \\((\\d+)\\) ended: time spent \\((\\d+)\\), best score \\(([^)]*)\\).*?(?:move evaluation|score calculation) speed \\((\\d+)/sec\\), step total \\((\\d+)\\)");
    private static final Pattern SCALE = Pattern.compile("^Problem scale: entity count \\((\\d+)\\)");
    private static final Pattern ENDED = Pattern.compile("^Solving ended: time spent \\((\\d+)\\), best score \\(([^)]*)\\).*?(?:move evaluation|score calculation) speed \\((\\d+)/sec\\)");

    public static void main(String[] args) throws Exception {
        String suite = args[0], profile = args[1];
        long seed = Long.parseLong(args[2]);
        int evacuateHosts = Integer.parseInt(args[3]);
        String timeLimit = args[4];
        boolean cli = List.of(args).contains("--cli");
        boolean quality = List.of(args).contains("--quality");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("suite", suite);
        r.put("profile", profile);
        r.put("seed", seed);
        r.put("timeLimit", timeLimit);
        r.put("xmx", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024));
        r.put("loadavg", Machine.loadAverage());

        RuleBook rules = io.devplace.rules.TestPacks.withAggregatingGvtg();
        long g0 = System.nanoTime();
        FleetGenerator.Generated g = FleetGenerator.generate(FleetGenerator.profile(profile), seed, evacuateHosts, rules);
        byte[] bytes = g.json();
        r.put("genMs", ms(g0));
        r.put("hosts", g.stats().hosts());
        r.put("gpus", g.stats().gpus());
        r.put("vms", g.stats().vms());
        r.put("mdevs", g.stats().mdevs());
        r.put("deviceUse", Math.round(g.stats().deviceUse() * 1000) / 10.0);
        r.put("cpuUse", Math.round(g.stats().cpuUse() * 1000) / 10.0);
        r.put("evacHosts", g.evacuate().size());
        r.put("fleetBytes", bytes.length);
        Integer optimum = g.plantedOptimum();
        List<String> evacuate = g.evacuate();
        int hostIndex = hostIndex(args);
        if (hostIndex >= 0) { // one host of the fleet, by its position in name order
            List<String> names = new ArrayList<>();
            for (Object h : (List<?>) g.document().get("hosts")) names.add((String) ((Map<?, ?>) h).get("name"));
            names.sort(null);
            evacuate = List.of(names.get(hostIndex));
            r.put("evacHosts", 1);
            r.put("hostIndex", hostIndex);
        }
        Path fleetFile = null;
        if (cli) {
            fleetFile = Files.createTempFile("devplace-bench-" + profile + "-" + seed + "-", ".json");
            Files.write(fleetFile, bytes);
        }
        g = null;

        // ---- measured: what the CLI does, in this fresh JVM
        List<String> log = captureSolverLog();
        Heap heap = new Heap();
        Policy policy = Policy.defaults().withTimeLimit(timeLimit);
        long c0 = cpu();
        long t0 = System.nanoTime();
        FleetInput.Loaded loaded = FleetInput.load(profile + ".json", bytes, rules, false);
        long tLoad = ms(t0);
        long cLoad = cpu() - c0;
        List<long[]> events = new CopyOnWriteArrayList<>(); // {wall ms since t1, solve-relative ms, hard, medium}
        AtomicLong t1 = new AtomicLong(System.nanoTime());
        PlanRequest req = new PlanRequest(evacuate, policy);
        Plan plan = EvacuationPlanner.plan(loaded.view(), req, null, p -> events.add(event(p, t1.get())), loaded.digest());
        long tPlan = ms(t1.get());
        long cPlan = cpu() - c0 - cLoad;
        long t2 = System.nanoTime();
        Violations v = PlanVerifier.verify(loaded.view().fleet(), loaded.view().rules(), plan);
        long tVerify = ms(t2);
        long cTotal = cpu() - c0;
        heap.stop();

        long solve = plan.summary().solveMillis() == null ? 0 : plan.summary().solveMillis();
        // the solver's clock starts right after the problem is built: first event wall time - its solve-relative time
        long build = events.isEmpty() ? -1 : events.get(0)[0] - events.get(0)[1];
        r.put("loadMs", tLoad);
        r.put("buildMs", build);
        r.put("solveMs", solve);
        r.put("postMs", build < 0 ? -1 : tPlan - build - solve);
        r.put("planMs", tPlan);
        r.put("verifyMs", tVerify);
        r.put("totalMs", tLoad + tPlan + tVerify);
        r.put("loadCpuMs", cLoad);
        r.put("planCpuMs", cPlan);
        r.put("totalCpuMs", cTotal);
        solverFigures(log, events, build, r);
        r.put("peakHeapMiB", heap.peakUsedMiB());
        r.put("maxAfterGcMiB", heap.maxAfterGcMiB());
        r.put("gcCount", heap.gcCount());

        var s = plan.summary();
        int movable = 0;
        Set<String> emptied = new HashSet<>(evacuate);
        for (var vm : loaded.view().fleet().vms()) if (emptied.contains(vm.host()) && vm.isLiveMigratable()) movable++;
        long newMdevs = plan.actions().stream().filter(a -> "create-mdev".equals(a.op())).count();
        long reuses = plan.moves().stream().flatMap(m -> m.devices().stream()).filter(d -> "reuse".equals(d.target().action())).count();
        r.put("evacuees", s.vms());
        r.put("movable", movable);
        r.put("placed", s.placed());
        r.put("unplacedMovable", movable - s.placed());
        r.put("migrations", s.migrations());
        r.put("newMdevs", newMdevs);
        r.put("reuses", reuses);
        r.put("waves", s.waves());
        r.put("score", s.score());
        r.put("violations", v.list().size());
        if (!v.isEmpty()) System.err.println("VERIFY FAILED: " + v.list().subList(0, Math.min(5, v.list().size())));

        // ---- not measured: bounds and baselines on the same fleet
        if (optimum != null) {
            r.put("bound", optimum);
            r.put("boundKind", "optimum");
        } else {
            PlanningProblem pp = ProblemBuilder.build(loaded.view(), req);
            int withOptions = 0;
            for (VmRequest q : pp.evacuees()) if (!q.options().isEmpty()) withOptions++;
            r.put("bound", withOptions);
            r.put("boundKind", "options");
        }
        long b0 = System.nanoTime();
        Baselines.RuleTargets ruleTargets = new Baselines.RuleTargets(loaded.view());
        Baselines.Result ffr = Baselines.firstFitRules(loaded.view(), emptied, ruleTargets);
        Baselines.Result ffdr = Baselines.ffdRules(loaded.view(), emptied, ruleTargets);
        Baselines.Result bfr = Baselines.bestFitRules(loaded.view(), emptied, ruleTargets);
        r.put("ffRules", ffr.placed());
        r.put("ffdRules", ffdr.placed());
        r.put("bfRules", bfr.placed());
        r.put("rulesBaselinesMs", ms(b0));
        // the plan's own proof of quality, when the planner gives one
        JsonNode summary = JSON.valueToTree(plan.summary());
        if (summary.hasNonNull("placedBound")) r.put("placedBound", summary.get("placedBound").asLong());
        if (summary.hasNonNull("optimal")) r.put("optimal", summary.get("optimal").asBoolean());
        if (optimum == null && movable <= 30) {
            // small enough to search exhaustively (bounded: beyond the node limit it is the best found, a lower bound)
            long e0 = System.nanoTime();
            var best = io.devplace.optimal.ExhaustiveSearch.solve(loaded.view(), evacuate, false, 3_000_000);
            r.put("exactPlaced", best.placed());
            r.put("exactComplete", best.complete());
            r.put("exactMs", ms(e0));
        }
        Baselines.Result ff = Baselines.firstFit(loaded.view(), emptied);
        Baselines.Result ffd = Baselines.ffd(loaded.view(), emptied);
        r.put("ffPlaced", ff.placed());
        r.put("ffValid", ff.valid());
        r.put("ffMs", ff.millis());
        r.put("ffdPlaced", ffd.placed());
        r.put("ffdValid", ffd.valid());
        r.put("ffdMs", ffd.millis());

        if (quality) {
            // the same planner in its deterministic mode (--seed): it stops after 500 unimproved steps, not on the clock
            // (600 s is only a safety cap), so this figure does not depend on how busy the machine is
            long q0 = System.nanoTime();
            Plan seeded = EvacuationPlanner.plan(loaded.view(), new PlanRequest(evacuate, Policy.defaults().withTimeLimit("600s")), seed,
                    null, loaded.digest());
            r.put("seededPlaced", seeded.summary().placed());
            r.put("seededMs", ms(q0));
            r.put("seededViolations", PlanVerifier.verify(loaded.view().fleet(), loaded.view().rules(), seeded).list().size());
        }
        if (cli) cliRun(fleetFile, evacuate, timeLimit, r);
        System.out.println("RESULT " + JSON.writeValueAsString(r));
        System.out.flush();
        System.exit(0);
    }

    private static int hostIndex(String[] args) {
        for (String a : args) if (a.startsWith("--host-index=")) return Integer.parseInt(a.substring("--host-index=".length()));
        return -1;
    }

    private static long[] event(Planner.Progress p, long t1) {
        long[] hm = hardMedium(p.bestScore());
        return new long[]{ms(t1), p.elapsedMillis(), hm[0], hm[1], hm[2]};
    }

    /** {hard, medium, initialized 1/0} from a score string such as "-2init/0hard/-5medium/-7soft". */
    static long[] hardMedium(String score) {
        long hard = 0, medium = 0, init = 1;
        for (String part : score.split("/")) {
            if (part.endsWith("init")) init = Long.parseLong(part.substring(0, part.length() - 4)) == 0 ? 1 : 0;
            else if (part.endsWith("hard")) hard = Long.parseLong(part.substring(0, part.length() - 4));
            else if (part.endsWith("medium")) medium = Long.parseLong(part.substring(0, part.length() - 6));
        }
        return new long[]{hard, medium, init};
    }

    /**
     * Time to the first feasible complete plan: the end of the VM construction phase when its best score is feasible
     * (hard 0), else the first later best-solution event with hard 0. Also the solver's own move-evaluation speed.
     */
    private static void solverFigures(List<String> log, List<long[]> events, long build, Map<String, Object> r) {
        long chEnd = -1, lsSpeed = -1, chSpeed = -1, endSpeed = -1, spent = -1, cpuStart = -1, cpuEnd = -1, chSteps = -1, entities = -1;
        String chScore = null;
        for (String line : log) {
            Matcher m = PHASE.matcher(line);
            if (m.find()) {
                if (m.group(1).startsWith("Construction")) {
                    chEnd = Long.parseLong(m.group(3)); // the last construction phase is the VM placer
                    chScore = m.group(4);
                    chSpeed = Long.parseLong(m.group(5));
                    chSteps = Long.parseLong(m.group(6));
                } else lsSpeed = Long.parseLong(m.group(5));
            }
            Matcher sc = SCALE.matcher(line);
            if (sc.find()) entities = Long.parseLong(sc.group(1));
            Matcher e = ENDED.matcher(line);
            if (e.find()) {
                endSpeed = Long.parseLong(e.group(3));
                spent = Long.parseLong(e.group(1));
            }
            if (line.startsWith("CPU ")) {
                long c = Long.parseLong(line.split(" ")[1]);
                if (line.endsWith("Solving starte")) cpuStart = c;
                else cpuEnd = c;
            }
        }
        long firstFeasible = -1;
        if (chScore != null && hardMedium(chScore)[0] == 0 && hardMedium(chScore)[2] == 1) firstFeasible = chEnd;
        else for (long[] ev : events) if (ev[1] >= chEnd && ev[2] == 0 && ev[4] == 1) { firstFeasible = ev[1]; break; }
        r.put("chEndMs", chEnd);
        r.put("chSteps", chSteps);
        r.put("entities", entities);
        r.put("firstFeasibleMs", firstFeasible < 0 || build < 0 ? -1 : build + firstFeasible);
        r.put("chSpeed", chSpeed);
        r.put("lsSpeed", lsSpeed);
        r.put("evalSpeed", endSpeed);
        long evals = endSpeed < 0 || spent < 0 ? -1 : endSpeed * spent / 1000;
        long solverCpu = cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart;
        r.put("evalCount", evals);
        r.put("timefoldMs", spent);
        r.put("solverCpuMs", solverCpu);
        r.put("evalPerCpuSec", evals < 0 || solverCpu <= 0 ? -1 : evals * 1000 / solverCpu);
        r.put("bestEvents", events.size());
    }

    /** Timefold logs phase and solving summaries (with move evaluation speed) at INFO; keep them, print nothing. */
    private static List<String> captureSolverLog() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger tf = (Logger) LoggerFactory.getLogger("ai.timefold.solver");
        AppenderBase<ILoggingEvent> app = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (!e.getLevel().isGreaterOrEqual(Level.INFO)) return;
                String m = e.getFormattedMessage();
                // logged on the solving thread: its CPU time there brackets the solver's own work
                if (m.startsWith("Solving started") || m.startsWith("Solving ended")) lines.add("CPU " + cpu() + " " + m.substring(0, 14));
                lines.add(m);
            }
        };
        app.setContext(tf.getLoggerContext());
        app.start();
        tf.setLevel(Level.INFO);
        tf.setAdditive(false);
        tf.addAppender(app);
        return lines;
    }

    /** Heap figures for the measured part: the sum of the heap pools' peaks, and the largest heap left after a GC. */
    static final class Heap {
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong gcs = new AtomicLong();
        private volatile boolean on = true;
        private long peak;

        Heap() {
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (!on || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long after = 0;
                    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) after += u.getUsed();
                    maxAfterGc.accumulateAndGet(after, Math::max);
                    gcs.incrementAndGet();
                }, null, null);
            }
        }

        void stop() {
            on = false;
            long sum = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
            peak = sum;
        }

        long peakUsedMiB() { return peak / (1024 * 1024); }

        long maxAfterGcMiB() { return maxAfterGc.get() / (1024 * 1024); }

        long gcCount() { return gcs.get(); }
    }

    /** Runs the devplace launcher on the same fleet file and records its wall time, exit code and summary. */
    private static void cliRun(Path fleet, List<String> evacuate, String timeLimit, Map<String, Object> r) throws IOException, InterruptedException {
        Path out = Files.createTempFile("devplace-bench-plan-", ".json");
        // the launcher a user runs (its jar, JVM options and class-data archive); benchmarks/run brings the jar up to
        // date first, so no build is timed here
        Path launcher = Path.of(System.getProperty("user.dir"), "devplace");
        List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "plan", "evacuate"));
        cmd.addAll(evacuate);
        cmd.addAll(List.of("-f", fleet.toString(), "--time-limit", timeLimit, "-o", "json", "--out", out.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int rc = p.waitFor();
        r.put("cliMs", ms(t0));
        r.put("cliExit", rc);
        if (rc == 0 || rc == 3) {
            JsonNode plan = JSON.readTree(out.toFile());
            r.put("cliPlaced", plan.path("summary").path("placed").asLong());
            r.put("cliSolveMs", plan.path("summary").path("solveMillis").asLong());
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(fleet);
    }

    /** CPU time of this thread (the CLI path, solver included, runs on it), in ms: less sensitive to a busy machine than wall time. */
    private static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000; }

    private static long ms(long t0) { return (System.nanoTime() - t0) / 1_000_000; }
}
