package io.devplace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code service} benchmark suite ({@code benchmarks/run service}; docs/benchmarks.md): the scheduler extender's
 * speed targets (docs/benchmarks.md) measured the way a cluster would see them.
 *
 * <p>Per fleet profile (M: 500 hosts, L: 2,000; seed 1, from {@link FleetGenerator}) it writes the fleet, starts the
 * real service in its own JVM with the CLI's own entry point ({@code io.devplace.cli.Main serve -f FLEET --config
 * examples/service.yaml}, what the jar's {@code devplace serve} runs), and drives it over loopback as kube-scheduler
 * does for each pod: {@code POST /scheduler/filter} with every node name ({@code nodeCacheCapable: true}), then
 * {@code POST /scheduler/prioritize} with the same pod. Pods are a fixed, seeded mix: new pods asking by extended
 * resource, new pods asking by the {@code devplace.io/devices} annotation (some with attrs, some for two devices), and
 * migration target pods ({@code devplace.io/migrate-from}) each naming a VM of the fleet drawn at random. Every pod has
 * its own name and uid, as in a cluster.
 *
 * <p>Cases per profile, after a warm-up: {@code latency} (one client: a pod at a time, as kube-scheduler's single
 * scheduling loop calls an extender) and {@code load} (several concurrent clients: throughput). Each records
 * p50/p90/p99/max per endpoint and per filter+prioritize pair (all pods, new pods, migration pods), requests/s, errors
 * (anything but a 200 with no {@code Error}), and the server JVM's CPU time per request (from /proc, less disturbed by
 * other load on the machine than wall time), with the machine and its load average before and after.
 *
 * <p>Environment: {@code SERVICE_PROFILES} (default "m l"), {@code SERVICE_SECONDS} per case (20),
 * {@code SERVICE_WARMUP} seconds (10), {@code SERVICE_CLIENTS} for the load case (8), {@code SERVICE_JFR=DIR} to record
 * a JFR profile of each server JVM, {@code BENCH_JAVA_OPTS} for the server JVM, {@code SERVICE_SERVER_CLASSPATH} to run
 * another build of the service (its classes first on the class path; to compare before and after in one run),
 * {@code SERVICE_WAIT_WARM=0} not to wait for the service's "caches warm" line (a build without the cache warmer).
 * Clients are {@link LoopbackClient}s ({@code SERVICE_CLIENT=jdk}: the JDK's HTTP client instead).
 */
public final class ServiceBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's targets: p99 of filter+prioritize for one pod, per profile; and sustained throughput. */
    static final Map<String, Double> P99_TARGET_MS = Map.of("m", 10.0, "l", 25.0);
    static final double RPS_TARGET = 500;

    static final List<String> COLUMNS = List.of("suite", "profile", "hosts", "vms", "case", "clients", "endpoint", "requests", "errors",
            "seconds", "req_per_s", "p50_ms", "p90_ms", "p99_ms", "max_ms", "server_cpu_ms_per_req", "load_before", "load_after",
            "cpus", "cpu_model", "java", "commit", "date");

    private ServiceBench() {}

    /** Keep in step with the devplace launcher's choice for `serve`. */
    static final String SERVE_GC = "-XX:+UseParallelGC";

    public static void main(String[] args) throws Exception {
        List<String> profiles = List.of(env("SERVICE_PROFILES", "m l").trim().split("\\s+"));
        int seconds = Integer.parseInt(env("SERVICE_SECONDS", "20"));
        int warmup = Integer.parseInt(env("SERVICE_WARMUP", "10"));
        int clients = Integer.parseInt(env("SERVICE_CLIENTS", "8"));
        Path dir = Path.of("benchmarks", "results");
        Path work = Path.of("target", "service-bench");
        Files.createDirectories(dir);
        Files.createDirectories(work);
        String date = Instant.now().toString().substring(0, 16) + "Z";
        String commit = commit();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String profile : profiles) {
            FleetGenerator.Generated g = FleetGenerator.generate(profile, 1, 0);
            Path fleet = work.resolve(profile + "-1.json");
            Files.write(fleet, g.json());
            JsonNode doc = JSON.readTree(g.json());
            List<String> hosts = new ArrayList<>();
            doc.get("hosts").forEach(h -> hosts.add(h.get("name").asText()));
            List<String> vms = new ArrayList<>();
            doc.get("vms").forEach(v -> vms.add(v.get("name").asText()));
            System.err.printf("service: %s: %d hosts, %d VMs; starting the service%n", profile, hosts.size(), vms.size());
            try (Server server = Server.start(fleet, work, profile)) {
                Driver d = new Driver(server.base, hosts, vms);
                d.run(4, warmup, null);
                for (String kase : List.of("latency", "load")) {
                    int n = kase.equals("latency") ? 1 : clients;
                    String loadBefore = Machine.loadAverages();
                    long cpu0 = server.cpuNanos();
                    Stats s = new Stats();
                    long t0 = System.nanoTime();
                    d.run(n, seconds, s);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    long cpu = server.cpuNanos() - cpu0;
                    String loadAfter = Machine.loadAverages();
                    for (Map.Entry<String, long[]> e : s.sorted().entrySet()) {
                        long[] v = e.getValue();
                        boolean pair = e.getKey().startsWith("pair");
                        long reqs = pair ? 2L * v.length : v.length;
                        Map<String, String> r = new LinkedHashMap<>();
                        r.put("suite", "service");
                        r.put("profile", profile);
                        r.put("hosts", Integer.toString(hosts.size()));
                        r.put("vms", Integer.toString(vms.size()));
                        r.put("case", kase);
                        r.put("clients", Integer.toString(n));
                        r.put("endpoint", e.getKey());
                        r.put("requests", Long.toString(reqs));
                        r.put("errors", Long.toString(s.errors(e.getKey())));
                        r.put("seconds", fmt(secs));
                        r.put("req_per_s", fmt(reqs / secs));
                        r.put("p50_ms", fmt(pct(v, 50)));
                        r.put("p90_ms", fmt(pct(v, 90)));
                        r.put("p99_ms", fmt(pct(v, 99)));
                        r.put("max_ms", fmt(pct(v, 100)));
                        // the server's CPU over the whole case, divided over every request of the case
                        r.put("server_cpu_ms_per_req", e.getKey().equals("pair") ? fmt(cpu / 1e6 / Math.max(1, reqs)) : "");
                        r.put("load_before", loadBefore);
                        r.put("load_after", loadAfter);
                        r.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
                        r.put("cpu_model", Machine.probe().cpu());
                        r.put("java", System.getProperty("java.version"));
                        r.put("commit", commit);
                        r.put("date", date);
                        rows.add(r);
                        System.err.printf("service: %s %-7s %2d clients %-12s %6d req %3d err %7.0f req/s  p50 %6.2f p90 %6.2f p99 %6.2f max %7.2f ms%s  (load %s -> %s)%n",
                                profile, kase, n, e.getKey(), reqs, s.errors(e.getKey()), reqs / secs, pct(v, 50), pct(v, 90), pct(v, 99), pct(v, 100),
                                e.getKey().equals("pair") ? String.format("  server CPU %.2f ms/req", cpu / 1e6 / Math.max(1, reqs)) : "", loadBefore, loadAfter);
                    }
                }
            }
            // after each profile, so that what was measured survives a later profile's failure
            ResultsCsv.write(dir.resolve("service.csv"), COLUMNS, rows);
            Files.writeString(dir.resolve("SERVICE.md"), markdown(rows), StandardCharsets.UTF_8);
            System.err.println("service: wrote " + dir.resolve("service.csv") + " and " + dir.resolve("SERVICE.md"));
        }
    }

    /** The service in its own JVM, started as {@code devplace serve} is; its port read from its first line. */
    static final class Server implements AutoCloseable {
        final Process process;
        final String base;

        private Server(Process process, String base) {
            this.process = process;
            this.base = base;
        }

        static Server start(Path fleet, Path work, String profile) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // the collector the launcher gives `devplace serve`, unless BENCH_JAVA_OPTS names another
            if (System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").contains("GC")) { /* the options choose */ }
            else cmd.add(SERVE_GC);
            String extra = System.getenv("BENCH_JAVA_OPTS");
            if (extra != null && !extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
            String jfr = System.getenv("SERVICE_JFR");
            if (jfr != null && !jfr.isBlank()) {
                Files.createDirectories(Path.of(jfr));
                cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr, "service-" + profile + ".jfr").toAbsolutePath());
            }
            String cp = System.getenv("SERVICE_SERVER_CLASSPATH"); // another build of the service, for before/after
            if (cp == null || cp.isBlank()) cp = System.getProperty("java.class.path");
            else cp = cp + java.io.File.pathSeparator + System.getProperty("java.class.path");
            cmd.addAll(List.of("-cp", cp, "io.devplace.cli.Main", "serve", "-f", fleet.toString(),
                    "--config", "examples/service.yaml", "--listen", "127.0.0.1:0"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            AtomicReference<String> url = new AtomicReference<>();
            java.util.concurrent.CountDownLatch warm = new java.util.concurrent.CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        int at = line.indexOf("serving on ");
                        if (at >= 0 && url.get() == null) {
                            String rest = line.substring(at + "serving on ".length());
                            synchronized (url) {
                                url.set(rest.split("\\s")[0]);
                                url.notifyAll();
                            }
                        } else if (!line.isBlank()) {
                            if (line.contains("caches warm for fleet generation")) warm.countDown();
                            System.err.println("service: server: " + line);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "service-output");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600); // a 2,000-host fleet loads slowly on a busy machine
            synchronized (url) {
                while (url.get() == null && p.isAlive() && System.nanoTime() < deadline) url.wait(500);
            }
            if (url.get() == null) {
                p.destroyForcibly();
                throw new IllegalStateException("the service did not start (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
            }
            // measured as a running service is: after it has judged every kind of VM once (CacheWarmer), as it does after each load
            // SERVICE_WAIT_WARM=0: a build without the warmer (SERVICE_SERVER_CLASSPATH) never says so
            if (!"0".equals(System.getenv("SERVICE_WAIT_WARM")) && !warm.await(600, TimeUnit.SECONDS))
                System.err.println("service: the service did not report warm caches; measuring anyway");
            return new Server(p, url.get());
        }

        /** User + system CPU time of the server process so far (Linux /proc; -1 elsewhere). */
        long cpuNanos() {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
                return ticks * 1_000_000_000L / 100; // USER_HZ is 100 on Linux
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM: graceful shutdown, and the JFR recording is written
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    /** Drives filter+prioritize pairs with a fixed, seeded mix of pods. */
    static final class Driver {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        /** The end of every ExtenderArgs: all node names, the same for every pod (the bulk of each body). */
        private final byte[] nodeNamesTail;
        private final List<String> vms;
        /** SERVICE_CLIENT=jdk drives the service with java.net.http instead (the client of the first measurements). */
        private final boolean jdkClient = "jdk".equals(System.getenv("SERVICE_CLIENT"));
        private final AtomicLong issued = new AtomicLong();

        Driver(String base, List<String> hosts, List<String> vms) {
            this.base = base;
            StringBuilder b = new StringBuilder();
            for (String h : hosts) b.append(b.length() == 0 ? "" : ",").append('"').append(h).append('"');
            this.nodeNamesTail = (b + "]}\n").getBytes(StandardCharsets.UTF_8);
            this.vms = vms;
        }

        /** Extended resources as examples/service.yaml maps them. */
        private static final String[] RESOURCES = {"nvidia.com/NVIDIA_A16-4Q", "nvidia.com/NVIDIA_A16-8Q", "nvidia.com/NVIDIA_L40S-8Q", "intel.com/gvt-quarter"};
        /** devplace.io/devices annotations: one device, with attrs, two devices. */
        private static final String[] DEVICES = {"[{\"type\":\"nvidia-713\"}]", "[{\"type\":\"nvidia-1152\"}]", "[{\"type\":\"nvidia-1148\"}]",
                "[{\"type\":\"i915-GVTg_V5_8\",\"attrs\":[{\"aggregator\":\"2\"}]}]", "[{\"type\":\"i915-GVTg_V5_4\"}]",
                "[{\"type\":\"nvidia-1152\"},{\"type\":\"nvidia-1152\"}]", "[{\"type\":\"nvidia-711\"}]"};

        /** Pod {@code n}: kind and body. 40 % by extended resource, 30 % by annotation, 30 % migration targets. */
        String[] pod(long n) {
            Random r = new Random(n * 0x9E3779B97F4A7C15L + 1);
            int k = (int) (n % 10);
            String name = "virt-launcher-bench-" + n;
            if (k < 4)
                return new String[]{"new", args(name, null, "\"" + RESOURCES[r.nextInt(RESOURCES.length)] + "\":\"1\"")};
            if (k < 7)
                return new String[]{"new", args(name, "\"devplace.io/devices\":" + JSON.valueToTree(DEVICES[r.nextInt(DEVICES.length)]), null)};
            return new String[]{"migrate", args(name, "\"devplace.io/migrate-from\":\"" + vms.get(r.nextInt(vms.size())) + "\"", null)};
        }

        /** ExtenderArgs as kube-scheduler sends them with nodeCacheCapable: true (a Go-encoded Pod, NodeNames). */
        private String args(String name, String annotations, String limits) {
            String anns = "\"kubevirt.io/domain\":\"" + name + "\",\"post.hook.backup.velero.io/command\":\"[\\\"/usr/bin/virt-freezer\\\",\\\"--unfreeze\\\"]\""
                    + (annotations == null ? "" : "," + annotations);
            String lim = "\"cpu\":\"4\",\"memory\":\"8Gi\",\"devices.kubevirt.io/kvm\":\"1\",\"devices.kubevirt.io/vhost-net\":\"1\"" + (limits == null ? "" : "," + limits);
            return """
                    {"Pod":{"metadata":{"name":"%s","generateName":"virt-launcher-vm-","namespace":"vms","uid":"%s",
                      "resourceVersion":"81234","creationTimestamp":"2026-11-25T10:00:00Z","deletionTimestamp":null,
                      "labels":{"kubevirt.io":"virt-launcher","kubevirt.io/created-by":"u-vmi","vm.kubevirt.io/name":"%s"},
                      "annotations":{%s},
                      "ownerReferences":[{"apiVersion":"kubevirt.io/v1","kind":"VirtualMachineInstance","name":"%s","uid":"u-vmi","controller":true,"blockOwnerDeletion":true}]},
                     "spec":{"volumes":[{"name":"private","emptyDir":{}},{"name":"public","emptyDir":{}},{"name":"container-disks","emptyDir":{}}],
                      "initContainers":null,
                      "containers":[{"name":"compute","image":"quay.io/kubevirt/virt-launcher:v1.4.0","command":["/usr/bin/virt-launcher-monitor","--qemu-timeout","321s"],
                         "resources":{"limits":{%s},"requests":{"cpu":"400m","memory":"8Gi","ephemeral-storage":"50M"}},
                         "volumeMounts":[{"name":"private","mountPath":"/var/run/kubevirt-private"},{"name":"public","mountPath":"/var/run/kubevirt"}],
                         "terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent","securityContext":{"privileged":false,"runAsUser":107}}],
                      "restartPolicy":"Never","terminationGracePeriodSeconds":30,"nodeSelector":{"kubevirt.io/schedulable":"true"},
                      "serviceAccountName":"default","automountServiceAccountToken":false,"schedulerName":"default-scheduler",
                      "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
                      "affinity":{"podAntiAffinity":null,"nodeAffinity":null},"priority":0,"enableServiceLinks":false,"preemptionPolicy":"PreemptLowerPriority"},
                     "status":{"phase":"Pending","qosClass":"Burstable","conditions":null}},
                     "Nodes":null,"NodeNames":[""".formatted(name, java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), name, anns, name, lim);
        }

        /** {@code threads} clients, each sending one pair after the other, for {@code seconds}; stats null: warm-up. */
        void run(int threads, int seconds, Stats stats) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++)
                    fs.add(pool.submit(() -> {
                        try (LoopbackClient c = new LoopbackClient(base)) {
                            while (System.nanoTime() < deadline) {
                                String[] pod = pod(issued.getAndIncrement());
                                byte[] head = pod[1].getBytes(StandardCharsets.UTF_8);
                                long s = System.nanoTime();
                                boolean f = post(c, "/scheduler/filter", head);
                                long m = System.nanoTime();
                                boolean p = post(c, "/scheduler/prioritize", head);
                                long e = System.nanoTime();
                                if (stats != null) stats.add(pod[0], m - s, e - m, f, p);
                            }
                        }
                        return null;
                    }));
                for (Future<?> f : fs) f.get();
            } finally {
                pool.shutdownNow();
            }
        }

        private static final byte[] DEVPLACE_ERROR = "\"Error\":\"devplace".getBytes(StandardCharsets.UTF_8);

        /** One request; true for a 200 that carries no extender Error. */
        private boolean post(LoopbackClient c, String path, byte[] head) {
            if (jdkClient) return post(path, new String(head, StandardCharsets.UTF_8) + new String(nodeNamesTail, StandardCharsets.UTF_8));
            try {
                LoopbackClient.Answer a = c.post(path, head, nodeNamesTail);
                return a.status() == 200 && !a.contains(DEVPLACE_ERROR);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        private boolean post(String path, String body) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && !r.body().contains("\"Error\":\"devplace");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Latencies per endpoint ({@code filter}, {@code prioritize}) and per pair ({@code pair}, {@code pair-new}, {@code pair-migrate}). */
    static final class Stats {
        private final Map<String, long[]> values = new LinkedHashMap<>();
        private final Map<String, Integer> sizes = new LinkedHashMap<>();
        private final Map<String, Long> errors = new LinkedHashMap<>();

        synchronized void add(String kind, long filter, long prioritize, boolean filterOk, boolean prioritizeOk) {
            put("filter", filter, filterOk);
            put("prioritize", prioritize, prioritizeOk);
            put("pair", filter + prioritize, filterOk && prioritizeOk);
            put("pair-" + kind, filter + prioritize, filterOk && prioritizeOk);
        }

        private void put(String key, long nanos, boolean ok) {
            long[] a = values.computeIfAbsent(key, k -> new long[1024]);
            int n = sizes.getOrDefault(key, 0);
            if (n == a.length) values.put(key, a = Arrays.copyOf(a, n * 2));
            a[n] = nanos;
            sizes.put(key, n + 1);
            if (!ok) errors.merge(key, 1L, Long::sum);
        }

        synchronized long errors(String key) { return errors.getOrDefault(key, 0L); }

        synchronized Map<String, long[]> sorted() {
            Map<String, long[]> out = new LinkedHashMap<>();
            for (String k : List.of("filter", "prioritize", "pair", "pair-new", "pair-migrate")) {
                if (!values.containsKey(k)) continue;
                long[] a = Arrays.copyOf(values.get(k), sizes.get(k));
                Arrays.sort(a);
                out.put(k, a);
            }
            return out;
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** SERVICE.md: the machine, the targets met or not, then every row. */
    static String markdown(List<Map<String, String>> rows) {
        StringBuilder b = new StringBuilder("# Scheduler service benchmark (`benchmarks/run service`)\n\n");
        b.append("Written by `benchmarks/run service` (docs/benchmarks.md, \"The service suite\"); do not edit by hand.\n\n");
        if (!rows.isEmpty()) {
            Map<String, String> r0 = rows.get(0);
            b.append("Machine: ").append(r0.get("cpus")).append(" CPUs, ").append(r0.get("cpu_model")).append("; Java ").append(r0.get("java"))
                    .append("; commit ").append(r0.get("commit")).append("; ").append(r0.get("date")).append(".\n");
            b.append("Load average (1, 5, 15 min) is shown per case, before → after: figures taken under load are pessimistic.\n\n");
        }
        b.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        for (Map<String, String> r : rows) {
            if (!r.get("endpoint").equals("pair")) continue;
            if (r.get("case").equals("latency") && P99_TARGET_MS.containsKey(r.get("profile"))) {
                double t = P99_TARGET_MS.get(r.get("profile"));
                double v = Double.parseDouble(r.get("p99_ms"));
                b.append("| filter + prioritize p99 over ").append(r.get("hosts")).append(" hosts (").append(r.get("profile").toUpperCase(Locale.ROOT))
                        .append(", one client) ≤ ").append(fmt(t)).append(" ms | ").append(r.get("p99_ms")).append(" ms | ")
                        .append(v <= t ? "yes" : "**no**").append(" |\n");
            }
            if (r.get("case").equals("load")) {
                double v = Double.parseDouble(r.get("req_per_s"));
                long err = Long.parseLong(r.get("errors"));
                b.append("| ≥ ").append((int) RPS_TARGET).append(" requests/s, zero errors, ").append(r.get("hosts")).append(" hosts (")
                        .append(r.get("profile").toUpperCase(Locale.ROOT)).append(", ").append(r.get("clients")).append(" clients) | ")
                        .append(r.get("req_per_s")).append(" req/s, ").append(err).append(" errors").append(ceiling(r)).append(" | ")
                        .append(v >= RPS_TARGET && err == 0 ? "yes" : "**no**").append(" |\n");
            }
        }
        b.append("\n## All figures\n\nLatencies in ms; a pair is filter then prioritize for one pod (pair-new: new pods, pair-migrate: migration target pods). ")
                .append("Server CPU is the service JVM's user+system time over the case divided by the case's requests.\n\n");
        b.append("| fleet | hosts | VMs | case | clients | endpoint | requests | errors | req/s | p50 | p90 | p99 | max | server CPU ms/req | load before → after |\n");
        b.append("|---|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Map<String, String> r : rows)
            b.append("| ").append(r.get("profile").toUpperCase(Locale.ROOT)).append(" | ").append(r.get("hosts")).append(" | ").append(r.get("vms"))
                    .append(" | ").append(r.get("case")).append(" | ").append(r.get("clients")).append(" | ").append(r.get("endpoint"))
                    .append(" | ").append(r.get("requests")).append(" | ").append(r.get("errors")).append(" | ").append(r.get("req_per_s"))
                    .append(" | ").append(r.get("p50_ms")).append(" | ").append(r.get("p90_ms")).append(" | ").append(r.get("p99_ms"))
                    .append(" | ").append(r.get("max_ms")).append(" | ").append(r.get("server_cpu_ms_per_req")).append(" | ")
                    .append(r.get("load_before")).append(" → ").append(r.get("load_after")).append(" |\n");
        return b.toString();
    }

    /**
     * What the service's own CPU time allows on this machine's cores (cores ÷ CPU per request): the throughput it would
     * reach with the cores to itself, a figure that other load on the machine disturbs far less than requests/s.
     */
    private static String ceiling(Map<String, String> r) {
        String cpu = r.get("server_cpu_ms_per_req");
        if (cpu == null || cpu.isEmpty() || Double.parseDouble(cpu) <= 0) return "";
        return String.format(Locale.ROOT, " (CPU-bound ceiling on %s cores: %.0f req/s)", r.get("cpus"),
                Integer.parseInt(r.get("cpus")) * 1000 / Double.parseDouble(cpu));
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.2f", v); }
}
