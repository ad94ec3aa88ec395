package dev.autosync.bench;

import dev.autosync.local.SqsPoller;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Finds, quickly, the highest rate the machine sustains: short steps from {@link LoadSettings#startRate},
 * doubled while the gateway keeps acknowledging, then one step halfway between the last rate sustained end to end
 * and the first that was not. A step is <em>acknowledged</em> when every delivery was, at ≥ 95 % of the offered
 * rate, with ack p99 within {@link LoadSettings#maxP99Millis}; it is <em>sustained</em> when, besides, the
 * processor kept up (at the step's end no more than a second's deliveries still queued, beyond the two batches of
 * {@link SqsPoller#BATCH_SIZE} that may be in hand at any rate: a backlog that grows every second is no rate the
 * machine keeps up for long). Each step starts from an empty queue. The doubling also gives
 * the gateway's own ceiling, the highest rate acknowledged; it stops early once a step leaves more than
 * {@link #BACKLOG_STOP} messages queued, since the next would take minutes to drain.
 */
final class LoadRamp {

    /** A ramp never offers more than this. */
    static final double MAX_RATE = 5_000;
    /** Past this many messages queued at a step's end, doubling again would cost minutes of draining. */
    static final long BACKLOG_STOP = 2_000;

    /**
     * @param sustained    the highest rate sustained end to end (the start rate when none was)
     * @param acknowledged the highest rate the gateway acknowledged (0: not even the start rate)
     * @param ceilingFound false when the ramp stopped before the gateway degraded (its ceiling is higher)
     */
    record Found(double sustained, double acknowledged, boolean ceilingFound) {
    }

    private record Step(boolean acknowledged, boolean sustained, long queued) {
    }

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

    Found find() throws InterruptedException {
        out.printf(Locale.ROOT, "ramp: %s s steps from %.0f/s, at most %d in flight; acknowledged = all at >= 95 %% of the"
                        + " rate with ack p99 <= %.0f ms; sustained = acknowledged and at most 1 s of deliveries (+ 2"
                        + " batches) queued at the step's end%n", seconds(settings.step()), settings.startRate(),
                settings.inFlight(), settings.maxP99Millis());
        double sustained = 0;
        double firstUnsustained = 0;
        double acknowledged = 0;
        boolean ceilingFound = true;
        for (double rate = settings.startRate(); ; rate *= 2) {
            if (rate > MAX_RATE) {
                ceilingFound = false;
                break;
            }
            Step step = step(rate);
            if (step == null || !step.acknowledged()) {
                firstUnsustained = firstUnsustained == 0 ? rate : firstUnsustained;
                break;
            }
            acknowledged = rate;
            if (step.sustained() && firstUnsustained == 0) {
                sustained = rate;
            } else if (firstUnsustained == 0) {
                firstUnsustained = rate;
            }
            if (step.queued() > BACKLOG_STOP) {
                ceilingFound = false;
                break;
            }
        }
        if (sustained > 0 && firstUnsustained > sustained) {
            Step halfway = step((sustained + firstUnsustained) / 2);
            if (halfway != null && halfway.sustained()) {
                sustained = (sustained + firstUnsustained) / 2;
            }
        }
        if (sustained == 0) {
            out.printf(Locale.ROOT, "ramp: not even %.0f/s was sustained; the steady run uses it anyway%n", settings.startRate());
            sustained = settings.startRate();
        }
        out.printf(Locale.ROOT, "ramp: highest rate sustained end to end %.0f/s; acknowledged by the gateway %s%.0f/s%n",
                sustained, ceilingFound ? "" : "at least ", acknowledged);
        return new Found(sustained, acknowledged, ceilingFound);
    }

    /** One step from an empty queue; null when the queue did not empty before it. */
    private Step step(double rate) throws InterruptedException {
        if (LoadDrain.await(system, settings.drainLimit()).isEmpty()) {
            out.println("ramp: the queue did not empty before the step; stopping the ramp");
            return null;
        }
        OpenLoop.Run run = OpenLoop.run(rate, settings.step(), settings.inFlight(),
                LoadDeliveries.TIMEOUT.plusSeconds(1), deliveries.sender());
        long queued = system.depths().eventsBacklog();
        double p50 = run.latencies().count() == 0 ? Double.NaN : run.latencies().percentileMillis(50);
        double p99 = run.latencies().count() == 0 ? Double.NaN : run.latencies().percentileMillis(99);
        boolean acknowledged = run.failed() == 0 && run.acknowledgedRate() >= 0.95 * rate && p99 <= settings.maxP99Millis();
        // Two batches may be in the poller's hands or just arrived at any moment, whatever the rate.
        boolean sustained = acknowledged && queued <= 2 * SqsPoller.BATCH_SIZE + rate;
        out.printf(Locale.ROOT, "  %6.0f/s offered: %6.1f/s acknowledged, %d failed, ack p50 %7.2f ms p99 %7.2f ms, %5d"
                        + " queued at the end: %s%n", rate, run.acknowledgedRate(), run.failed(), p50, p99, queued,
                sustained ? "sustained" : acknowledged ? "acknowledged, processor behind" : "not acknowledged");
        return new Step(acknowledged, sustained, queued);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3g", duration.toMillis() / 1000.0);
    }
}
