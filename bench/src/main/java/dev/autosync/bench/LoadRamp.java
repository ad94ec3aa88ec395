package dev.autosync.bench;

import dev.autosync.local.SqsPoller;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Finds the highest rate the machine sustains, quickly: short steps from {@link LoadSettings#startRate},
 * doubled while a step is sustained, then one step halfway between the last sustained rate and the first that
 * was not. Sustained means: every delivery acknowledged, at ≥ 95 % of the offered rate, with ack p99 within
 * {@link LoadSettings#maxP99Millis}, and the processor keeping up (at the step's end no more than a second's
 * deliveries still queued: a backlog that grows every second is no rate the machine can keep up for long).
 * Each step starts from an empty queue.
 */
final class LoadRamp {

    /** A ramp never offers more than this. */
    static final double MAX_RATE = 5_000;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

    private final LoadSystem system;
    private final LoadDeliveries deliveries;
    private final LoadSettings settings;
    private final PrintStream out;

    LoadRamp(LoadSystem system, LoadDeliveries deliveries, LoadSettings settings, PrintStream out) {
        this.system = system;
        this.deliveries = deliveries;
        this.settings = settings;
        this.out = out;
    }

    /** The highest rate sustained, or the start rate when even that was not. */
    double find() throws InterruptedException {
        out.printf("ramp: %s s steps from %.0f/s, at most %d in flight; sustained = all acknowledged at >= 95 %% of the"
                        + " rate, ack p99 <= %.0f ms, at most 1 s of deliveries queued at the step's end%n",
                seconds(settings.step()), settings.startRate(), settings.inFlight(), settings.maxP99Millis());
        double sustained = 0;
        double failed = 0;
        for (double rate = settings.startRate(); rate <= MAX_RATE; rate *= 2) {
            if (!step(rate)) {
                failed = rate;
                break;
            }
            sustained = rate;
        }
        if (sustained > 0 && failed > 0 && step((sustained + failed) / 2)) {
            sustained = (sustained + failed) / 2;
        }
        if (sustained == 0) {
            out.printf("ramp: not even %.0f/s was sustained; the steady run uses it anyway%n", settings.startRate());
            return settings.startRate();
        }
        out.printf("ramp: highest rate sustained %.0f/s%n", sustained);
        return sustained;
    }

    private boolean step(double rate) throws InterruptedException {
        if (LoadDrain.await(system, SETTLE_LIMIT).isEmpty()) {
            out.println("ramp: the queue did not empty before the step; stopping the ramp");
            return false;
        }
        OpenLoop.Run run = OpenLoop.run(rate, settings.step(), settings.inFlight(),
                LoadDeliveries.TIMEOUT.plusSeconds(1), deliveries.sender());
        long queued = system.depths().eventsBacklog();
        double p99 = run.latencies().count() == 0 ? Double.NaN : run.latencies().percentileMillis(99);
        boolean sustained = run.failed() == 0 && run.acknowledgedRate() >= 0.95 * rate && p99 <= settings.maxP99Millis()
                && queued <= Math.max(2 * SqsPoller.BATCH_SIZE, rate);
        out.printf("  %6.0f/s offered: %6.1f/s acknowledged, %d failed, ack p50 %7.2f ms p99 %7.2f ms, %5d queued at the"
                        + " end: %s%n", rate, run.acknowledgedRate(), run.failed(),
                run.latencies().count() == 0 ? Double.NaN : run.latencies().percentileMillis(50), p99, queued,
                sustained ? "sustained" : "not sustained");
        return sustained;
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.3g", duration.toMillis() / 1000.0);
    }
}
