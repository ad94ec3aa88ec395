package dev.autosync.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A component's own worker threads, for I/O-bound fan-out (DynamoDB writes, GitHub page reads): at most
 * {@code threads} daemon threads, which end after {@value #IDLE_SECONDS} s without work. The component that
 * creates them owns them and closes them with itself; one that lives as long as its process (a Lambda
 * container's, built once by the wiring) holds no thread while idle. Never a static pool: several engines in
 * one process (the local runner, the benchmark's workers, tests) each get their own.
 */
public final class Workers implements AutoCloseable {

    private static final int IDLE_SECONDS = 30;

    private final ThreadPoolExecutor pool;
    private final ThreadLocal<Boolean> inPool = ThreadLocal.withInitial(() -> false);

    public Workers(String name, int threads) {
        this.pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(() -> {
                        inPool.set(true);
                        runnable.run();
                    }, name);
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * {@code action} on every item, several at a time; the results in order. Every action has ended when this
     * returns or throws the first failure ({@code failure} turns a checked cause, or an interruption, into the
     * caller's exception). Inline when called from one of these threads, so nesting cannot deadlock.
     */
    public <T, R> List<R> map(List<T> items, Function<T, R> action, Function<Exception, RuntimeException> failure) {
        if (items.size() <= 1 || inPool.get()) {
            return items.stream().map(action).toList();
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        items.forEach(item -> {
            Supplier<R> task = Priming.carried(() -> action.apply(item));
            futures.add(pool.submit(task::get));
        });
        List<R> results = new ArrayList<>(items.size());
        RuntimeException first = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException runtime ? runtime
                            : failure.apply(e.getCause() instanceof Exception cause ? cause : e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw failure.apply(e);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** {@code supplier} on one of these threads. */
    public <T> CompletableFuture<T> supply(Supplier<T> supplier) {
        return CompletableFuture.supplyAsync(Priming.carried(supplier), pool);
    }

    /** Threads alive now (busy or idle): for tests. */
    int threads() {
        return pool.getPoolSize();
    }

    /** Interrupts running work and ends every thread; later submissions are refused. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
