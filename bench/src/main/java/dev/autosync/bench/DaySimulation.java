package dev.autosync.bench;

import java.util.Random;

/**
 * A day of deliveries replayed second by second through {@link CapacityModel}: arrivals following working
 * hours (peak {@code peakFactor} × the average, Poisson noise each second), the HTTP API's stage throttle (a
 * token bucket: rate and burst), the events queue and the processor's capacity ({@code ProcessorMaxConcurrency}
 * ÷ its duration per event), the table's write units a second (deliveries and periodic runs), and every
 * periodic run's installation tasks shared by the sync-task workers.
 *
 * <p>What it does not model: Lambda's scale-up ramp (it takes the configured concurrency as available at
 * once; Lambda adds up to 300 SQS pollers' worth a minute, far above these caps), batching windows (under
 * load batches fill well within them) and first imports (not part of a steady day).
 */
final class DaySimulation {

    static final int SECONDS_A_DAY = 86_400;
    /** Traffic's busiest hour, UTC (Europe's afternoon, the Americas' morning). */
    private static final double PEAK_HOUR = 15.0;
    /** Night-time traffic floor relative to the bump's top (bots, CI, other time zones). */
    private static final double FLOOR = 0.05;

    /** What the deliveries met in the day. */
    record Deliveries(long arrived, long throttled, double peakArrivalsPerSecond, long maxBacklog,
                      double maxQueueingSeconds, long backlogAtEnd) {
    }

    /** What a periodic run needs. */
    record SyncRuns(double runSeconds, double marksPerSecond, double pointsPerInstallationHour,
                    double githubRequestsPerMinuteDuringRun) {
    }

    record Result(Deliveries deliveries, double peakWriteUnitsPerSecond, SyncRuns sync) {
    }

    private DaySimulation() {
    }

    static Result run(CapacityModel.Load load, CapacityModel.PerEvent perEvent, CapacityModel.Settings settings, long seed) {
        Random random = new Random(seed);
        double sigma = sigmaFor(load.peakFactor());
        double meanShape = meanShape(sigma);
        double average = load.averagePerSecond();
        double processorPerSecond = settings.processorMaxConcurrency() * 1000.0 / perEvent.processorMillis();

        SyncRuns sync = syncRuns(load, perEvent, settings);
        int interval = load.syncIntervalMinutes() * 60;

        double tokens = settings.apiBurstLimit();
        long arrived = 0;
        long throttled = 0;
        long backlog = 0;
        long maxBacklog = 0;
        double peakArrivals = 0;
        double peakWriteUnits = 0;
        for (int second = 0; second < SECONDS_A_DAY; second++) {
            double lambda = average * shape(second / 3600.0, sigma) / meanShape;
            long arrivals = Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
            peakArrivals = Math.max(peakArrivals, arrivals);
            arrived += arrivals;
            tokens = Math.min(settings.apiBurstLimit(), tokens + settings.apiRateLimit());
            long accepted = Math.min(arrivals, (long) tokens);
            tokens -= accepted;
            throttled += arrivals - accepted;
            backlog += accepted;
            long processed = Math.min(backlog, (long) processorPerSecond);
            backlog -= processed;
            maxBacklog = Math.max(maxBacklog, backlog);
            boolean syncing = second % interval < sync.runSeconds();
            double writeUnits = processed * (perEvent.writeUnitsPerDelivery() + perEvent.indexWritesPerDelivery())
                    + (syncing ? sync.marksPerSecond() * perEvent.syncWriteUnitsPerRepository() : 0);
            peakWriteUnits = Math.max(peakWriteUnits, writeUnits);
        }
        Deliveries deliveries = new Deliveries(arrived, throttled, peakArrivals, maxBacklog,
                maxBacklog / processorPerSecond, backlog);
        return new Result(deliveries, peakWriteUnits, sync);
    }

    /** A run's installation tasks, taken by the sync-task workers in turn. */
    static SyncRuns syncRuns(CapacityModel.Load load, CapacityModel.PerEvent perEvent, CapacityModel.Settings settings) {
        double rounds = Math.ceil((double) load.installations() / settings.syncTasksMaxConcurrency());
        double runSeconds = rounds * perEvent.syncSecondsPerInstallationRun();
        double runsAnHour = 60.0 / load.syncIntervalMinutes();
        double requests = (double) load.installations() * perEvent.syncRequestsPerInstallationRun();
        return new SyncRuns(runSeconds, load.repositories() / runSeconds,
                perEvent.syncRequestsPerInstallationRun() * runsAnHour, requests / (runSeconds / 60));
    }

    /** A bump around {@link #PEAK_HOUR} on the day's circle, over a floor. */
    private static double shape(double hour, double sigma) {
        double distance = Math.abs(hour - PEAK_HOUR);
        distance = Math.min(distance, 24 - distance);
        return FLOOR + Math.exp(-distance * distance / (2 * sigma * sigma));
    }

    private static double meanShape(double sigma) {
        double sum = 0;
        for (int minute = 0; minute < 1440; minute++) {
            sum += shape(minute / 60.0, sigma);
        }
        return sum / 1440;
    }

    /** The bump's width (hours) giving a peak of {@code peakFactor} × the day's average, by bisection. */
    static double sigmaFor(double peakFactor) {
        double narrow = 0.1;
        double wide = 24;
        for (int i = 0; i < 60; i++) {
            double middle = (narrow + wide) / 2;
            // A wider bump raises the mean, lowering peak ÷ mean.
            if ((1 + FLOOR) / meanShape(middle) > peakFactor) {
                narrow = middle;
            } else {
                wide = middle;
            }
        }
        return (narrow + wide) / 2;
    }
}
