package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.devplace.server.ErrorBodiesTest.assertErrorBody;
import static io.devplace.server.ErrorBodiesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies of the native API are read as strictly as documents (docs/service.md): a key given twice, a value of
 * another type than expected (no conversion from numbers to text or back), an inline policy that says it is not a
 * Policy. The extender refuses duplicate keys only and keeps ignoring what kube-scheduler sends beyond what it reads.
 */
class StrictBodiesTest {
    static TestService svc;

    @BeforeAll
    static void start() { svc = TestService.start(); }

    @AfterAll
    static void stop() { svc.close(); }

    static HttpResponse<String> post(String path, String body) { return svc.post(path, body); }

    @Test
    void aKeyGivenTwiceIsNamedByItsPath() {
        JsonNode top = assertErrorBody(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"cpus\":2}"), 422);
        assertThat(top.get("problems")).hasSize(1);
        assertThat(top.get("problems").get(0).asText()).isEqualTo("request body: cpus (line 1, column 31): duplicate key 'cpus'");
        assertThat(top.get("error").asText()).isEqualTo("invalid input: cpus: duplicate key 'cpus'");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"devices\":[{\"type\":\"nvidia-713\",\"type\":\"nvidia-714\"}]}"), 422,
                "request body: devices[0].type (line 1, column ");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"spread\":\"spread\",\n \"spread\":\"consolidate\"}}"), 422,
                "request body: policy.spread (line 2, column 10): duplicate key 'spread'");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"weights\":{\"a-b\":1,\"a-b\":2}}}"), 422,
                "request body: policy.weights['a-b'] (line 1, column ");
        // malformed JSON stays a 400
        assertErrorBody(post("/v1/placements", "{\"cpus\":1,\"cpus\"}"), 400);
        assertErrorBody(post("/v1/placements", "{\"cpus\":1,\"cpus\":2,\"memoryMiB\":1} {}"), 400);
    }

    @Test
    void theExtenderRefusesAKeyGivenTwiceAndNothingMore() {
        String pod = KubePods.pod("virt-launcher-vm1-abcde", KubePods.devicesAnnotation("[{\"type\":\"nvidia-714\"}]"), null);
        // what kube-scheduler sends, unknown fields and all, is read as before
        assertThat(post("/scheduler/filter", KubePods.argsWithNodes(pod, List.of("gpu-a1", "gpu-a2"))).statusCode()).isEqualTo(200);
        assertThat(post("/scheduler/prioritize", KubePods.argsByName(pod, List.of("gpu-a1"))).statusCode()).isEqualTo(200);
        // values of types devplace never reads stay ignored (kube-scheduler's own, not devplace's)
        String odd = pod.replace("\"priority\":0", "\"priority\":\"0\"").replace("\"restartPolicy\":\"Never\"", "\"restartPolicy\":7");
        assertThat(post("/scheduler/filter", KubePods.argsByName(odd, List.of("gpu-a1"))).statusCode()).isEqualTo(200);
        String twice = pod.replace("\"namespace\":\"vms\"", "\"namespace\":\"vms\",\"namespace\":\"other\"");
        assertProblem(post("/scheduler/filter", KubePods.argsByName(twice, List.of("gpu-a1"))), 422,
                "request body: Pod.metadata.namespace (line ");
        assertProblem(post("/scheduler/prioritize", "{\"Pod\":null,\"NodeNames\":[\"gpu-a1\"],\"NodeNames\":[]}"), 422,
                "request body: NodeNames (line 1, column ");
    }

    @Test
    void noValueIsConvertedToAnotherType() {
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"name\":5}"), 422, "request body: name: expected a string but got the number 5");
        assertProblem(post("/v1/placements", "{\"vm\":true}"), 422, "request body: vm: expected a string but got true");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"hosts\":[\"gpu-a1\",2.5]}"), 422,
                "request body: hosts[1]: expected a string but got the fraction 2.5");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"groups\":[7]}"), 422, "request body: groups[0]: expected a string but got the number 7");
        assertProblem(post("/v1/placements", "{\"cpus\":\"2\",\"memoryMiB\":1}"), 422, "request body: cpus: expected a whole number but got the string \"2\"");
        assertProblem(post("/v1/placements", "{\"cpus\":\"\",\"memoryMiB\":1}"), 422, "request body: cpus: expected a whole number but got the string \"\"");
        assertProblem(post("/v1/placements", "{\"cpus\":2.0,\"memoryMiB\":1}"), 422, "request body: cpus: expected a whole number but got the fraction 2.0");
        assertProblem(post("/v1/placements", "{\"cpus\":true,\"memoryMiB\":1}"), 422, "request body: cpus: expected a whole number but got true");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"reserve\":1}"), 422, "request body: reserve: expected true or false but got the number 1");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"reserve\":0.0}"), 422, "request body: reserve: expected true or false but got the fraction 0.0");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"reserve\":\"\"}"), 422, "request body: reserve: expected true or false but got the string \"\"");
        assertProblem(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"reserve\":\"false\"}"), 422,
                "request body: reserve: expected true or false but got the string \"false\"");
        assertProblem(post("/v1/plans", "{\"evacuate\":[5]}"), 422, "request body: evacuate[0]: expected a string but got the number 5");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"timeLimit\":30}"), 422, "request body: timeLimit: expected a string but got the number 30");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"seed\":1.5}"), 422, "request body: seed: expected a whole number but got the fraction 1.5");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"spread\":1}}"), 422,
                "request body: policy.spread: expected a string but got the number 1");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"allowCold\":\"true\"}}"), 422,
                "request body: policy.allowCold: expected true or false but got the string \"true\"");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"weights\":{\"hostCount\":\"3\"}}}"), 422,
                "request body: policy.weights.hostCount: expected a whole number but got the string \"3\"");
        // the right types still go through
        assertThat(post("/v1/placements", "{\"cpus\":1,\"memoryMiB\":1,\"name\":\"n1\",\"reserve\":false,\"hosts\":[\"gpu-a1\"]}").statusCode()).isEqualTo(200);
    }

    @Test
    void anInlinePolicyWithApiVersionOrKindIsCheckedAsAPolicyDocument() {
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"apiVersion\":\"devplace/v2\",\"kind\":\"Policy\"}}"), 422,
                "request body: policy.apiVersion: expected apiVersion: devplace/v1 but got the string \"devplace/v2\"");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"apiVersion\":\"devplace/v1\",\"kind\":\"Fleet\"}}"), 422,
                "request body: policy.kind: expected kind: Policy but got the string \"Fleet\"");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"kind\":\"Policy\",\"spread\":\"spread\"}}"), 422,
                "request body: policy.apiVersion: expected apiVersion: devplace/v1 but it is missing");
        assertProblem(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"policy\":{\"apiVersion\":\"devplace/v1\"}}"), 422,
                "request body: policy.kind: expected kind: Policy but it is missing");
        assertThat(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"timeLimit\":\"200ms\",\"policy\":{\"apiVersion\":\"devplace/v1\",\"kind\":\"Policy\",\"spread\":\"spread\"}}")
                .statusCode()).isEqualTo(202);
        assertThat(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"timeLimit\":\"200ms\",\"policy\":{\"spread\":\"spread\"}}").statusCode()).isEqualTo(202);
        // null is "not given", as everywhere in request bodies
        assertThat(post("/v1/plans", "{\"evacuate\":[\"gpu-a1\"],\"timeLimit\":\"200ms\",\"policy\":{\"apiVersion\":null,\"spread\":\"spread\"}}")
                .statusCode()).isEqualTo(202);
    }

    /**
     * A request the JDK's HTTP server cannot parse (request line, Content-Length) never reaches the service: the JDK
     * answers it itself, 400 with its own HTML, as docs/service.md says. Should that change, the docs must too.
     */
    @Test
    void requestsTheJdkCannotParseAreAnsweredByTheJdk() throws IOException {
        assertThat(raw("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400").contains("text/html");
        assertThat(raw("POST /v1/placements HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n{}")).startsWith("HTTP/1.1 400").contains("text/html");
    }

    private static String raw(String request) throws IOException {
        URI u = URI.create(svc.base);
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
