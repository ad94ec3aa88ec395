package dev.autosync.bench;

import java.util.Arrays;

/** Recorded per-operation latencies and their percentiles. */
public final class Latencies {

    private final long[] nanos;
    private int count;

    public Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    public void record(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    /** The {@code percentile} (0–100) in milliseconds, nearest-rank. */
    public double percentileMillis(double percentile) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1_000_000.0;
    }

    /** Every recorded latency in milliseconds, in recording order. */
    public double[] millis() {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            millis[i] = nanos[i] / 1_000_000.0;
        }
        return millis;
    }

    public int count() {
        return count;
    }
}
