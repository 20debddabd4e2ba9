package io.devplace.server;

import io.devplace.model.BuildInfo;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Probes, /version and /metrics in the Prometheus text format. */
class OperationsTest {
    @Test
    void probesAndVersion() {
        try (TestService svc = TestService.start()) {
            assertThat(svc.get("/livez").body()).isEqualTo("ok\n");
            assertThat(svc.get("/readyz").body()).isEqualTo("ok: fleet generation 1\n");
            assertThat(svc.get("/healthz").statusCode()).isEqualTo(200);
            var v = TestService.json(svc.get("/version"));
            assertThat(v.get("apiVersion").asText()).isEqualTo("devplace/v1");
            assertThat(v.get("timefold").asText()).isEqualTo("1.32.0");
            // the version pom.xml gives, the same one devplace -V prints
            assertThat(v.get("version").asText()).isEqualTo(BuildInfo.current().version()).matches("\\d+\\.\\d+\\.\\d+.*");
        }
    }

    @Test
    void metricsCountRequestsTimeThemAndShowFleetAndJobs() {
        try (TestService svc = TestService.start()) {
            svc.post("/scheduler/filter", "{\"Pod\":null,\"NodeNames\":[]}");
            svc.post("/scheduler/filter", "{");
            svc.get("/nope");
            HttpResponse<String> r = svc.get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(r.body())
                    .contains("devplace_http_requests_total{code=\"200\",method=\"POST\",route=\"/scheduler/filter\"} 1")
                    .contains("devplace_http_requests_total{code=\"400\",method=\"POST\",route=\"/scheduler/filter\"} 1")
                    .contains("devplace_http_requests_total{code=\"404\",method=\"GET\",route=\"unmatched\"} 1")
                    .contains("# TYPE devplace_http_request_duration_seconds histogram")
                    .contains("devplace_http_request_duration_seconds_count{route=\"/scheduler/filter\"} 2")
                    .contains("devplace_fleet_generation 1.0")
                    .contains("devplace_plan_jobs{status=\"solving\"} 0.0")
                    .contains("devplace_reservations 0.0")
                    .contains("# TYPE devplace_cache_warm_generation gauge");
            // the example fleet warms in well under a second; its generation then shows here
            String warm = "";
            for (int i = 0; i < 100 && !warm.contains("devplace_cache_warm_generation 1.0"); i++) {
                warm = svc.get("/metrics").body();
                if (!warm.contains("devplace_cache_warm_generation 1.0")) sleep(100);
            }
            assertThat(warm).contains("devplace_cache_warm_generation 1.0");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Graceful stop: with a request in flight (its body still on the way), close() turns readiness off and answers new
     * work 503, lets the request in flight finish with its real answer, and only then closes the listener.
     */
    @Test
    void stoppingLetsRequestsInFlightFinishAndRefusesNewWork() throws Exception {
        TestService svc = TestService.start();
        try (Socket inFlight = new Socket("127.0.0.1", svc.server.address().getPort())) {
            inFlight.setSoTimeout(20_000);
            byte[] body = "{\"Pod\":null,\"NodeNames\":[\"gvt-1\"]}".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = inFlight.getOutputStream();
            out.write(("POST /scheduler/filter HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            svc.awaitLoad(1, 0); // the request is being handled: its handler waits for the body
            Thread closer = new Thread(svc.server::close);
            closer.start();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (svc.get("/readyz").statusCode() != 503) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            HttpResponse<String> refused = svc.post("/scheduler/filter", "{}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(svc.get("/livez").statusCode()).isEqualTo(200);

            out.write(body);
            out.flush();
            String reply = new String(inFlight.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(reply).isEqualTo("HTTP/1.1 200");
            closer.join(10_000);
            assertThat(closer.isAlive()).isFalse();
        }
        svc.server.close(); // idempotent
        assertThatThrownBy(() -> svc.get("/livez")).hasCauseInstanceOf(java.net.ConnectException.class);
    }
}
