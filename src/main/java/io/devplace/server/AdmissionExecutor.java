package io.devplace.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's executor: a fixed pool of workers behind a bounded queue. The JDK server drops a connection
 * without a word when its executor rejects work, so a full queue must not reject: the exchange goes to a small
 * overflow pool instead, marked as overloaded, and the router answers it 429 with Retry-After at once (probes are
 * still served there, so that kubelet does not restart a busy but healthy service).
 */
final class AdmissionExecutor implements Executor {
    private static final ThreadLocal<Boolean> OVERLOADED = new ThreadLocal<>();

    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor overflow;

    AdmissionExecutor(int workers, int queue) {
        this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)),
                threads("devplace-http-"), new ThreadPoolExecutor.AbortPolicy());
        // Overflow work is cheap (a 429); its queue is generous, and as the very last resort the dispatcher thread runs it.
        this.overflow = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000),
                threads("devplace-http-overflow-"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Whether the exchange running on this thread was admitted past a full queue (and must be answered 429). */
    static boolean overloaded() { return Boolean.TRUE.equals(OVERLOADED.get()); }

    @Override
    public void execute(Runnable exchange) {
        try {
            workers.execute(exchange);
        } catch (RejectedExecutionException full) {
            overflow.execute(() -> {
                OVERLOADED.set(Boolean.TRUE);
                try {
                    exchange.run();
                } finally {
                    OVERLOADED.remove();
                }
            });
        }
    }

    int queued() { return workers.getQueue().size(); }

    int active() { return workers.getActiveCount(); }

    /** Lets queued and running exchanges finish (up to {@code millis}), then stops the threads. */
    void shutdown(long millis) {
        workers.shutdown();
        overflow.shutdown();
        try {
            if (!workers.awaitTermination(millis, TimeUnit.MILLISECONDS)) workers.shutdownNow();
            if (!overflow.awaitTermination(Math.max(100, millis / 10), TimeUnit.MILLISECONDS)) overflow.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            overflow.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
