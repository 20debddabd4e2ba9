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

    /**
     * The token is checked before routing: without it, a path that does not exist and a method a route does not take
     * are 401 like everything else, so an unauthenticated client learns nothing about the API. With it, they are 404
     * and 405. Only the open paths answer without a token, whatever the method.
     */
    @Test
    void authenticationComesBeforeRouting() {
        for (String[] r : List.of(new String[]{"GET", "/nope"}, new String[]{"POST", "/nope"}, new String[]{"GET", "/v1"},
                new String[]{"GET", "/v1/plans"}, new String[]{"GET", "/v1/plans/x/y"}, new String[]{"GET", "/"},
                new String[]{"GET", "/scheduler/filter"}, new String[]{"GET", "/v1/placements"}, new String[]{"POST", "/v1/fleet"},
                new String[]{"PUT", "/metrics"}, new String[]{"PATCH", "/v1/plans/x"}, new String[]{"GET", "/livez/x"})) {
            HttpResponse<String> none = call(r[0], r[1], null);
            assertThat(none.statusCode()).as(r[0] + " " + r[1] + " without a token").isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(none.headers().firstValue("Allow")).as("no hint of the route").isEmpty();
            assertThat(call(r[0], r[1], "Bearer wrong").statusCode()).as(r[0] + " " + r[1] + " with a wrong token").isEqualTo(401);
            int known = call(r[0], r[1], "Bearer s3cret-token").statusCode();
            assertThat(known).as(r[0] + " " + r[1] + " with the token").isIn(404, 405);
        }
        HttpResponse<String> wrongMethod = call("GET", "/v1/placements", "Bearer s3cret-token");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        // the open paths need no token, whatever the method: a wrong one is 405 there
        HttpResponse<String> openWrongMethod = call("POST", "/livez", null);
        assertThat(openWrongMethod.statusCode()).isEqualTo(405);
        assertThat(openWrongMethod.headers().firstValue("Allow")).hasValue("GET");
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
