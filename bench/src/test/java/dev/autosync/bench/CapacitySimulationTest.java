package dev.autosync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.standins.ProjectRoot;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/capacity.md's claims, replayed: a day of 10 million deliveries through the model of the measured
 * per-event figures, and its hot case. The document quotes the simulation's summary, checked here line by line.
 */
class CapacitySimulationTest {

    private static final CapacityBenchmark.Results RESULTS = CapacityBenchmark.simulate();

    @Test
    void theDaysArrivals_areTheQuestionsLoad() {
        DaySimulation.Deliveries day = RESULTS.recommended().deliveries();
        assertEquals(10_000_000, day.arrived(), 10_000_000 * 0.01, "10 million deliveries within 1 %");
        double average = CapacityModel.QUESTION.averagePerSecond();
        // The busiest second: the 3 × peak plus Poisson noise, not far above.
        assertTrue(day.peakArrivalsPerSecond() >= 3 * average && day.peakArrivalsPerSecond() <= 3.6 * average,
                "peak " + day.peakArrivalsPerSecond() + " vs average " + average);
    }

    @Test
    void atTheTemplatesDefaults_theApiThrottlesMostDeliveries() {
        DaySimulation.Deliveries day = RESULTS.defaults().deliveries();
        assertTrue(day.throttled() > day.arrived() / 2, "the 50-a-second stage throttle refuses most: " + day);
    }

    @Test
    void withOnlyTheApiThrottleRaised_theQueueGrowsThroughTheDay() {
        DaySimulation.Deliveries day = RESULTS.apiRaisedOnly().deliveries();
        assertEquals(0, day.throttled(), day.toString());
        assertTrue(day.maxQueueingSeconds() > 3_600, "10 processors fall hours behind at the peak: " + day);
    }

    @Test
    void atTheRecommendedSettings_nothingIsThrottled_andTheQueueDrains() {
        DaySimulation.Result result = RESULTS.recommended();
        DaySimulation.Deliveries day = result.deliveries();
        assertEquals(0, day.throttled(), day.toString());
        assertTrue(day.maxQueueingSeconds() <= 60, "a delivery waits at most a minute in the queue: " + day);
        assertEquals(0, day.backlogAtEnd(), day.toString());
        // Above what a new on-demand table takes at once (hence the document's pre-warming), within the warm throughput.
        assertTrue(result.peakWriteUnitsPerSecond() > CapacityModel.LIMITS.onDemandInitialWriteUnitsPerSecond()
                && result.peakWriteUnitsPerSecond() < CapacityModel.LIMITS.warmWriteUnitsPerSecond(),
                "the busiest second's write units: " + result.peakWriteUnitsPerSecond());
    }

    @Test
    void aPeriodicRun_fitsItsIntervalTheIndexKeyAndTheRateLimits() {
        DaySimulation.SyncRuns sync = RESULTS.recommended().sync();
        assertTrue(sync.runSeconds() < CapacityModel.QUESTION.syncIntervalMinutes() * 60, sync.toString());
        assertTrue(sync.marksPerSecond() < CapacityModel.LIMITS.partitionWriteUnitsPerSecond(), sync.toString());
        assertTrue(sync.pointsPerInstallationHour() < CapacityModel.LIMITS.installationPointsPerHour() / 100.0,
                "under 1 % of an installation's points: " + sync);
        assertTrue(sync.githubRequestsPerMinuteDuringRun() < CapacityModel.LIMITS.secondaryPointsPerMinute(), sync.toString());
    }

    @Test
    void theHotPush_isThrottledButEveryWriteLands() {
        HotPushSimulation.Result push = RESULTS.hotPush();
        assertEquals(0, push.failedWrites(), push.toString());
        assertTrue(push.throttledAttempts() > 0, "8 writes in flight at 4 ms ask twice the partition's limit: " + push);
        double floor = (double) push.writes() / CapacityModel.LIMITS.partitionWriteUnitsPerSecond();
        assertTrue(push.seconds() >= floor, "no faster than the partition admits: " + push);
        assertTrue(push.seconds() < 60, "well within the processor's timeout: " + push);
    }

    @Test
    void aPushWithinThePartitionsLimit_isNeverThrottled() {
        HotPushSimulation.Result push = HotPushSimulation.run(2_048, 2, 4, 1_000, 1);
        assertEquals(0, push.throttledAttempts(), push.toString());
        assertEquals(push.unthrottledSeconds(), push.seconds(), 0.01, push.toString());
    }

    @Test
    void theCapacityModel_quotesTheSimulationsSummary() throws Exception {
        String document = Files.readString(ProjectRoot.find().resolve("docs/capacity.md"));
        List<String> summary = CapacityBenchmark.summary(RESULTS);
        for (String line : summary) {
            assertTrue(document.contains(line), "docs/capacity.md quotes the simulation's line:\n" + line);
        }
    }
}
