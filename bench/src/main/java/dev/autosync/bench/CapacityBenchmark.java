package dev.autosync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * docs/capacity.md's simulation ({@code -Dexec.args=capacity}): a day of the capacity model's load replayed
 * through {@link DaySimulation} with the templates' defaults and with the document's recommended settings,
 * and its hot case through {@link HotPushSimulation}. No stand-ins: it replays measured per-event figures
 * ({@link CapacityModel#MEASURED}). The document quotes {@link #summary()} line by line, and a test checks
 * that it still does, so the model and its claims cannot drift apart.
 */
final class CapacityBenchmark implements BenchmarkSection {

    /** The simulations' random seed: the summary is the same on every machine. */
    static final long SEED = 20261202L;
    /** A push's commits as GitHub's payload lists them at most. */
    static final int HOT_PUSH_COMMITS = 2_048;
    /** {@code CommitStore}'s inserts in flight per push, and DynamoDB's latency from Lambda (I13). */
    static final int HOT_PUSH_PARALLEL = 8;
    static final double DYNAMODB_MILLIS = 4;

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public void run(BenchContext context) {
        Results results = simulate();
        summary(results).forEach(context.out()::println);
        DaySimulation.Deliveries day = results.recommended().deliveries();
        context.figures().add("capacity: longest queueing at the recommended settings", day.maxQueueingSeconds(), "s",
                "≤ 60 s");
        context.figures().add("capacity: peak table write units a second", results.recommended().peakWriteUnitsPerSecond(),
                "WRU/s", "the table's warm throughput docs/capacity.md sets", CapacityModel.LIMITS.warmWriteUnitsPerSecond(),
                "ratio < 1.00");
        context.figures().add("capacity: periodic run", results.recommended().sync().runSeconds(), "s",
                "the sync interval", CapacityModel.QUESTION.syncIntervalMinutes() * 60.0, "ratio < 1.00");
        context.figures().add("capacity: 2,048-commit push into one partition", results.hotPush().seconds(), "s",
                "unthrottled", results.hotPush().unthrottledSeconds(), null);
    }

    /** Both days and the hot push. */
    record Results(DaySimulation.Result defaults, DaySimulation.Result apiRaisedOnly, DaySimulation.Result recommended,
                   HotPushSimulation.Result hotPush) {
    }

    static Results simulate() {
        return new Results(
                DaySimulation.run(CapacityModel.QUESTION, CapacityModel.MEASURED, CapacityModel.DEFAULTS, SEED),
                DaySimulation.run(CapacityModel.QUESTION, CapacityModel.MEASURED, CapacityModel.API_RAISED_ONLY, SEED),
                DaySimulation.run(CapacityModel.QUESTION, CapacityModel.MEASURED, CapacityModel.RECOMMENDED, SEED),
                HotPushSimulation.run(HOT_PUSH_COMMITS, HOT_PUSH_PARALLEL, DYNAMODB_MILLIS,
                        CapacityModel.LIMITS.partitionWriteUnitsPerSecond(), SEED));
    }

    /** The lines docs/capacity.md quotes. */
    static List<String> summary(Results results) {
        List<String> lines = new ArrayList<>();
        lines.add(day("template defaults", CapacityModel.DEFAULTS, results.defaults()));
        lines.add(day("API throttle raised only", CapacityModel.API_RAISED_ONLY, results.apiRaisedOnly()));
        lines.add(day("recommended", CapacityModel.RECOMMENDED, results.recommended()));
        DaySimulation.SyncRuns sync = results.recommended().sync();
        CapacityModel.Limits limits = CapacityModel.LIMITS;
        lines.add(format("periodic run: %.0f s of every %d s; %.0f repository marks a second into one index key (limit %,d);"
                        + " %.0f points an installation-hour (of %,d); %.0f GitHub requests a minute while it runs (pace %d)",
                sync.runSeconds(), CapacityModel.QUESTION.syncIntervalMinutes() * 60, sync.marksPerSecond(),
                limits.partitionWriteUnitsPerSecond(), sync.pointsPerInstallationHour(), limits.installationPointsPerHour(),
                sync.githubRequestsPerMinuteDuringRun(), limits.secondaryPointsPerMinute()));
        HotPushSimulation.Result push = results.hotPush();
        lines.add(format("hot push: %,d commits, %d in flight at %.0f ms, one partition at %,d WCU/s: %.1f s (%.1f s unthrottled),"
                        + " %,d throttled attempts, at most %d attempts a write, %d writes failed",
                push.writes(), HOT_PUSH_PARALLEL, DYNAMODB_MILLIS, limits.partitionWriteUnitsPerSecond(), push.seconds(),
                push.unthrottledSeconds(), push.throttledAttempts(), push.maxAttempts(), push.failedWrites()));
        return lines;
    }

    private static String day(String label, CapacityModel.Settings settings, DaySimulation.Result result) {
        DaySimulation.Deliveries d = result.deliveries();
        return format("day, %s (processor %d, API %d/%d a second): %,d deliveries, peak %.0f a second; %,d throttled (%.1f %%);"
                        + " backlog at most %,d (%,.0f s of queueing), %,d at the end; peak %,.0f write units a second",
                label, settings.processorMaxConcurrency(), settings.apiRateLimit(), settings.apiBurstLimit(), d.arrived(),
                d.peakArrivalsPerSecond(), d.throttled(), 100.0 * d.throttled() / d.arrived(), d.maxBacklog(),
                d.maxQueueingSeconds(), d.backlogAtEnd(), result.peakWriteUnitsPerSecond());
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /** Prints the summary without starting stand-ins: {@code java -cp ... dev.autosync.bench.CapacityBenchmark}. */
    public static void main(String[] args) {
        summary(simulate()).forEach(System.out::println);
    }
}
