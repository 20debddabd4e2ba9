package io.devplace.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router judges at most {@code compute} requests at once, and only once their bodies are in: a client still
 * sending its body holds an HTTP worker, not a compute slot.
 */
class ComputeGateTest {

    @Test
    void atMostComputeHandlersRunAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger(), most = new AtomicInteger();
        Router router = new Router(new BearerAuth(null), new ServerMetrics(), 1 << 20, () -> false, 2)
                .add("POST", "/work", false, c -> {
                    c.body();
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(30);
                    running.decrementAndGet();
                    return Reply.text(200, "text/plain", "done");
                });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<FakeExchange>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++)
            done.add(pool.submit(() -> {
                FakeExchange ex = new FakeExchange("POST", "/work", Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
                router.handle(ex);
                return ex;
            }));
        for (Future<FakeExchange> f : done) assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        pool.shutdown();
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aBodyStillOnItsWayDoesNotHoldAComputeSlot() throws Exception {
        CountDownLatch bodyStarted = new CountDownLatch(1), releaseBody = new CountDownLatch(1);
        Router router = new Router(new BearerAuth(null), new ServerMetrics(), 1 << 20, () -> false, 1)
                .add("POST", "/work", false, c -> Reply.text(200, "text/plain", new String(c.body(), StandardCharsets.UTF_8)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // one compute slot; the first client's body arrives only when told to
        Future<FakeExchange> slow = pool.submit(() -> {
            InputStream arriving = new ByteArrayInputStream("slow".getBytes(StandardCharsets.UTF_8)) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    bodyStarted.countDown();
                    try {
                        releaseBody.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.read(b, off, len);
                }
            };
            FakeExchange ex = new FakeExchange("POST", "/work", Map.of(), arriving);
            router.handle(ex);
            return ex;
        });
        assertThat(bodyStarted.await(10, TimeUnit.SECONDS)).isTrue();
        FakeExchange quick = new FakeExchange("POST", "/work", Map.of(), "quick".getBytes(StandardCharsets.UTF_8));
        pool.submit(() -> { router.handle(quick); return null; }).get(10, TimeUnit.SECONDS);
        assertThat(quick.status()).isEqualTo(200);
        assertThat(quick.body()).isEqualTo("quick");
        releaseBody.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow");
        pool.shutdown();
    }
}
