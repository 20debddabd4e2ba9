package io.devplace.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.devplace.model.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The one HTTP handler. Every request but those to the open paths (the probes, the version and the API description,
 * whatever their method) is first answered overload (429), shutdown (503) or a missing or wrong token (401) when that
 * applies, before routing: without the token a client learns nothing about which paths and methods exist. Then it
 * finds the route (404, 405), reads the whole body, waits for a compute slot, runs the handler, maps failures to
 * status codes, sends the reply and records metrics. Every request gets an answer; none is dropped.
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes = new ArrayList<>();
    private final BearerAuth auth;
    private final ServerMetrics metrics;
    private final long maxBody;
    private final BooleanSupplier stopping;
    private final AtomicInteger inFlight = new AtomicInteger();
    /**
     * Requests being judged at once. An HTTP worker holds its exchange from the first header byte to the last reply
     * byte, so a client that trickles its request holds a worker all that time; workers are therefore many, and the
     * CPU-bound part is admitted here only once the whole body has arrived. A slow client costs a waiting thread, not
     * a share of the cores.
     */
    private final Semaphore compute;

    Router(BearerAuth auth, ServerMetrics metrics, long maxBody, BooleanSupplier stopping, int compute) {
        this.auth = auth;
        this.metrics = metrics;
        this.maxBody = maxBody;
        this.stopping = stopping;
        this.compute = new Semaphore(compute, true);
    }

    Router add(String method, String template, boolean open, Route.Handler h) {
        routes.add(new Route(method, template, open, h));
        return this;
    }

    List<Route> routes() { return List.copyOf(routes); }

    /** Waits until no request is being handled (or {@code millis} pass): graceful shutdown lets them finish. */
    void awaitIdle(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try {
            route(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void route(HttpExchange ex) {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        Route route = null;
        Map<String, String> params = null;
        Set<String> allowed = new LinkedHashSet<>();
        boolean open = false;
        for (Route r : routes) {
            Map<String, String> p = r.match(path);
            if (p == null) continue;
            allowed.add(r.method());
            open |= r.open();
            if (route == null && r.method().equals(method)) { route = r; params = p; }
        }
        Reply reply = open ? null : guard(ex);
        if (reply == null) {
            if (route == null) {
                reply = allowed.isEmpty() ? error(new HttpError(404, "no route " + path))
                        : error(new HttpError(405, method + " is not allowed on " + path + " (allowed: " + String.join(", ", allowed) + ")",
                                List.of(), Map.of("Allow", String.join(", ", allowed))));
            } else {
                reply = dispatch(ex, route, params);
            }
        }
        // Counted before the reply goes out: a client that reads /metrics right after its answer must see that answer
        // counted (the latency then leaves out writing the reply to the socket, which the kernel mostly buffers).
        metrics.request(route == null ? "unmatched" : route.template(), method, reply.status(), System.nanoTime() - start);
        send(ex, reply);
    }

    /** Overload, shutdown and authentication, in that order, for every request outside the open paths; null: go on. */
    private Reply guard(HttpExchange ex) {
        if (AdmissionExecutor.overloaded())
            return error(new HttpError(429, "overloaded: the request queue is full, retry shortly", List.of(),
                    Map.of("Retry-After", "1", "Connection", "close")));
        if (stopping.getAsBoolean())
            return error(new HttpError(503, "shutting down", List.of(), Map.of("Retry-After", "5", "Connection", "close")));
        if (!auth.allows(ex.getRequestHeaders().getFirst("Authorization")))
            return error(new HttpError(401, "missing or wrong bearer token", List.of(), Map.of("WWW-Authenticate", "Bearer realm=\"devplace\"")));
        return null;
    }

    private Reply dispatch(HttpExchange ex, Route route, Map<String, String> params) {
        try {
            Call call = new Call(ex, params, maxBody);
            if (route.open()) return route.handler().handle(call);
            call.body(); // all of it, before taking a compute slot (413 and 400 come from here too)
            compute.acquire();
            try {
                return route.handler().handle(call);
            } finally {
                compute.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(new HttpError(503, "shutting down", List.of(), Map.of("Retry-After", "5", "Connection", "close")));
        } catch (HttpError e) {
            return error(e);
        } catch (InvalidInputException e) {
            return error(HttpError.invalid(e.problems()));
        } catch (Exception | StackOverflowError e) {
            LOG.error("{} {} failed", ex.getRequestMethod(), route.template(), e);
            return error(new HttpError(500, "internal error: the request could not be answered; the service log has the details"));
        }
    }

    static Reply error(HttpError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status());
        body.put("error", e.getMessage());
        body.put("problems", e.problems().stream().map(Object::toString).toList()); // always there, empty when error says it all
        Reply r = Reply.json(e.status(), body);
        for (var h : e.headers().entrySet()) r = r.withHeader(h.getKey(), h.getValue());
        return r;
    }

    private static void send(HttpExchange ex, Reply r) {
        try (ex) {
            var h = ex.getResponseHeaders();
            if (r.contentType() != null) h.set("Content-Type", r.contentType());
            h.set("Cache-Control", "no-store");
            h.set("X-Content-Type-Options", "nosniff");
            for (var e : r.headers().entrySet()) h.set(e.getKey(), e.getValue());
            boolean noBody = r.body().length == 0 || "HEAD".equals(ex.getRequestMethod()) || r.status() == 204 || r.status() == 304;
            ex.sendResponseHeaders(r.status(), noBody ? -1 : r.body().length);
            if (!noBody) try (OutputStream out = ex.getResponseBody()) { out.write(r.body()); }
        } catch (IOException e) {
            LOG.debug("client went away before the reply was sent", e);
        }
    }
}
