package io.devplace.server;

import com.sun.net.httpserver.HttpServer;
import io.devplace.model.BuildInfo;
import io.devplace.model.Policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code devplace serve} (docs/service.md): the JDK's HTTP server with the Kubernetes extender, the native API and the
 * operations endpoints. Starts with the fleet loaded (or not at all); stops gracefully: readiness goes false, new
 * requests get 503, solver jobs are cancelled, requests in flight finish (up to the grace period), then it closes.
 */
public final class DevplaceServer implements AutoCloseable {
    /** Everything {@code serve} is told on its command line and in its config file. */
    public record Settings(InetSocketAddress listen, String token, Policy policy, ServiceConfig config, long graceMillis) {}

    public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    static {
        // The JDK server reads these once, when its first instance is made; an operator's -D setting wins.
        // Without TCP_NODELAY every reply waits ~40 ms on Nagle + delayed ACK (96 ms per filter+prioritize pair
        // measured on loopback, 1.3 ms with it).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        // A client that never finishes sending its request headers must not hold a connection forever (seconds).
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) System.setProperty("sun.net.httpserver.maxReqTime", "30");
    }

    private final Settings settings;
    private final FleetStore fleets;
    private final AssumeCache assumed;
    private final CacheWarmer warmer;
    private final PlanJobs plans;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Router router;
    private final AdmissionExecutor admission;
    private final HttpServer http;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final byte[] openapi;

    private DevplaceServer(Settings s, InputChecks checks, String fleetName, byte[] fleetBytes) throws IOException {
        this.settings = s;
        Clock clock = Clock.systemUTC();
        ServiceConfig cfg = s.config();
        Policy pol = s.policy().withDefaults();
        assumed = new AssumeCache(clock, cfg.reservationTtlOrDefault());
        warmer = new CacheWarmer(assumed, pol, cfg.resourceTypes().values());
        fleets = new FleetStore(checks, clock, next -> {
            assumed.rebase(next);
            warmer.warm(next);
        });
        fleets.replace(fleetName, fleetBytes, null); // invalid input ends here, before any port is bound
        plans = new PlanJobs(fleets, checks, pol, cfg.planWorkersOrDefault(), cfg.planQueueOrDefault(), cfg.keepPlansOrDefault(), clock, metrics);
        admission = new AdmissionExecutor(cfg.workersOrDefault(), cfg.queueOrDefault());
        metrics.gauges(() -> fleets.current().generation(), warmer::warmGeneration, assumed::active, plans::counts, admission::queued);
        openapi = resource("openapi.yaml");

        Extender extender = new Extender(fleets, assumed, pol, cfg.resourceTypes());
        PlacementApi placements = new PlacementApi(fleets, assumed, pol);
        FleetApi fleetApi = new FleetApi(fleets);
        router = new Router(new BearerAuth(s.token()), metrics, MAX_BODY_BYTES, stopping::get, cfg.computeOrDefault())
                .add("GET", "/livez", true, c -> Reply.text(200, "text/plain; charset=utf-8", "ok\n"))
                .add("GET", "/readyz", true, c -> ready())
                .add("GET", "/healthz", true, c -> ready())
                .add("GET", "/version", true, c -> Reply.json(200, version()))
                .add("GET", "/openapi.yaml", true, c -> new Reply(200, "application/yaml", openapi, Map.of()))
                .add("GET", "/metrics", false, c -> new Reply(200, metrics.contentType(), metrics.scrape(), Map.of()))
                .add("GET", "/v1/fleet", false, fleetApi::get)
                .add("PUT", "/v1/fleet", false, fleetApi::put)
                .add("POST", "/scheduler/filter", false, extender::filter)
                .add("POST", "/scheduler/prioritize", false, extender::prioritize)
                .add("POST", "/v1/placements", false, placements::place)
                .add("DELETE", "/v1/placements/{id}", false, placements::release)
                .add("POST", "/v1/plans", false, plans::submit)
                .add("GET", "/v1/plans/{id}", false, plans::get)
                .add("DELETE", "/v1/plans/{id}", false, plans::cancel);

        http = HttpServer.create(s.listen(), 256);
        http.createContext("/", router);
        http.setExecutor(admission);
    }

    /** Loads the fleet (exactly as the CLI validates it), binds the address and starts serving. */
    public static DevplaceServer start(Settings s, InputChecks checks, String fleetName, byte[] fleetBytes) throws IOException {
        DevplaceServer server = new DevplaceServer(s, checks, fleetName, fleetBytes);
        server.http.start();
        return server;
    }

    /** The bound address (the real port when asked for port 0). */
    public InetSocketAddress address() { return http.getAddress(); }

    public long generation() { return fleets.current().generation(); }

    /** The HTTP executor (tests watch its queue). */
    AdmissionExecutor admission() { return admission; }

    /** The one handler (request fuzzing drives it in-process, without sockets, for volume). */
    Router router() { return router; }

    /** Every registered route as "METHOD /template" (the OpenAPI document must list exactly these). */
    public List<String> routes() { return router.routes().stream().map(r -> r.method() + " " + r.template()).toList(); }

    private Reply ready() {
        if (stopping.get()) return Reply.text(503, "text/plain; charset=utf-8", "shutting down\n");
        if (!fleets.loaded()) return Reply.text(503, "text/plain; charset=utf-8", "no fleet loaded\n");
        return Reply.text(200, "text/plain; charset=utf-8", "ok: fleet generation " + fleets.current().generation() + "\n");
    }

    private static Map<String, Object> version() {
        Map<String, Object> v = new LinkedHashMap<>();
        BuildInfo build = BuildInfo.current();
        v.put("version", build.version());
        v.put("apiVersion", "devplace/v1");
        v.put("timefold", build.timefold());
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private static byte[] resource(String name) {
        try (InputStream in = DevplaceServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the build");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Graceful stop; safe to call more than once and from a shutdown hook. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            plans.shutdown(Math.min(settings.graceMillis(), 5000));
            router.awaitIdle(settings.graceMillis());
            http.stop(0);
            admission.shutdown(1000);
            warmer.close();
        } finally {
            stopped.countDown();
        }
    }

    /** Blocks until {@link #close()} has finished (serve's main thread waits here). */
    public void awaitTermination() throws InterruptedException { stopped.await(); }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
