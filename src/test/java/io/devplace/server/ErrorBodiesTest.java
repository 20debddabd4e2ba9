package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is answered {@code {status, error, problems}} (docs/service.md): {@code error} for people, {@code problems}
 * always a list, each problem naming where it is (the request body or the document, the path inside it) and what was
 * expected, in an operator's words: never a Java class, a Jackson setting or a stack trace.
 */
class ErrorBodiesTest {
    static final String TOKEN = "s3cret-token";
    static TestService svc;

    @BeforeAll
    static void start() { svc = TestService.start(TestService.exampleFleet(), TestService.config(TestService.exampleConfig()), TOKEN); }

    @AfterAll
    static void stop() { svc.close(); }

    static HttpResponse<String> call(String method, String path, String body, String contentType, boolean token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(svc.base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (token) b.header("Authorization", "Bearer " + TOKEN);
        return svc.send(b.build());
    }

    static HttpResponse<String> post(String path, String body) { return call("POST", path, body, "application/json", true); }

    /** The documented shape, with nothing of the implementation showing; returns the body. */
    static JsonNode assertErrorBody(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode e = TestService.json(r);
        List<String> fields = new ArrayList<>();
        e.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as(r.body()).containsExactly("status", "error", "problems");
        assertThat(e.get("status").asInt()).isEqualTo(status);
        assertThat(e.get("error").isTextual() && !e.get("error").asText().isBlank()).as(r.body()).isTrue();
        assertThat(e.get("problems").isArray()).as(r.body()).isTrue();
        for (JsonNode p : e.get("problems")) assertThat(p.isTextual()).as(r.body()).isTrue();
        assertThat(r.body()).as("no implementation details").doesNotContain("io.devplace", "java.", "javax.", "com.fasterxml", "jackson",
                "Jackson", "Exception", "`", "class ", "Record", "StreamReadConstraints", "\tat ", "$Request", "VALUE_", "START_", "END_");
        return e;
    }

    @Test
    void anUnknownFieldIsNamedWithItsPathAndTheFieldsExpected() {
        JsonNode e = assertErrorBody(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"bogus\":1}"), 422);
        assertThat(e.get("problems").size()).isEqualTo(1);
        assertThat(e.get("problems").get(0).asText()).isEqualTo("request body: bogus: unknown field 'bogus' "
                + "(expected one of: cpus, devices, groups, hosts, memoryMiB, name, priority, reserve, vm)");
        assertThat(e.get("error").asText()).isEqualTo("invalid input: bogus: unknown field 'bogus' "
                + "(expected one of: cpus, devices, groups, hosts, memoryMiB, name, priority, reserve, vm)");

        JsonNode inPolicy = assertErrorBody(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"maxParalel\":3}}"), 422);
        assertThat(inPolicy.get("problems").get(0).asText()).startsWith("request body: policy.maxParalel: unknown field 'maxParalel' (expected one of: ")
                .contains("maxParallel");
    }

    @Test
    void wrongValuesSayWhatWasExpectedWhere() {
        assertProblem(post("/v1/placements", "{\"cpus\":\"one\",\"memoryMiB\":1}"), 422,
                "request body: cpus: expected a whole number but got the string \"one\"");
        assertProblem(post("/v1/placements", "{\"cpus\":1.5,\"memoryMiB\":1}"), 422, "request body: cpus: expected a whole number but got the fraction 1.5");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"hosts\":[\"gpu-a1\",null]}"), 422,
                "request body: hosts[1]: expected a value but this list item is empty");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"reserve\":\"yes\"}"), 422,
                "request body: reserve: expected true or false but got the string \"yes\"");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"devices\":[{\"type\":\"nvidia-713\",\"count\":2}]}"), 422,
                "request body: devices[0]: unknown field 'count' (expected type, attrs)");
        assertProblem(post("/v1/placements", "{\"vm\":\"nope\"}"), 422, "request body: vm: 'nope' is not in the fleet (generation 1)");
        assertProblem(post("/v1/placements", "[1,2]"), 422, "request body: expected a JSON object but got a list");
        assertProblem(post("/v1/placements", "null"), 422, "request body: expected a JSON object but got null");
        assertProblem(post("/v1/plans", "{\"evacuate\":\"gpu-a1\"}"), 422, "request body: evacuate: expected a list but got the string \"gpu-a1\"");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"nope\"]}"), 422, "request body: evacuate[0]: host 'nope' is not in the fleet (generation 1)");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"seed\":\"7\"}"), 422, "request body: seed: expected a whole number but got the string \"7\"");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"timeLimit\":\"soon\"}"), 422, "request body: timeLimit: ");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"spread\":\"wide\",\"maxParallel\":0}}"), 422,
                "request body: policy.maxParallel: expected at least 1");
        JsonNode two = TestService.json(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"spread\":\"wide\",\"maxParallel\":0}}"));
        assertThat(two.get("problems").toString()).contains("request body: policy.spread: expected consolidate or spread but got 'wide'");
        assertThat(two.get("error").asText()).isEqualTo("invalid input: 2 problems");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"maxParallel\":99999999999999999999}}"), 422,
                "request body: policy.maxParallel: expected a whole number from -9223372036854775808 to 9223372036854775807 but got 99999999999999999999");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        JsonNode e = assertErrorBody(post("/v1/placements", "{\"cpus\":1,\n \"memoryMiB\" 1}"), 400);
        assertThat(e.get("error").asText()).startsWith("malformed JSON at line 2, column 14: ");
        assertThat(e.get("problems").get(0).asText()).startsWith("request body: (line 2, column 14): malformed JSON: ");
        assertThat(assertErrorBody(post("/v1/plans", ""), 400).get("problems").get(0).asText())
                .isEqualTo("request body: malformed JSON: the request body is empty");
        assertErrorBody(post("/v1/plans", "{} {}"), 400);
        JsonNode cut = assertErrorBody(post("/v1/placements", "{\"cpus\":1"), 400);
        assertThat(cut.get("error").asText()).isEqualTo("malformed JSON at line 1, column 10: Unexpected end-of-input: expected close marker for Object");
        assertThat(cut.toString()).doesNotContain("Source", "REDACTED");
        assertThat(assertErrorBody(post("/v1/placements", "{\"a\":\"b"), 400).get("error").asText()).endsWith("end-of-input in a string");
        // Jackson's own limits are worded without its setting names
        JsonNode deep = assertErrorBody(post("/v1/placements", "[".repeat(1500) + "]".repeat(1500)), 400);
        assertThat(deep.get("error").asText()).contains("nesting depth");
        JsonNode extender = assertErrorBody(post("/scheduler/filter", "[]"), 400);
        assertThat(extender.get("problems").get(0).asText()).startsWith("request body: expected ExtenderArgs");
    }

    @Test
    void everyOtherRefusalHasTheSameShape() {
        assertErrorBody(call("GET", "/v1/plans", null, null, false), 401);
        assertErrorBody(call("GET", "/nope", null, null, false), 401);
        assertErrorBody(call("GET", "/nope", null, null, true), 404);
        assertErrorBody(call("DELETE", "/v1/fleet", null, null, true), 405);
        assertErrorBody(call("GET", "/v1/plans/unknown-id", null, null, true), 404);
        assertErrorBody(call("DELETE", "/v1/placements/unknown-id", null, null, true), 404);
        assertErrorBody(svc.send(HttpRequest.newBuilder(URI.create(svc.base + "/v1/fleet")).header("Authorization", "Bearer " + TOKEN)
                .header("If-Match", "\"999\"").PUT(HttpRequest.BodyPublishers.ofString("{}")).build()), 412);
        JsonNode fleet = assertErrorBody(call("PUT", "/v1/fleet", "apiVersion: devplace/v1\nkind: Fleet\nhosts:\n  - name: h\n    colour: red\n",
                "application/yaml", true), 422);
        assertThat(fleet.get("problems").get(0).asText()).startsWith("fleet.yaml: hosts[0].colour (line 5, column 13): unknown field 'colour'");
        assertErrorBody(call("PUT", "/v1/fleet", "{\"apiVersion\": ", "application/json", true), 400);
    }

    static void assertProblem(HttpResponse<String> r, int status, String problem) {
        JsonNode e = assertErrorBody(r, status);
        assertThat(e.get("problems").size()).as(r.body()).isGreaterThanOrEqualTo(1);
        assertThat(e.get("problems").get(0).asText()).as(r.body()).startsWith(problem);
        assertThat(e.get("error").asText()).as(r.body()).startsWith("invalid input: ");
    }
}
