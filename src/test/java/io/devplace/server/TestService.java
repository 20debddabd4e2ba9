package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devplace.cli.ServeCommand;
import io.devplace.model.Policy;
import io.devplace.rules.RuleBook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real service on 127.0.0.1 and an ephemeral port, validated exactly as {@code serve} does, plus an HTTP client for it. */
final class TestService implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static RuleBook rules;

    final DevplaceServer server;
    final String base;
    final String token;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private TestService(DevplaceServer server, String token) {
        this.server = server;
        this.token = token;
        this.base = "http://127.0.0.1:" + server.address().getPort();
    }

    static byte[] exampleFleet() {
        try {
            return Files.readAllBytes(Path.of("examples/fleet.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String exampleConfig() {
        return """
                apiVersion: devplace/v1
                kind: ServiceConfig
                resources:
                  nvidia.com/NVIDIA_A16-4Q: nvidia-749
                  nvidia.com/NVIDIA_A16-8Q: nvidia-750
                  intel.com/gvt-v5-8x2: {type: i915-GVTg_V5_8, attrs: [{aggregator: "2"}]}
                """;
    }

    static ServiceConfig config(String yaml) { return ServiceConfig.parse("test-service.yaml", yaml.getBytes(StandardCharsets.UTF_8)); }

    static synchronized RuleBook rules() {
        if (rules == null) rules = RuleBook.load(java.util.List.of(io.devplace.rules.TestPacks.AGGREGATING_GVTG), true);
        return rules;
    }

    static TestService start() { return start(exampleFleet(), config(exampleConfig()), null); }

    static TestService start(byte[] fleet, ServiceConfig cfg, String token) {
        return start(fleet, cfg, token, Policy.defaults());
    }

    /**
     * Grace period of a stopping test service: long, because a loaded CI machine can take seconds between a test's
     * steps while a request is held in flight; a stop with nothing in flight does not wait for it.
     */
    static final long GRACE_MILLIS = 30_000;

    static TestService start(byte[] fleet, ServiceConfig cfg, String token, Policy pol) {
        try {
            DevplaceServer s = DevplaceServer.start(new DevplaceServer.Settings(new InetSocketAddress("127.0.0.1", 0), token, pol, cfg, GRACE_MILLIS),
                    ServeCommand.checks(rules(), false), "test-fleet.yaml", fleet);
            return new TestService(s, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the HTTP workers are this busy (requests being handled, and waiting in the queue). */
    void awaitLoad(int active, int queued) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        AdmissionExecutor a = server.admission();
        while (a.active() != active || a.queued() != queued) {
            if (System.nanoTime() > deadline) throw new AssertionError("active " + a.active() + ", queued " + a.queued());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    HttpResponse<String> send(HttpRequest r) {
        try {
            return client.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) { return send(request(path).GET().build()); }

    HttpResponse<String> delete(String path) { return send(request(path).DELETE().build()); }

    HttpResponse<String> post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static JsonNode json(HttpResponse<String> r) { return tree(r.body()); }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Override
    public void close() { server.close(); }
}
