package io.devplace.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --token-file: every route but the probes, /version and /openapi.yaml needs the bearer token. */
class AuthTest {
    static TestService svc;

    @BeforeAll
    static void start() { svc = TestService.start(TestService.exampleFleet(), TestService.config(TestService.exampleConfig()), "s3cret-token"); }

    @AfterAll
    static void stop() { svc.close(); }

    static HttpResponse<String> call(String method, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(svc.base + path))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) b.header("Authorization", authorization);
        return svc.send(b.build());
    }

    @Test
    void protectedRoutesNeedTheRightToken() {
        for (String[] r : List.of(new String[]{"POST", "/scheduler/filter"}, new String[]{"POST", "/scheduler/prioritize"},
                new String[]{"GET", "/v1/fleet"}, new String[]{"PUT", "/v1/fleet"}, new String[]{"POST", "/v1/placements"},
                new String[]{"POST", "/v1/plans"}, new String[]{"GET", "/v1/plans/x"}, new String[]{"DELETE", "/v1/plans/x"},
                new String[]{"DELETE", "/v1/placements/x"}, new String[]{"GET", "/metrics"})) {
            HttpResponse<String> none = call(r[0], r[1], null);
            assertThat(none.statusCode()).as(r[0] + " " + r[1]).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(call(r[0], r[1], "Bearer s3cret-tokeN").statusCode()).as(r[1]).isEqualTo(401);
            assertThat(call(r[0], r[1], "Bearer s3cret-token-and-more").statusCode()).as(r[1]).isEqualTo(401);
            assertThat(call(r[0], r[1], "Basic czNjcmV0LXRva2Vu").statusCode()).as(r[1]).isEqualTo(401);
            assertThat(call(r[0], r[1], "Bearer s3cret-token").statusCode()).as(r[1]).isNotEqualTo(401);
        }
    }

    @Test
    void probesVersionAndTheApiDescriptionAreOpen() {
        for (String p : List.of("/livez", "/readyz", "/healthz", "/version", "/openapi.yaml"))
            assertThat(call("GET", p, null).statusCode()).as(p).isEqualTo(200);
    }

    @Test
    void theRightTokenGetsRealAnswers() {
        HttpResponse<String> r = call("POST", "/scheduler/filter", "bearer s3cret-token"); // the scheme is case-insensitive
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"Error\":\"\"");
    }
}
