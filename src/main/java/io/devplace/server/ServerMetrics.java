package io.devplace.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Prometheus metrics of one server (its own registry, so that several servers in one JVM — tests — do not collide):
 * requests and latency per route template, solver jobs by status, fleet generation, active reservations.
 */
final class ServerMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Counter planOutcomes;

    ServerMetrics() {
        requests = Counter.builder().name("devplace_http_requests_total").help("HTTP requests by route template, method and status code")
                .labelNames("route", "method", "code").build();
        latency = Histogram.builder().name("devplace_http_request_duration_seconds").unit(Unit.SECONDS)
                .help("Time from routing a request to its reply being sent, by route template").labelNames("route")
                .classicOnly().classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .build();
        planOutcomes = Counter.builder().name("devplace_plan_jobs_finished_total").help("Evacuation plan jobs that ended, by final status")
                .labelNames("status").build();
        registry.register(requests);
        registry.register(latency);
        registry.register(planOutcomes);
    }

    /** Gauges read when scraped: fleet generation, active reservations, plan jobs per status, HTTP queue depth. */
    void gauges(LongSupplier generation, LongSupplier warmGeneration, LongSupplier reservations, Supplier<Map<String, Long>> jobs, LongSupplier queued) {
        registry.register(GaugeWithCallback.builder().name("devplace_fleet_generation").help("Generation of the fleet in use (1 = loaded at start)")
                .callback(cb -> cb.call(generation.getAsLong())).build());
        registry.register(GaugeWithCallback.builder().name("devplace_cache_warm_generation")
                .help("Fleet generation whose caches were warmed last (0: none yet); behind devplace_fleet_generation while warming")
                .callback(cb -> cb.call(warmGeneration.getAsLong())).build());
        registry.register(GaugeWithCallback.builder().name("devplace_reservations").help("Placements reserved and not yet expired")
                .callback(cb -> cb.call(reservations.getAsLong())).build());
        registry.register(GaugeWithCallback.builder().name("devplace_plan_jobs").help("Evacuation plan jobs held, by status")
                .labelNames("status").callback(cb -> jobs.get().forEach((s, n) -> cb.call(n, s))).build());
        registry.register(GaugeWithCallback.builder().name("devplace_http_queued_requests").help("Requests waiting for a worker")
                .callback(cb -> cb.call(queued.getAsLong())).build());
    }

    void request(String route, String method, int status, long nanos) {
        requests.labelValues(route, method, Integer.toString(status)).inc();
        latency.labelValues(route).observe(nanos / 1e9);
    }

    void planFinished(String status) { planOutcomes.labelValues(status).inc(); }

    String contentType() { return PrometheusTextFormatWriter.CONTENT_TYPE; }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
