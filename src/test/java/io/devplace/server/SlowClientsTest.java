package io.devplace.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients (slowloris) over real HTTP on loopback: connections that send nothing, that trickle their request
 * headers a byte at a time, and that trickle their body a byte at a time, all at once, must not keep other clients
 * from being served. The JDK server reads headers on a worker once the first byte arrives, and the handler reads the
 * body on its worker: without the server's own limits a handful of tricklers would hold every worker.
 */
class SlowClientsTest {
    static final byte[] BODY = "{\"Pod\":null,\"NodeNames\":[\"gvt-1\"]}".getBytes(StandardCharsets.US_ASCII);

    /**
     * 200 silent connections, and one header and one body trickler (fewer than the workers): 4 clients x 50 requests
     * are all answered 200. Silent connections cost the server a socket, not a worker.
     */
    @Test
    void silentConnectionsAndAFewTricklersDoNotKeepOthersFromBeingServed() throws Exception {
        Map<String, Integer> all = run(1, Duration.ofSeconds(60), 50);
        assertThat(all).isEqualTo(Map.of("200", 200));
    }

    /**
     * The limit of the JDK server's thread-per-exchange model, measured rather than asserted (run with
     * -Ddevplace.slowloris=true): twice as many tricklers as workers (as many header as body tricklers as workers) hold
     * every worker until the server's request time
     * limit (sun.net.httpserver.maxReqTime) cuts them off, and ordinary requests wait or time out meanwhile. See
     * docs/hardening.md and SECURITY.md (a reverse proxy with client timeouts in front).
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "devplace.slowloris", matches = "true")
    void manyTricklersMeasured() throws Exception {
        int workers = TestService.config(TestService.exampleConfig()).workersOrDefault();
        // -Ddevplace.slowloris.tricklers=N: N header and N body tricklers (default: as many of each as workers)
        int each = Integer.getInteger("devplace.slowloris.tricklers", workers);
        Map<String, Integer> all = run(each, Duration.ofSeconds(5), 10);
        assertThat(all.keySet()).doesNotContain("500");
    }

    static Map<String, Integer> run(int tricklersEach, Duration timeout, int perClient) throws Exception {
        try (TestService svc = TestService.start()) {
            int port = svc.server.address().getPort();
            int workers = TestService.config(TestService.exampleConfig()).workersOrDefault();
            AtomicBoolean stop = new AtomicBoolean();
            List<Socket> silent = new ArrayList<>();
            ExecutorService tricklers = Executors.newCachedThreadPool();
            try {
                for (int i = 0; i < 200; i++) silent.add(new Socket("127.0.0.1", port)); // connect, then say nothing
                String slowBody = new String(BODY, StandardCharsets.US_ASCII) + " ".repeat(300); // a minute at a byte per 200 ms
                String head = "POST /scheduler/filter HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + slowBody.length() + "\r\n\r\n";
                // twice as many header tricklers and body tricklers as there are workers
                for (int i = 0; i < tricklersEach; i++) {
                    tricklers.submit(() -> trickle(port, head.getBytes(StandardCharsets.US_ASCII), 0, stop));
                    tricklers.submit(() -> trickle(port, (head + slowBody).getBytes(StandardCharsets.US_ASCII), head.length(), stop));
                }
                Thread.sleep(500); // let every trickler start

                // meanwhile: 4 ordinary clients x 50 requests
                long t0 = System.nanoTime();
                ExecutorService clients = Executors.newFixedThreadPool(4);
                List<Future<Map<String, Integer>>> results = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    results.add(clients.submit(() -> {
                        Map<String, Integer> out = new TreeMap<>();
                        for (int i = 0; i < perClient; i++) {
                            String k;
                            try {
                                HttpResponse<String> r = svc.send(svc.request("/scheduler/filter").timeout(timeout)
                                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(BODY)).build());
                                k = String.valueOf(r.statusCode());
                            } catch (RuntimeException e) {
                                k = "no answer: " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName();
                            }
                            out.merge(k, 1, Integer::sum);
                        }
                        return out;
                    }));
                }
                Map<String, Integer> all = new TreeMap<>();
                for (Future<Map<String, Integer>> f : results) f.get(5, TimeUnit.MINUTES).forEach((k, v) -> all.merge(k, v, Integer::sum));
                clients.shutdown();
                System.out.println("slow clients: 200 silent, " + tricklersEach + " header and " + tricklersEach + " body tricklers, " + workers
                        + " workers; 4 clients x " + perClient + " requests (timeout " + timeout + "): " + all + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                return all;
            } finally {
                stop.set(true);
                tricklers.shutdownNow();
                for (Socket s : silent) s.close();
            }
        }
    }

    /** Sends {@code bytes}: the first {@code fast} at once, then one byte every 200 ms, until told to stop. */
    private static Void trickle(int port, byte[] bytes, int fast, AtomicBoolean stop) throws IOException, InterruptedException {
        while (!stop.get()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(bytes, 0, fast);
                out.flush();
                for (int i = fast; i < bytes.length && !stop.get(); i++) {
                    out.write(bytes[i]);
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException e) {
                // the server closed the connection on us (its request time limit): start again, as an attacker would
            }
        }
        return null;
    }
}
