package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.devplace.cli.ServeCommand;
import io.devplace.model.Policy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small load generator for the scheduler extender, on loopback only: each iteration is what kube-scheduler does for
 * one pod — {@code POST /scheduler/filter} over every node, then {@code POST /scheduler/prioritize} — and its latency is
 * that pair's. Bounded by a count and a time; prints p50/p90/p99/max and requests per second.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.devplace.server.LoadGenerator \
 *      [--scale 50] [--fleet FILE] [--concurrency 8] [--pairs 20000] [--duration 30s] [--warmup 5s] [--mode new|migrate|mixed] \
 *      [--url http://127.0.0.1:8080 --token T] [--write-fleet FILE]
 * </pre>
 * Without {@code --url} it starts the service in this JVM on the example fleet, copied {@code --scale} times (the
 * example has 10 hosts: 50 gives 500, 200 gives 2,000), or on {@code --fleet}. {@code --write-fleet FILE} only writes
 * that fleet (JSON), to start {@code devplace serve -f FILE} in its own process and aim {@code --url} at it.
 */
public final class LoadGenerator {
    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int scale = Integer.parseInt(o.getOrDefault("scale", "1"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "8"));
        long maxPairs = Long.parseLong(o.getOrDefault("pairs", "20000"));
        Duration duration = io.devplace.model.Durations.parse(o.getOrDefault("duration", "30s"));
        Duration warmup = io.devplace.model.Durations.parse(o.getOrDefault("warmup", "5s"));
        String mode = o.getOrDefault("mode", "mixed");
        if (maxPairs > 1_000_000 || duration.toMinutes() > 10) throw new IllegalArgumentException("keep it bounded: at most 1,000,000 pairs and 10 minutes");

        byte[] fleet = o.containsKey("fleet") ? Files.readAllBytes(Path.of(o.get("fleet"))) : scaled(TestService.exampleFleet(), scale);
        if (o.containsKey("write-fleet")) { // for a service in its own process: devplace serve -f FILE
            Files.write(Path.of(o.get("write-fleet")), fleet);
            return;
        }
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(fleet);
        List<String> nodes = new ArrayList<>();
        doc.get("hosts").forEach(h -> nodes.add(h.get("name").asText()));
        List<String> vms = new ArrayList<>();
        if (doc.has("vms")) doc.get("vms").forEach(v -> vms.add(v.get("name").asText()));

        DevplaceServer server = null;
        String base = o.get("url");
        String token = o.get("token");
        if (base == null) {
            server = DevplaceServer.start(new DevplaceServer.Settings(new InetSocketAddress("127.0.0.1", 0), null, Policy.defaults(),
                    TestService.config(TestService.exampleConfig()), 1000), ServeCommand.checks(TestService.rules(), false), "load-fleet", fleet);
            base = "http://127.0.0.1:" + server.address().getPort();
        }
        URI u = URI.create(base);
        if (!InetAddress.getByName(u.getHost()).isLoopbackAddress()) throw new IllegalArgumentException("loopback only: " + base);

        System.out.printf("fleet: %d hosts, %d VMs; %d client threads; mode %s; %s; cores %d%n", nodes.size(), vms.size(), concurrency, mode,
                server == null ? "service at " + base : "service in this JVM", Runtime.getRuntime().availableProcessors());
        List<String[]> pods = pods(mode, vms);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        run(client, base, token, nodes, vms, pods, concurrency, Long.MAX_VALUE, warmup, null);
        Stats s = new Stats();
        long t0 = System.nanoTime();
        run(client, base, token, nodes, vms, pods, concurrency, maxPairs, duration, s);
        double secs = (System.nanoTime() - t0) / 1e9;
        long[] pair = s.pairs();
        System.out.printf("pairs: %d in %.1f s, %d errors%n", pair.length, secs, s.errors.get());
        System.out.printf("filter+prioritize latency (ms): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                pct(pair, 50), pct(pair, 90), pct(pair, 99), pct(pair, 100));
        System.out.printf("throughput: %.0f requests/s (%.0f pods/s)%n", 2 * pair.length / secs, pair.length / secs);
        if (server != null) server.close();
        System.exit(s.errors.get() == 0 ? 0 : 1);
    }

    /**
     * Per pod: the annotation to send. New pods ask for an A16-4Q or an L40S-8Q (a few profiles, as in a real cluster:
     * pods asking for the same devices share verdicts while the fleet and the reservations stay the same); migration
     * target pods name a VM of the fleet, a different one each time ({@code @VM@}), so nothing is cached for them.
     */
    private static List<String[]> pods(String mode, List<String> vms) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            boolean migrate = mode.equals("migrate") || (mode.equals("mixed") && i % 4 == 3);
            if (migrate && !vms.isEmpty()) out.add(new String[]{"devplace.io/migrate-from", "@VM@"});
            else out.add(new String[]{"devplace.io/devices", i % 2 == 0 ? "[{\"type\":\"nvidia-713\"}]" : "[{\"type\":\"nvidia-1152\"}]"});
        }
        return out;
    }

    private static void run(HttpClient client, String base, String token, List<String> nodes, List<String> vms, List<String[]> pods, int threads,
                            long maxPairs, Duration time, Stats stats) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<String> bodies = new ArrayList<>();
        for (String[] p : pods) {
            ObjectNode args = m.createObjectNode();
            ObjectNode pod = args.putObject("Pod");
            ObjectNode meta = pod.putObject("metadata");
            meta.put("name", "virt-launcher-load-@N@"); // every pod its own name: only its prioritize reuses its filter's work
            meta.put("namespace", "load");
            meta.putObject("annotations").put(p[0], p[1]);
            pod.putObject("spec").putArray("containers").addObject().put("name", "compute");
            args.putNull("Nodes");
            ArrayNode names = args.putArray("NodeNames");
            nodes.forEach(names::add);
            bodies.add(m.writeValueAsString(args));
        }
        long deadline = System.nanoTime() + time.toNanos();
        AtomicLong issued = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long n = issued.getAndIncrement();
                    if (n >= maxPairs) return null;
                    String body = bodies.get((int) (n % bodies.size())).replace("@N@", Long.toString(n))
                            .replace("@VM@", vms.isEmpty() ? "" : vms.get((int) ((n * 7919) % vms.size())));
                    long s = System.nanoTime();
                    boolean ok = post(client, base + "/scheduler/filter", token, body) && post(client, base + "/scheduler/prioritize", token, body);
                    if (stats != null) stats.add(System.nanoTime() - s, ok);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
    }

    private static boolean post(HttpClient c, String url, String token, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) b.header("Authorization", "Bearer " + token);
            HttpResponse<String> r = c.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !r.body().contains("\"Error\":\"devplace");
        } catch (Exception e) {
            return false;
        }
    }

    /** The example fleet copied {@code n} times: hosts and VMs renamed {@code name-k}, every mdev given a new UUID. */
    static byte[] scaled(byte[] yaml, int n) throws Exception {
        ObjectMapper y = new ObjectMapper(new YAMLFactory());
        JsonNode src = y.readTree(yaml);
        if (n <= 1) return new ObjectMapper().writeValueAsBytes(src);
        ObjectNode out = (ObjectNode) src.deepCopy();
        ArrayNode hosts = out.putArray("hosts");
        ArrayNode vms = out.putArray("vms");
        for (int k = 0; k < n; k++) {
            Map<String, String> uuids = new HashMap<>();
            int[] i = {0};
            for (JsonNode h : src.get("hosts")) {
                ObjectNode c = h.deepCopy();
                c.put("name", h.get("name").asText() + "-" + k);
                if (c.has("devices"))
                    for (JsonNode d : c.get("devices"))
                        if (d.has("mdevs"))
                            for (JsonNode md : d.get("mdevs")) {
                                String fresh = String.format("%08x-0000-4000-8000-%012x", k, i[0]++);
                                uuids.put(md.get("uuid").asText(), fresh);
                                ((ObjectNode) md).put("uuid", fresh);
                            }
                hosts.add(c);
            }
            for (JsonNode v : src.get("vms")) {
                ObjectNode c = v.deepCopy();
                c.put("name", v.get("name").asText() + "-" + k);
                c.put("host", v.get("host").asText() + "-" + k);
                for (JsonNode d : c.get("devices")) ((ObjectNode) d).put("mdev", uuids.get(d.get("mdev").asText()));
                vms.add(c);
            }
        }
        return new ObjectMapper().writeValueAsBytes(out);
    }

    private static final class Stats {
        private final List<long[]> chunks = new ArrayList<>();
        private long[] cur = new long[4096];
        private int n;
        final AtomicLong errors = new AtomicLong();

        synchronized void add(long nanos, boolean ok) {
            if (!ok) errors.incrementAndGet();
            if (n == cur.length) { chunks.add(cur); cur = new long[4096]; n = 0; }
            cur[n++] = nanos;
        }

        synchronized long[] pairs() {
            int total = chunks.size() * 4096 + n;
            long[] all = new long[total];
            int at = 0;
            for (long[] c : chunks) { System.arraycopy(c, 0, all, at, c.length); at += c.length; }
            System.arraycopy(cur, 0, all, at, n);
            Arrays.sort(all);
            return all;
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
