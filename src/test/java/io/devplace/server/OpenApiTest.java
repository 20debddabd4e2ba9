package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** /openapi.yaml is OpenAPI 3.1 and lists exactly the routes the server registers, no more and no fewer. */
class OpenApiTest {
    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @Test
    void everyRouteIsDescribedAndEveryDescribedRouteExists() throws Exception {
        try (TestService svc = TestService.start()) {
            HttpResponse<String> r = svc.get("/openapi.yaml");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/yaml");
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(r.body());
            assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");

            Set<String> described = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
                var path = it.next();
                path.getValue().fieldNames().forEachRemaining(m -> {
                    if (HTTP_METHODS.contains(m)) described.add(m.toUpperCase() + " " + path.getKey());
                });
            }
            assertThat(described).isEqualTo(new TreeSet<>(svc.server.routes()));

            // open routes say so (security: []), and every $ref resolves
            for (String open : Set.of("/livez", "/readyz", "/healthz", "/version", "/openapi.yaml"))
                assertThat(doc.get("paths").get(open).get("get").get("security").isEmpty()).as(open).isTrue();
            assertThat(doc.get("paths").get("/metrics").get("get").has("security")).isFalse();
            checkRefs(doc, doc);
        }
    }

    private static void checkRefs(JsonNode root, JsonNode n) {
        if (n.isObject()) {
            JsonNode ref = n.get("$ref");
            if (ref != null) {
                assertThat(ref.asText()).startsWith("#/");
                assertThat(root.at(ref.asText().substring(1)).isMissingNode()).as(ref.asText()).isFalse();
            }
            n.elements().forEachRemaining(c -> checkRefs(root, c));
        } else if (n.isArray()) n.elements().forEachRemaining(c -> checkRefs(root, c));
    }
}
