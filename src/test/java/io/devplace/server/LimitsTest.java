package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input and overload: 413 over 8 MiB, 400 for malformed JSON, 404/405, and 429 (never a dropped request). */
class LimitsTest {
    static final int MIB8 = 8 * 1024 * 1024;

    @Test
    void aDeclaredLengthOver8MiBIs413WithoutReadingTheBody() throws IOException {
        try (TestService svc = TestService.start(); Socket s = new Socket("127.0.0.1", svc.server.address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /scheduler/filter HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (MIB8 + 1) + "\r\n\r\n{\"Pod\":").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String reply = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(reply).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void aChunkedBodyIsCutOffAt8MiB() {
        try (TestService svc = TestService.start()) {
            byte[] head = "{\"Pod\":null,\"NodeNames\":[]}".getBytes(StandardCharsets.US_ASCII);
            byte[] pad = new byte[MIB8 + 512 - head.length];
            Arrays.fill(pad, (byte) ' ');
            HttpRequest big = svc.request("/scheduler/filter").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(new ByteArrayInputStream(head), new ByteArrayInputStream(pad))))
                    .build();
            HttpResponse<String> r = svc.send(big);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(TestService.json(r).get("error").asText()).contains("larger than the limit of 8388608 bytes");

            // exactly at the limit is fine
            byte[] exact = new byte[MIB8];
            Arrays.fill(exact, (byte) ' ');
            System.arraycopy(head, 0, exact, 0, head.length);
            HttpResponse<String> ok = svc.send(svc.request("/scheduler/filter").POST(HttpRequest.BodyPublishers.ofByteArray(exact)).build());
            assertThat(ok.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void malformedJsonIs400WithWhereAndWhat() {
        try (TestService svc = TestService.start()) {
            HttpResponse<String> r = svc.post("/scheduler/filter", "{\"Pod\": {\"metadata\": }");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode e = TestService.json(r);
            assertThat(e.get("status").asInt()).isEqualTo(400);
            assertThat(e.get("error").asText()).startsWith("malformed JSON at line 1, column 22: Unexpected character ('}'");
            assertThat(svc.post("/scheduler/prioritize", "").statusCode()).isEqualTo(400);
            assertThat(svc.post("/v1/plans", "nope").statusCode()).isEqualTo(400);
            assertThat(svc.post("/v1/placements", "{} {}").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        try (TestService svc = TestService.start()) {
            assertThat(svc.get("/nope").statusCode()).isEqualTo(404);
            assertThat(svc.get("/v1/plans/a/b").statusCode()).isEqualTo(404);
            HttpResponse<String> r = svc.get("/scheduler/filter");
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("POST");
            assertThat(svc.post("/v1/fleet", "{}").headers().firstValue("Allow")).hasValue("GET, PUT");
        }
    }

    /**
     * One worker, a queue of one: a request whose body is still on its way holds the worker, a second one waits in
     * the queue, and a third is answered 429 with Retry-After at once — while probes are still served. When the
     * bodies arrive, the two held requests are answered too: nothing is dropped.
     */
    @Test
    void aFullQueueIs429AndNothingIsDropped() throws Exception {
        ServiceConfig tiny = TestService.config(TestService.exampleConfig()).withQueues(1, 1);
        try (TestService svc = TestService.start(TestService.exampleFleet(), tiny, null);
             Socket holder = slowRequest(svc); ) {
            Thread.sleep(300); // the worker is now blocked reading holder's body
            try (Socket waiter = slowRequest(svc)) {
                Thread.sleep(300); // waiter's exchange now sits in the queue
                HttpResponse<String> r = svc.post("/scheduler/filter", "{\"Pod\":null,\"NodeNames\":[]}");
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(svc.get("/livez").statusCode()).isEqualTo(200);

                finish(holder);
                finish(waiter);
                assertThat(status(holder)).isEqualTo("HTTP/1.1 200");
                assertThat(status(waiter)).isEqualTo("HTTP/1.1 200");
            }
            assertThat(svc.get("/metrics").body()).contains("devplace_http_requests_total{code=\"429\",method=\"POST\",route=\"/scheduler/filter\"} 1");
        }
    }

    static final byte[] BODY = "{\"Pod\":null,\"NodeNames\":[\"gvt-1\"]}".getBytes(StandardCharsets.US_ASCII);

    private static Socket slowRequest(TestService svc) throws IOException {
        Socket s = new Socket("127.0.0.1", svc.server.address().getPort());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("POST /scheduler/filter HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + BODY.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    private static void finish(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(BODY);
        out.flush();
    }

    private static String status(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    }
}
