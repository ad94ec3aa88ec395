package dev.autosync.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a queue's function so that a share of its invocations crash mid-batch, as a Lambda container that
 * dies (out of memory, a timeout, a host failure) does: the first k messages of the batch are handled, their
 * writes made, then the invocation ends with an error, so nothing of the batch is deleted and all of it comes
 * back after the queue's visibility timeout — the k handled ones as duplicates. k is anything from 0 to the
 * whole batch (a crash after the work and before the delete). Seeded.
 */
final class CrashingConsumers {

    private final Random random;
    private volatile double share;
    private final Map<String, AtomicLong> crashes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> invocations = new ConcurrentHashMap<>();

    CrashingConsumers(long seed) {
        this.random = new Random(seed);
    }

    /** From now, each invocation crashes with this probability (0 stops it). */
    void crash(double share) {
        this.share = share;
    }

    /** Crashes so far against invocations, by queue name. */
    Map<String, String> crashes() {
        Map<String, String> counts = new java.util.TreeMap<>();
        invocations.forEach((queue, n) -> counts.put(queue, crashes.getOrDefault(queue, new AtomicLong()).get()
                + " of " + n.get() + " invocations"));
        return counts;
    }

    RequestHandler<SQSEvent, SQSBatchResponse> wrap(String queue, RequestHandler<SQSEvent, SQSBatchResponse> function) {
        return (SQSEvent event, Context context) -> {
            invocations.computeIfAbsent(queue, q -> new AtomicLong()).incrementAndGet();
            int handled = -1;
            synchronized (random) { // drawn under the lock, run outside it: the two consumers run at once
                if (random.nextDouble() < share) {
                    handled = random.nextInt(event.getRecords().size() + 1);
                }
            }
            if (handled < 0) {
                return function.handleRequest(event, context);
            }
            if (handled > 0) {
                SQSEvent first = new SQSEvent();
                first.setRecords(event.getRecords().subList(0, handled));
                function.handleRequest(first, context);
            }
            crashes.computeIfAbsent(queue, q -> new AtomicLong()).incrementAndGet();
            throw new IllegalStateException("simulated crash of " + queue + "'s function after " + handled + " of "
                    + event.getRecords().size() + " messages");
        };
    }
}
