package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devplace.fuzz.Fuzz;
import io.devplace.fuzz.Hardening;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing of the service's request decoding (Json, PodAsk, DeviceSpecs, Extender, PlacementApi, PlanJobs, FleetApi,
 * Call's Content-Length, BearerAuth): valid bodies of every route changed byte by byte and node by node, arbitrary
 * bytes, and odd headers, driven through the real router in-process for volume and over real HTTP on loopback for a
 * sample. Whatever comes, the answer is a 4xx with a JSON message (or a 2xx), never a 5xx, a stack trace or no answer
 * at all; a failing input is saved under target/fuzz-failures/ for the corpus.
 */
class RequestFuzzProperties {
    static final String TOKEN = "fuzz-token";
    static final ObjectMapper JSON = new ObjectMapper();
    private static TestService svc;
    private static final Map<Integer, Long> STATUSES = new TreeMap<>();
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "request-fuzz");
        t.setDaemon(true);
        return t;
    });

    static synchronized TestService svc() {
        if (svc == null) svc = TestService.start(TestService.exampleFleet(), TestService.config(TestService.exampleConfig()), TOKEN);
        return svc;
    }

    @AfterContainer
    static void stop() {
        if (svc != null) {
            String metrics = svc.get("/metrics").body();
            svc.close();
            svc = null;
            assertThat(metrics).as("no request was answered 5xx").doesNotContain("code=\"5");
        }
        Fuzz.report(RequestFuzzProperties.class.getSimpleName() + ", answers by status " + STATUSES);
    }

    /** A route that reads a body, and a valid body for it. */
    record Target(String name, String method, String path, String contentType, byte[] seed) {
        @Override
        public String toString() { return name; }
    }

    static final List<String> NODES = List.of("gpu-a1", "gpu-a2", "gpu-a3", "gvt-1", "lab-1", "nope");

    static List<Target> targets() {
        String resources = KubePods.pod("p", null, "\"nvidia.com/NVIDIA_A16-4Q\":\"2\",\"intel.com/gvt-v5-8x2\":1");
        String annotated = KubePods.pod("q", KubePods.devicesAnnotation("[{\"type\":\"nvidia-713\",\"attrs\":[{\"a\":\"1\"}]},{\"type\":\"i915-GVTg_V5_8\"}]"), null);
        String migration = KubePods.pod("m", KubePods.migrateFrom("cad-1"), null);
        String newVm = "{\"name\":\"n1\",\"cpus\":4,\"memoryMiB\":8192,\"priority\":3,\"groups\":[\"g\"],"
                + "\"devices\":[{\"type\":\"nvidia-713\",\"attrs\":[{\"a\":\"1\"}]}],\"reserve\":false,\"hosts\":[\"gpu-a1\",\"gpu-a2\"]}";
        return List.of(
                new Target("filter-by-name", "POST", "/scheduler/filter", "application/json", utf8(KubePods.argsByName(resources, NODES))),
                new Target("filter-nodelist", "POST", "/scheduler/filter", "application/json", utf8(KubePods.argsWithNodes(annotated, NODES.subList(0, 3)))),
                new Target("prioritize", "POST", "/scheduler/prioritize", "application/json", utf8(KubePods.argsByName(migration, NODES))),
                new Target("prioritize-nodelist", "POST", "/scheduler/prioritize", "application/json", utf8(KubePods.argsWithNodes(resources, NODES.subList(2, 5)))),
                new Target("placement-vm", "POST", "/v1/placements", "application/json", utf8("{\"vm\":\"render-3\",\"reserve\":false}")),
                new Target("placement-new", "POST", "/v1/placements", "application/json", utf8(newVm)),
                new Target("plan", "POST", "/v1/plans", "application/json",
                        utf8("{\"evacuate\":[\"gpu-a3\"],\"seed\":1,\"timeLimit\":\"1s\",\"policy\":{\"maxParallel\":2,\"spread\":\"balanced\",\"allowCold\":true}}")),
                new Target("fleet-yaml", "PUT", "/v1/fleet", "application/yaml", Hardening.bytes(Hardening.SMALL_FLEET)),
                new Target("fleet-json", "PUT", "/v1/fleet", "application/json", fleetJson()));
    }

    static final List<Target> TARGETS = targets();

    static byte[] fleetJson() {
        try {
            return JSON.writeValueAsBytes(io.devplace.fuzz.Schemas.tree(Hardening.SMALL_FLEET, Hardening.bytes(Hardening.SMALL_FLEET)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Provide
    Arbitrary<Target> target() { return Arbitraries.of(TARGETS); }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> mutations() { return Fuzz.mutations(); }

    @Provide
    Arbitrary<byte[]> anyBytes() { return Fuzz.anyBytes(); }

    // ---------------------------------------------------------------- in-process, for volume

    @Property(tries = 400)
    void mutatedBodiesAreAnsweredWithAMessage(@ForAll("target") Target t, @ForAll("mutations") List<Fuzz.Mutation> ms) {
        byte[] body = Fuzz.mutate(t.seed(), ms);
        for (int i = 0; i < Fuzz.REPEAT; i++) {
            inProcess(t, body, headers(t, null));
            body = Fuzz.remutate(t.seed(), ms.hashCode() * 31L + i);
        }
    }

    @Property(tries = 600)
    void bodiesChangedNodeByNodeAreAnsweredWithAMessage(@ForAll("target") Target t, @ForAll long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < Fuzz.REPEAT; i++) inProcess(t, treeMutate(t.seed(), r), headers(t, null));
    }

    @Property(tries = 200)
    void arbitraryBytesAreAnsweredWithAMessage(@ForAll("target") Target t, @ForAll("anyBytes") byte[] body) {
        inProcess(t, body, headers(t, null));
    }

    /** Content-Type, Content-Length, If-Match and Authorization from a list of odd values; ids in paths too. */
    @Property(tries = 300)
    void oddHeadersAndPathsAreAnsweredWithAMessage(@ForAll("target") Target t, @ForAll long seed) {
        Random r = new Random(seed);
        Map<String, String> h = headers(t, null);
        if (r.nextBoolean()) h.put("Content-Type", pick(r, ODD_HEADER_VALUES));
        if (r.nextInt(3) == 0) h.put("Content-Length", pick(r, ODD_HEADER_VALUES));
        if (r.nextInt(3) == 0) h.put("If-Match", pick(r, ODD_HEADER_VALUES));
        String auth = null;
        if (r.nextInt(3) == 0) {
            auth = pick(r, ODD_AUTHORIZATIONS);
            if (auth == null) h.remove("Authorization");
            else h.put("Authorization", auth);
        }
        boolean idRoute = r.nextInt(4) == 0;
        boolean plans = r.nextBoolean(); // GET and DELETE /v1/plans/{id}, DELETE /v1/placements/{id}
        Target target = idRoute ? new Target("by-id", plans && r.nextBoolean() ? "GET" : "DELETE", (plans ? "/v1/plans/" : "/v1/placements/")
                + pick(r, ODD_IDS), null, new byte[0]) : t;
        FakeExchange ex = inProcess(target, target.seed(), h);
        // the scheme is case-insensitive and whitespace around the value is ignored; anything else is 401
        String a = h.get("Authorization") == null ? null : h.get("Authorization").trim();
        boolean authorized = a != null && a.regionMatches(true, 0, "Bearer ", 0, 7) && a.substring(7).trim().equals(TOKEN);
        if (!authorized) assertThat(ex.status()).as("without the exact token: %s", h.get("Authorization")).isEqualTo(401);
    }

    static final List<String> ODD_HEADER_VALUES = List.of("", " ", "-1", "0", "1", "abc", "9223372036854775807", "9223372036854775808",
            "99999999999999999999", "8388609", "1, 2", "application/json; charset=latin1", "application/yaml", "text/plain", "*/*", "\"1\"", "W/\"x\"",
            "*", "\u00e9\u00e9", "x".repeat(5000));
    static final List<String> ODD_AUTHORIZATIONS = java.util.Arrays.asList(null, "", "Bearer", "Bearer ", "Bearer  " + TOKEN + "  ", "bearer " + TOKEN,
            "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Bearer " + TOKEN.toUpperCase(), "Basic " + TOKEN, TOKEN, "Bearer\t" + TOKEN,
            "Bearer " + "x".repeat(10_000), "Bearer " + TOKEN + "\u0000", "Bearer f\u00fczz-token", "Bearer " + TOKEN + ",Bearer " + TOKEN);
    static final List<String> ODD_IDS = List.of("x", "%00", "..", "%2e%2e%2fetc", "a%20b", "\u00e9", "9".repeat(500), "-", "null");

    static String pick(Random r, List<String> from) { return from.get(r.nextInt(from.size())); }

    static Map<String, String> headers(Target t, String authorization) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", authorization != null ? authorization : "Bearer " + TOKEN);
        if (t.contentType() != null) h.put("Content-Type", t.contentType());
        return h;
    }

    /** Runs one request through the router; an answer must come within the fuzz timeout. */
    static FakeExchange inProcess(Target t, byte[] body, Map<String, String> headers) {
        Fuzz.count("http-" + t.name());
        FakeExchange ex = new FakeExchange(t.method(), t.path(), headers, body);
        Future<?> f = RUNNER.submit(() -> { svc().server.router().handle(ex); return null; });
        Throwable bad = null;
        try {
            f.get(Fuzz.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            bad = e.getCause();
        } catch (TimeoutException e) {
            f.cancel(true);
            bad = new AssertionError("no answer within " + Fuzz.TIMEOUT_SECONDS + " s (a hang?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (bad == null) {
            try {
                assertAnswered(t, ex.status(), ex.body(), ex.closed());
            } catch (AssertionError e) {
                bad = e;
            }
        }
        if (bad != null) {
            var saved = Fuzz.save("http-" + t.name(), t.contentType() != null && t.contentType().contains("yaml") ? "yaml" : "json", body);
            throw new AssertionError(t + " " + headers.keySet() + ": " + bad + " on the body saved as " + saved + "\n"
                    + new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8), bad);
        }
        cancelIfAccepted(t, ex.status(), ex.body());
        return ex;
    }

    static synchronized void count(int status) { STATUSES.merge(status, 1L, Long::sum); }

    static void assertAnswered(Target t, int status, String body, boolean closed) {
        count(status);
        assertThat(closed).as("the exchange was closed").isTrue();
        assertThat(status).as("%s answered %s", t, body).isBetween(200, 499);
        assertThat(body).doesNotContain("internal error").doesNotContain("\tat ").doesNotContain("Exception:");
        if (status >= 400) {
            JsonNode e = TestService.tree(body);
            assertThat(e.get("status").asInt()).isEqualTo(status);
            assertThat(e.get("error").asText()).as(body).isNotBlank();
        }
        if (status == 200 && t.path().equals("/scheduler/filter")) {
            JsonNode r = TestService.tree(body);
            assertThat(r.has("Error")).as(body).isTrue(); // kube-scheduler reads a bad pod from Error, with a message
        }
    }

    /** An accepted plan job is cancelled at once: the fuzzer must not fill the solver queue. */
    static void cancelIfAccepted(Target t, int status, String body) {
        if (status != 202 || !t.path().equals("/v1/plans")) return;
        String id = TestService.tree(body).get("id").asText();
        FakeExchange del = new FakeExchange("DELETE", "/v1/plans/" + id, Map.of("Authorization", "Bearer " + TOKEN), new byte[0]);
        try {
            svc().server.router().handle(del);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(del.status()).as(del.body()).isIn(200, 409);
    }

    // ---------------------------------------------------------------- over real HTTP, a sample

    @Property(tries = 120)
    void overRealHttpEveryRequestIsAnswered(@ForAll("target") Target t, @ForAll long seed, @ForAll("mutations") List<Fuzz.Mutation> ms) {
        Random r = new Random(seed);
        byte[] body = switch (r.nextInt(3)) {
            case 0 -> Fuzz.mutate(t.seed(), ms);
            case 1 -> treeMutate(t.seed(), r);
            default -> { byte[] b = new byte[r.nextInt(300)]; r.nextBytes(b); yield b; }
        };
        Fuzz.count("http-loopback");
        TestService s = svc();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base + t.path())).timeout(Duration.ofSeconds(Fuzz.TIMEOUT_SECONDS))
                .header("Authorization", "Bearer " + TOKEN).method(t.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        if (t.contentType() != null) b.header("Content-Type", t.contentType());
        HttpResponse<String> res;
        try {
            res = s.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(t + ": no answer over HTTP (" + e + ") to the body saved as " + Fuzz.save("http-loopback-" + t.name(), "json", body), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        try {
            assertAnswered(t, res.statusCode(), res.body(), true);
        } catch (AssertionError e) {
            throw new AssertionError(t + ": " + e.getMessage() + " on the body saved as " + Fuzz.save("http-loopback-" + t.name(), "json", body), e);
        }
        cancelIfAccepted(t, res.statusCode(), res.body());
    }

    // ---------------------------------------------------------------- node-by-node mutation of JSON bodies

    static final List<JsonNode> ODD_VALUES = oddValues();

    static List<JsonNode> oddValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> out = new ArrayList<>(List.of(f.nullNode(), f.booleanNode(true), f.numberNode(0), f.numberNode(-1), f.numberNode(1.5),
                f.numberNode(Long.MAX_VALUE), f.numberNode(Long.MIN_VALUE), f.numberNode(new java.math.BigInteger("9223372036854775808")),
                f.numberNode(new java.math.BigDecimal("1e400")), f.numberNode(17), f.textNode(""), f.textNode(" "), f.textNode("x"),
                f.textNode("17"), f.textNode("-3"), f.textNode("1e3"), f.textNode("0x10"), f.textNode("x".repeat(10_000)), f.textNode("\u0000\uFEFF\u2028"),
                f.textNode("nvidia-713"), f.textNode("gpu-a1"), f.textNode("render-3"), f.textNode("cad-1"), f.arrayNode(), f.objectNode(),
                f.arrayNode().addNull(), f.arrayNode().add("x").add(1), f.objectNode().putNull(""), f.objectNode().put("type", "nvidia-713"),
                f.arrayNode().add(f.objectNode().put("type", "nvidia-713")), f.arrayNode().add(f.objectNode().put("aggregator", "2"))));
        out.add(f.textNode(DEEP)); // replaced by 1,500 nested arrays once written: deeper than the parser's nesting limit
        ArrayNode many = f.arrayNode();
        for (int i = 0; i < 200; i++) many.add(f.objectNode().put("type", "nvidia-713"));
        out.add(many);
        return out;
    }

    static final String DEEP = "\u0001deep\u0001";

    /** One to four node changes: a value replaced by an odd one, a field or item removed, a field added. */
    static byte[] treeMutate(byte[] seed, Random r) {
        JsonNode root;
        try {
            root = JSON.readTree(seed);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isContainerNode()) return seed; // YAML fleets: bytes only
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode c = containers.get(r.nextInt(containers.size()));
            JsonNode odd = ODD_VALUES.get(r.nextInt(ODD_VALUES.size())).deepCopy();
            if (c instanceof ObjectNode o) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                int op = r.nextInt(4);
                if (names.isEmpty() || op == 0) o.set(pick(r, FIELD_NAMES), odd);
                else if (op == 1) o.remove(pick(r, names));
                else o.set(pick(r, names), odd);
            } else if (c instanceof ArrayNode a) {
                int op = r.nextInt(3);
                if (a.isEmpty() || op == 0) a.add(odd);
                else if (op == 1) a.remove(r.nextInt(a.size()));
                else a.set(r.nextInt(a.size()), odd);
            }
        }
        try {
            return JSON.writeValueAsString(root).replace("\"\\u0001deep\\u0001\"", "[".repeat(1500) + "]".repeat(1500)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Field names the decoders look for, so that added fields reach them. */
    static final List<String> FIELD_NAMES = List.of("Pod", "Nodes", "NodeNames", "metadata", "annotations", "name", "namespace", "spec", "containers",
            "initContainers", "resources", "limits", "requests", "items", "devplace.io/devices", "devplace.io/migrate-from", "nvidia.com/NVIDIA_A16-4Q",
            "vm", "cpus", "memoryMiB", "priority", "groups", "devices", "type", "attrs", "reserve", "hosts", "evacuate", "policy", "seed", "timeLimit",
            "weights", "maxParallel", "apiVersion", "kind", "state", "mdevs", "uuid", "placement", "vms", "host", "bogus");

    static void collect(JsonNode n, List<JsonNode> out) {
        if (!n.isContainerNode()) return;
        out.add(n);
        for (JsonNode c : n) collect(c, out);
    }
}
