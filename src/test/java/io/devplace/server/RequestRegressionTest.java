package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies that once got a 500 (src/test/resources/fuzz-regressions/http/, named ROUTE--what-it-is.EXT), replayed
 * over real HTTP on every build: each must be answered 4xx with a JSON message, or 2xx where it is valid after all.
 */
class RequestRegressionTest {
    static final Path CORPUS = Path.of("src/test/resources/fuzz-regressions/http");
    static final Map<String, String[]> ROUTES = Map.of(
            "filter", new String[]{"POST", "/scheduler/filter"},
            "prioritize", new String[]{"POST", "/scheduler/prioritize"},
            "placements", new String[]{"POST", "/v1/placements"},
            "plans", new String[]{"POST", "/v1/plans"},
            "fleet", new String[]{"PUT", "/v1/fleet"});
    private static TestService svc;

    static synchronized TestService svc() {
        if (svc == null) svc = TestService.start();
        return svc;
    }

    @AfterAll
    static void stop() {
        if (svc != null) svc.close();
    }

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void replays(String name) throws IOException {
        String[] route = ROUTES.get(name.substring(0, name.indexOf("--")));
        assertThat(route).as("route of %s (one of %s)", name, ROUTES.keySet()).isNotNull();
        byte[] body = Files.readAllBytes(CORPUS.resolve(name));
        HttpResponse<String> r = svc().send(svc().request(route[1]).header("Content-Type", name.endsWith(".yaml") ? "application/yaml" : "application/json")
                .method(route[0], HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 499);
        if (r.statusCode() >= 400) {
            JsonNode e = TestService.json(r);
            assertThat(e.get("error").asText()).isNotBlank().doesNotContain("internal error");
        }
        if (r.statusCode() == 202) svc().delete("/v1/plans/" + TestService.json(r).get("id").asText());
    }
}
