package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** GET/PUT /v1/fleet: generations as ETags, If-Match, the CLI's validation, and answers from one snapshot only. */
class FleetApiTest {
    static HttpResponse<String> put(TestService svc, String body, String contentType, String ifMatch) {
        HttpRequest.Builder b = svc.request("/v1/fleet").header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) b.header("If-Match", ifMatch);
        return svc.send(b.build());
    }

    @Test
    void getThenPutBackWithIfMatchAdvancesTheGeneration() {
        try (TestService svc = TestService.start()) {
            HttpResponse<String> g = svc.get("/v1/fleet");
            assertThat(g.statusCode()).isEqualTo(200);
            assertThat(g.headers().firstValue("ETag")).hasValue("\"1\"");
            JsonNode doc = TestService.json(g);
            assertThat(doc.get("kind").asText()).isEqualTo("Fleet");
            assertThat(doc.get("hosts").size()).isEqualTo(10);

            // what GET returns is a valid Fleet document: it goes straight back
            HttpResponse<String> p = put(svc, g.body(), "application/json", "\"1\"");
            assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
            assertThat(p.headers().firstValue("ETag")).hasValue("\"2\"");
            assertThat(TestService.json(p).get("generation").asLong()).isEqualTo(2);
            assertThat(TestService.json(p).get("warnings").isArray()).isTrue();

            HttpResponse<String> stale = put(svc, g.body(), "application/json", "\"1\"");
            assertThat(stale.statusCode()).isEqualTo(412);
            assertThat(stale.headers().firstValue("ETag")).hasValue("\"2\"");
            assertThat(TestService.json(stale).get("error").asText()).contains("does not match the current fleet generation \"2\"");

            assertThat(put(svc, g.body(), "application/json", "2").statusCode()).isEqualTo(200); // unquoted works too
            assertThat(put(svc, g.body(), "application/json", null).statusCode()).isEqualTo(200); // unconditional
            assertThat(svc.get("/v1/fleet").headers().firstValue("ETag")).hasValue("\"4\"");
            HttpResponse<String> notModified = svc.send(svc.request("/v1/fleet").header("If-None-Match", "\"4\"").GET().build());
            assertThat(notModified.statusCode()).isEqualTo(304);
            assertThat(svc.get("/readyz").body()).contains("generation 4");
        }
    }

    @Test
    void yamlBodiesAreAcceptedAndInvalidFleetsRejectedWithPreciseMessages() {
        try (TestService svc = TestService.start()) {
            String yaml = new String(TestService.exampleFleet(), StandardCharsets.UTF_8);
            assertThat(put(svc, yaml, "application/yaml", "1").statusCode()).isEqualTo(200);

            String unknownField = yaml.replaceFirst("cpus: 128", "cpus: 128\n    colour: red");
            HttpResponse<String> r = put(svc, unknownField, "application/yaml", null);
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(TestService.json(r).get("problems").get(0).asText()).contains("hosts[0]").contains("colour").contains("line");

            String danglingVm = yaml.replace("host: gpu-a1", "host: gpu-zz");
            r = put(svc, danglingVm, "application/yaml", null);
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("gpu-zz");

            r = put(svc, "{\"apiVersion\": \"devplace/v1\", \"kind\": \"Fleet\", \"hosts\": [", "application/json", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(TestService.json(r).get("problems").get(0).asText()).contains("malformed JSON");

            r = put(svc, "hosts: [\n  - name: a\n bad indent", "application/yaml", null);
            assertThat(r.statusCode()).isEqualTo(400);
            // nothing invalid was taken: still generation 2
            assertThat(svc.get("/v1/fleet").headers().firstValue("ETag")).hasValue("\"2\"");
        }
    }

    /**
     * Two fleets that disagree on everything the filter reads: in A only host-x has an A16, in B only host-y. Every
     * filter answer, while PUTs flip between them, must be wholly A's or wholly B's (exactly one host passes).
     */
    @Test
    void answersComeFromOneSnapshotEvenDuringReplacement() throws Exception {
        String a = twoHosts("host-x", "host-y");
        String b = twoHosts("host-y", "host-x");
        try (TestService svc = TestService.start(a.getBytes(StandardCharsets.UTF_8), TestService.config("apiVersion: devplace/v1\nkind: ServiceConfig\n"), null)) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            Future<Integer> writer = pool.submit(() -> {
                int n = 0;
                while (!stop.get()) assertThat(put(svc, n++ % 2 == 0 ? b : a, "application/yaml", null).statusCode()).isEqualTo(200);
                return n;
            });
            String pod = KubePods.pod("p", KubePods.devicesAnnotation("[{\"type\":\"nvidia-713\"}]"), null);
            List<Future<Integer>> readers = List.of(pool.submit(() -> readConsistently(svc, pod)), pool.submit(() -> readConsistently(svc, pod)));
            for (Future<Integer> r : readers) assertThat(r.get()).isEqualTo(60);
            stop.set(true);
            assertThat(writer.get()).isPositive();
            pool.shutdown();
        }
    }

    private static int readConsistently(TestService svc, String pod) {
        int n = 0;
        for (int i = 0; i < 60; i++) {
            JsonNode res = TestService.json(svc.post("/scheduler/filter", KubePods.argsByName(pod, List.of("host-x", "host-y"))));
            assertThat(res.get("NodeNames").size()).as(res.toString()).isEqualTo(1);
            assertThat(res.get("FailedAndUnresolvableNodes").size()).as(res.toString()).isEqualTo(1);
            n++;
        }
        return n;
    }

    private static String twoHosts(String withGpu, String without) {
        return """
                apiVersion: devplace/v1
                kind: Fleet
                hosts:
                  - name: %s
                    cpus: 8
                    memoryMiB: 8192
                    devices: [{id: "0000:3b:00.0", driver: nvidia, model: "NVIDIA A16"}]
                  - name: %s
                    cpus: 8
                    memoryMiB: 8192
                """.formatted(withGpu, without);
    }
}
