package dev.autosync.bench;

import java.util.PriorityQueue;
import java.util.Random;

/**
 * The hot case of the capacity model: one push of {@code commits} commits into one repository, whose items
 * all share the partition key {@code REPO#<id>} (and whose index entries share gsi1's {@code REPO#<id>#COMMITS}).
 * The processor writes them {@code parallel} at a time ({@code CommitStore}'s 8), each taking
 * {@code latencyMillis}; the partition admits {@code partitionLimit} write units a second (a token bucket
 * holding at most 1/10 s of them: no burst credit assumed), and a refused write is retried by the SDK the
 * way its legacy mode does for DynamoDB throttling: up to 8 retries, waits drawn between half and all of
 * 500 ms × 2^(retry − 1), capped at 20 s. Millisecond steps; each commit item is 1 write unit (they are
 * under 1 KB).
 */
final class HotPushSimulation {

    /** The push as the partition served it. */
    record Result(int writes, double seconds, double unthrottledSeconds, long throttledAttempts, int maxAttempts,
                  int failedWrites) {
    }

    static final int MAX_ATTEMPTS = 9;
    private static final double THROTTLE_BASE_MILLIS = 500;
    private static final double MAX_BACKOFF_MILLIS = 20_000;

    private HotPushSimulation() {
    }

    static Result run(int commits, int parallel, double latencyMillis, int partitionLimit, long seed) {
        Random random = new Random(seed);
        double perMilli = partitionLimit / 1000.0;
        double capacity = partitionLimit / 10.0;
        double tokens = capacity;
        // Each worker's next attempt: (time it is made, the write's attempt number).
        PriorityQueue<double[]> attempts = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        int next = 0;
        for (; next < Math.min(parallel, commits); next++) {
            attempts.add(new double[] {0, 1});
        }
        long throttled = 0;
        int maxAttempts = 1;
        int failed = 0;
        double lastDone = 0;
        double clock = 0;
        while (!attempts.isEmpty()) {
            double[] attempt = attempts.poll();
            tokens = Math.min(capacity, tokens + (attempt[0] - clock) * perMilli);
            clock = attempt[0];
            int number = (int) attempt[1];
            maxAttempts = Math.max(maxAttempts, number);
            double done = clock + latencyMillis;
            if (tokens >= 1) {
                tokens -= 1;
                lastDone = Math.max(lastDone, done);
                if (next < commits) {
                    next++;
                    attempts.add(new double[] {done, 1});
                }
            } else if (number < MAX_ATTEMPTS) {
                throttled++;
                double ceiling = Math.min(MAX_BACKOFF_MILLIS, THROTTLE_BASE_MILLIS * Math.pow(2, number - 1));
                attempts.add(new double[] {done + ceiling / 2 + random.nextDouble() * ceiling / 2, number + 1});
            } else {
                // The delivery fails and SQS retries it later: its commits written so far are kept (idempotent).
                throttled++;
                failed++;
                lastDone = Math.max(lastDone, done);
                if (next < commits) {
                    next++;
                    attempts.add(new double[] {done, 1});
                }
            }
        }
        double unthrottled = Math.ceil((double) commits / parallel) * latencyMillis / 1000;
        return new Result(commits, lastDone / 1000, unthrottled, throttled, maxAttempts, failed);
    }
}
