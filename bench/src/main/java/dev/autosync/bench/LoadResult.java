package dev.autosync.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one load run measured.
 *
 * @param rate        the steady rate offered (found by the ramp, or set)
 * @param ramp        what the ramp found, when it ran
 * @param steady      the steady run through the gateway
 * @param bare        the baseline: bare SendMessage alongside the steady run
 * @param backlog     pairs (seconds since the steady run started, messages on the events queue)
 * @param drain       seconds from the last acknowledgement until the queue was empty; empty: gave up after
 *                    {@code drainLimit}
 * @param deadLetters messages on the dead-letter queues at the end
 * @param cleanedUp   after the system stopped: its data folder removed, and nothing listening on its ports (the
 *                    gateway's, dynalite's process, ElasticMQ's, the sandbox's)
 */
record LoadResult(double rate, Optional<LoadRamp.Found> ramp, OpenLoop.Run steady, OpenLoop.Run bare, double[] backlog, double backlogPeak,
                  OptionalDouble drain, Duration drainLimit, ExactlyOnce proof, long deadLetters, boolean cleanedUp) {

    LoadResult withCleanedUp(boolean cleaned) {
        return new LoadResult(rate, ramp, steady, bare, backlog, backlogPeak, drain, drainLimit, proof, deadLetters, cleaned);
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "steady: %.0f/s offered for %s s: %,d sent, %,d acknowledged (%.1f/s), %d not acknowledged%n",
                rate, LoadRamp.seconds(steadyLength()), steady.sent(), steady.acknowledged(), steady.acknowledgedRate(),
                steady.failed());
        out.printf(Locale.ROOT, "ack latency (from when each delivery was due)   p50 %7.2f ms   p99 %7.2f ms%n",
                percentile(steady, 50), percentile(steady, 99));
        out.printf(Locale.ROOT, "bare SQS SendMessage alongside, %.0f/s          p50 %7.2f ms   p99 %7.2f ms%n",
                bare.offeredRate(), percentile(bare, 50), percentile(bare, 99));
        out.printf(Locale.ROOT, "ack / bare                                      p50 %7.3f x    p99 %7.3f x%n",
                percentile(steady, 50) / percentile(bare, 50), percentile(steady, 99) / percentile(bare, 99));
        out.printf(Locale.ROOT, "events queue backlog: peak %,.0f messages; drained %s%n", backlogPeak,
                drain.isPresent() ? String.format(Locale.ROOT, "%.1f s after the last acknowledgement", drain.getAsDouble())
                        : "NOT within " + drainLimit.toSeconds() + " s: gave up");
        out.println("exactly once, over every delivery of the run (installation, ramp, steady): " + proof.describe());
        out.printf("dead-lettered messages: %d; cleaned up (data folder removed, no port of the system open): %s%n", deadLetters,
                cleanedUp ? "yes" : "NO");
    }

    void record(Figures figures) {
        String at = String.format(Locale.ROOT, " at %.0f/s", rate);
        figures.add("acknowledged deliveries per second (" + LoadRamp.seconds(steadyLength()) + " s steady)",
                steady.acknowledgedRate(), "per second", "offered rate", rate, null);
        ramp.ifPresent(found -> figures.add("highest rate the gateway acknowledged (ramp" + (found.ceilingFound() ? ""
                        : ", stopped before it degraded: at least") + ")", found.acknowledged(), "per second",
                "rate sustained end to end", found.sustained(), null));
        for (int p : new int[] {50, 99}) {
            figures.add("ack latency p" + p + at, percentile(steady, p), "ms",
                    "bare SQS SendMessage p" + p + " alongside", percentile(bare, p), null);
        }
        figures.add("deliveries not acknowledged", steady.failed(), "deliveries", "0");
        figures.add("events queue backlog, peak", backlogPeak, "messages", null);
        String drainTarget = "gives up after " + drainLimit.toSeconds() + " s";
        if (drain.isPresent()) {
            figures.add("time to drain after the last ack", drain.getAsDouble(), "s", drainTarget);
        } else {
            figures.add("time to drain: NOT drained, gave up", drainLimit.toSeconds(), "s", drainTarget);
        }
        figures.add("deliveries of the run processed exactly once (ledger, processor log)",
                Math.min(proof.completedOnce(), proof.loggedOnce()),
                "deliveries", "acknowledged", proof.acknowledged(), "ratio 1.000");
        figures.add("processed more than once", proof.loggedTwice(), "deliveries", "0");
        figures.add("dead-lettered", deadLetters, "messages", "0");
        figures.series("load.backlog", backlog);
        figures.series("load.stopped", new double[] {steady.seconds()});
        figures.series("load.ack.ms", steady.latencies().millis());
        figures.series("load.bare.ms", bare.latencies().millis());
    }

    private Duration steadyLength() {
        return Duration.ofMillis(Math.round(steady.sent() / rate * 1000));
    }

    private static double percentile(OpenLoop.Run run, int p) {
        return run.latencies().count() == 0 ? Double.NaN : run.latencies().percentileMillis(p);
    }
}
