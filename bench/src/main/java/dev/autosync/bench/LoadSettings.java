package dev.autosync.bench;

import java.time.Duration;

/**
 * How the load section runs, from {@code -Dbench.load.*} system properties.
 *
 * @param steady         how long the steady rate is sent ({@code seconds}, default 60)
 * @param rate           the steady rate in deliveries a second; 0 (default): the highest the ramp finds sustained
 * @param inFlight       most requests unanswered at once ({@code inFlight}, default 32)
 * @param step           how long each ramp step sends ({@code stepSeconds}, default 3)
 * @param startRate      the ramp's first rate ({@code startRate}, default 20), doubled each step that is sustained
 * @param maxP99Millis   a step whose ack p99 is higher is not sustained ({@code maxP99Ms}, default 250)
 * @param drainLimit     how long to wait for the queue to empty before giving up ({@code drainSeconds}, default 120)
 * @param warmUp         sent at the start rate before anything is measured ({@code warmupSeconds}, default 5): the
 *                       JIT, the connections, the table's first items
 */
record LoadSettings(Duration steady, double rate, int inFlight, Duration step, double startRate, double maxP99Millis,
                    Duration drainLimit, Duration warmUp) {

    private static final String PREFIX = "bench.load.";

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(seconds("seconds", 60), number("rate", 0), (int) number("inFlight", 32),
                seconds("stepSeconds", 3), number("startRate", 20), number("maxP99Ms", 500),
                seconds("drainSeconds", 120), seconds("warmupSeconds", 5));
    }

    /** A short run at a fixed rate, no ramp (the test's). */
    static LoadSettings fixed(double rate, Duration steady) {
        return new LoadSettings(steady, rate, 8, Duration.ofSeconds(1), rate, 500, Duration.ofSeconds(60),
                Duration.ofSeconds(1));
    }

    private static Duration seconds(String name, double fallback) {
        return Duration.ofMillis(Math.round(number(name, fallback) * 1000));
    }

    private static double number(String name, double fallback) {
        String value = System.getProperty(PREFIX + name, "").trim();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed < 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PREFIX + name + " must be a number ≥ 0, not '" + value + "'");
        }
    }
}
