package dev.autosync.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends at a steady rate whatever the answers do (an open loop, as GitHub sends webhooks), with at most
 * {@code inFlight} requests unanswered: when none is free the next send waits, and its latency, counted from
 * when it was due rather than when it went out, includes that wait. So a slow system shows as high latency,
 * not as a politely lowered rate (coordinated omission).
 */
final class OpenLoop {

    /** Sends request {@code index}; completes with true when it was acknowledged. */
    interface Sender {
        CompletableFuture<Boolean> send(int index);
    }

    /**
     * What one run did.
     *
     * @param latencies acknowledged requests only, from due to answer
     * @param seconds   from the first due send to the last answer
     */
    record Run(double offeredRate, int sent, int acknowledged, int failed, Latencies latencies, double seconds) {

        double acknowledgedRate() {
            return acknowledged / seconds;
        }
    }

    private OpenLoop() {
    }

    /**
     * @param answerWait how long to wait for the last answers after the last send; those still missing count as failed
     */
    static Run run(double rate, Duration duration, int inFlight, Duration answerWait, Sender sender)
            throws InterruptedException {
        int count = Math.max(1, (int) Math.round(rate * duration.toNanos() / 1e9));
        double periodNanos = 1e9 / rate;
        Semaphore permits = new Semaphore(inFlight);
        CountDownLatch answered = new CountDownLatch(count);
        Latencies latencies = new Latencies(count);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * periodNanos);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            permits.acquire();
            CompletableFuture<Boolean> answer;
            try {
                answer = sender.send(i);
            } catch (RuntimeException e) {
                answer = CompletableFuture.completedFuture(false);
            }
            answer.whenComplete((ok, failure) -> {
                long now = System.nanoTime();
                if (failure == null && Boolean.TRUE.equals(ok)) {
                    synchronized (latencies) {
                        latencies.record(now - due);
                    }
                    acknowledged.incrementAndGet();
                }
                lastAnswer.accumulateAndGet(now, Math::max);
                permits.release();
                answered.countDown();
            });
        }
        answered.await(answerWait.toNanos(), TimeUnit.NANOSECONDS);
        long end = answered.getCount() == 0 ? lastAnswer.get() : System.nanoTime();
        int ok = acknowledged.get();
        synchronized (latencies) {
            return new Run(rate, count, ok, count - ok, latencies, (end - start) / 1e9);
        }
    }
}
