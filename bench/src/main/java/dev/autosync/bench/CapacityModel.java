package dev.autosync.bench;

/**
 * The inputs of docs/capacity.md that its simulation replays, each from the benchmark line the document
 * names (I1…I13 there). One place for these numbers: the document quotes the simulation's results, and
 * {@code CapacitySimulationTest} checks that it does.
 */
final class CapacityModel {

    private CapacityModel() {
    }

    /** The size in question (I1–I4). */
    record Load(long deliveriesPerDay, double peakFactor, int repositories, int installations, int syncIntervalMinutes) {

        double averagePerSecond() {
            return deliveriesPerDay / 86_400.0;
        }
    }

    /** What one delivery costs, measured (I5–I7), and what an idle periodic run costs per repository (I9, I10). */
    record PerEvent(double processorMillis, double writeUnitsPerDelivery, double indexWritesPerDelivery,
                    double syncSecondsPerInstallationRun, int syncRequestsPerInstallationRun,
                    double syncWriteUnitsPerRepository) {
    }

    /**
     * The deployment's knobs (template parameters): {@code ProcessorMaxConcurrency}, {@code SyncTasksMaxConcurrency},
     * {@code ApiThrottleRateLimit} / {@code ApiThrottleBurstLimit}.
     */
    record Settings(int processorMaxConcurrency, int syncTasksMaxConcurrency, int apiRateLimit, int apiBurstLimit) {
    }

    /** DynamoDB's and GitHub's limits the model checks against. */
    record Limits(int partitionWriteUnitsPerSecond, int onDemandInitialWriteUnitsPerSecond, int warmWriteUnitsPerSecond,
                  int installationPointsPerHour, int secondaryPointsPerMinute) {
    }

    /** 100,000 repositories across 1,000 installations, 10 million deliveries a day, peak 3 × average. */
    static final Load QUESTION = new Load(10_000_000, 3.0, 100_000, 1_000, 15);

    /**
     * Measured: I6 (processor 93 ms an event), I7 (8.93 WRU + 5.60 index writes a delivery of the mix, its archive entry and hour count included), the
     * idle run of an installation of 100 repositories (1.288 s: 100 × 2.095 DynamoDB requests × 4 ms + 3 GitHub
     * requests × 150 ms; ⌈100/100⌉ + 2 = 3 GitHub requests, I10), and per repository of a run 1.090 WRU + 1.006
     * index writes (I9).
     */
    static final PerEvent MEASURED = new PerEvent(93, 8.93, 5.60, 1.288, 3, 2.096);

    /** The templates' defaults. */
    static final Settings DEFAULTS = new Settings(10, 5, 50, 100);

    /** The stage throttle raised, the processor left at its default: the events queue's own limit shows. */
    static final Settings API_RAISED_ONLY = new Settings(10, 5, 400, 800);

    /** What docs/capacity.md recommends for this size. */
    static final Settings RECOMMENDED = new Settings(50, 5, 400, 800);

    /**
     * A partition (and an index key value) takes at most 1,000 WCU a second; a new on-demand table serves
     * up to 4,000 write units a second at once (more after it has seen them); an installation token has
     * 5,000 points an hour; GitHub's secondary limit is 900 REST points a minute. {@code warmWriteUnitsPerSecond}
     * is what docs/capacity.md tells to pre-warm the table to ({@code WarmThroughput}) for this size.
     */
    static final Limits LIMITS = new Limits(1_000, 4_000, 8_000, 5_000, 900);
}
