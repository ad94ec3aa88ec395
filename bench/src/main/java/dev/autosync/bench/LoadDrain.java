package dev.autosync.bench;

import java.time.Duration;
import java.util.OptionalDouble;

/** Waiting for the events queue to empty: every acknowledged delivery taken, processed and deleted. */
final class LoadDrain {

    private static final long POLL_MILLIS = 100;

    private LoadDrain() {
    }

    /**
     * Seconds until the events queue held no message (waiting or in flight), or empty when it still held some
     * after {@code limit}.
     */
    static OptionalDouble await(LoadSystem system, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (system.depths().eventsBacklog() > 0) {
            if (System.nanoTime() > deadline) {
                return OptionalDouble.empty();
            }
            Thread.sleep(POLL_MILLIS);
        }
        return OptionalDouble.of((System.nanoTime() - start) / 1e9);
    }
}
