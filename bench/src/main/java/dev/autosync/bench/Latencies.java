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

    public int count() {
        return count;
    }
}
