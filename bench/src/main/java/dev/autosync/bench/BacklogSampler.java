package dev.autosync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The events queue's backlog (messages waiting plus in flight: ApproximateNumberOfMessages, ...NotVisible and
 * ...Delayed) once a second, from the start of the steady run until the queue has drained.
 */
final class BacklogSampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(LoadDeliveries.daemon());
    private final List<double[]> samples = new ArrayList<>();
    private final long start = System.nanoTime();

    BacklogSampler(LoadSystem system) {
        timer.scheduleAtFixedRate(() -> {
            double backlog;
            try {
                backlog = system.depths().eventsBacklog();
            } catch (RuntimeException e) {
                return; // a missed sample; the chart has a gap
            }
            synchronized (samples) {
                samples.add(new double[] {Math.round((System.nanoTime() - start) / 1e8) / 10.0, backlog});
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    /** Pairs (seconds since the start, messages), in order. */
    double[] pairs() {
        synchronized (samples) {
            double[] pairs = new double[samples.size() * 2];
            for (int i = 0; i < samples.size(); i++) {
                pairs[2 * i] = samples.get(i)[0];
                pairs[2 * i + 1] = samples.get(i)[1];
            }
            return pairs;
        }
    }

    double peak() {
        synchronized (samples) {
            return samples.stream().mapToDouble(sample -> sample[1]).max().orElse(0);
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
