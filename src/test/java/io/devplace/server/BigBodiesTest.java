package io.devplace.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many near-8-MiB bodies at once over real HTTP: memory stays bounded because only a worker reads a body (at most
 * workers x 8 MiB are held; queued exchanges have read nothing yet) and the queue is bounded (past it: 429). Every
 * request is answered, 200 or 429 with Retry-After; none is lost, none is a 5xx, and the suite's 2 GiB heap holds.
 */
class BigBodiesTest {
    @Test
    void thirtyTwoConcurrentNear8MiBBodiesAreAllAnswered() throws Exception {
        byte[] head = "{\"Pod\":null,\"NodeNames\":[\"gvt-1\"]}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[8 * 1024 * 1024 - 1024];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(head, 0, body, 0, head.length);
        try (TestService svc = TestService.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> {
                    HttpResponse<String> r = svc.send(svc.request("/scheduler/filter").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                    if (r.statusCode() == 429) assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    return String.valueOf(r.statusCode());
                }));
            }
            Map<String, Integer> by = new TreeMap<>();
            for (Future<String> f : answers) by.merge(f.get(5, TimeUnit.MINUTES), 1, Integer::sum);
            pool.shutdown();
            System.out.println("big bodies: 64 requests of 8 MiB - 1 KiB from 32 threads: " + by);
            assertThat(by.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(64);
            assertThat(by.keySet()).allSatisfy(k -> assertThat(k).isIn("200", "429"));
            assertThat(svc.get("/metrics").body()).doesNotContain("code=\"5");
        }
    }
}
