package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.store.Keys;
import dev.autosync.store.RateLimits;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.Delegating;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The sync engine records the rate limit GitHub's responses reported for each installation: at the end of
 * each installation check (so once per installation and run, however many repository tasks follow), and
 * when a spent limit makes the installation wait — from the response headers it already has, never with a
 * request of its own.
 */
@ExtendWith(AwsStandIns.class)
class RateLimitRecordingTest {

    @Test
    void eachRun_recordsTheInstallationsRateLimit_onceForTheInstallation(AwsFixture aws) {
        AtomicInteger rateLimitWrites = new AtomicInteger();
        try (SyncRig rig = new SyncRig(aws, SyncSettings.defaults(), dynamoDb -> counting(dynamoDb, rateLimitWrites))) {
            long installation = rig.sandbox.install("acme", "Organization", 6, 3);
            int importTasks = rig.runTasks(); // the installation webhook's import
            assertTrue(importTasks >= 7, "one installation task and six repository tasks, ran " + importTasks);
            assertEquals(1, rateLimitWrites.get(), "one write for the import's one installation check");
            long requestsBefore = rig.sandbox.requestCount();

            RateLimits.InstallationRateLimit recorded = rateLimits(rig).of(installation).orElseThrow();

            assertEquals("acme", recorded.accountLogin());
            RateLimits.Observed seen = recorded.observed().orElseThrow();
            assertEquals(5000, seen.limit());
            assertEquals("core", seen.resource());
            assertTrue(seen.remaining() < 5000 && seen.remaining() >= 5000 - rig.sandbox.pointsSpent(installation), seen.toString());
            assertEquals(rig.sandbox.rateLimitReset(installation), seen.resetAt());
            assertTrue(recorded.blockedUntil().isEmpty());

            rig.sandbox.push("acme/repo-1", "main", "one more");
            rig.clock.advance(java.time.Duration.ofMinutes(15));
            rig.periodicRun();

            assertEquals(2, rateLimitWrites.get(), "one more for the periodic run's installation check");
            RateLimits.Observed later = rateLimits(rig).of(installation).orElseThrow().observed().orElseThrow();
            assertTrue(later.observedAt().isAfter(seen.observedAt()), later + " after " + seen);
            assertTrue(later.remaining() <= seen.remaining(), later + " after " + seen);
            assertTrue(rig.sandbox.requestCount() > requestsBefore);
        }
    }

    @Test
    void aSpentLimit_isRecordedAsAWait_onceForEachReset(AwsFixture aws) {
        AtomicInteger rateLimitWrites = new AtomicInteger();
        List<Instant> waits = new ArrayList<>();
        try (SyncRig rig = new SyncRig(aws, SyncSettings.defaults(), dynamoDb -> counting(dynamoDb, rateLimitWrites))) {
            rig.sandbox.webhooks().disable();
            long installation = rig.sandbox.install("busy", "Organization");
            for (int i = 0; i < 12; i++) {
                rig.sandbox.push(rig.sandbox.createRepo(installation, "r" + i), "main", "a" + i, "b" + i);
            }
            rig.sandbox.setRateLimit(installation, 15);

            SyncRig.SyncJobResult run = rig.periodicRun();

            RateLimits.InstallationRateLimit recorded = rateLimits(rig).of(installation).orElseThrow();
            assertTrue(recorded.blockedUntil().isPresent(), recorded.toString());
            recorded.blockedUntil().ifPresent(waits::add);
            assertTrue(!recorded.blockedUntil().get().isAfter(rig.clock.instant()), "the wait is over once the run ended");
            assertEquals(15, recorded.observed().orElseThrow().limit());
            // The import's installation check once, plus one per reset the installation waited for (its first
            // waiting task's); the other tasks that wait for a reset already recorded write nothing.
            var imported = rig.jobs.jobs(new dev.autosync.store.JobFilter(java.util.Optional.of(
                    dev.autosync.store.SyncJob.Type.AUTO_IMPORT), java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.empty()), dev.autosync.store.PageRequest.first(1)).items().get(0);
            long taskWaits = imported.details().path("waits").asLong();
            assertTrue(taskWaits >= 2, imported.details().toString());
            assertTrue(rateLimitWrites.get() >= 2 && rateLimitWrites.get() < taskWaits && rateLimitWrites.get() < run.tasksRun() / 4,
                    rateLimitWrites.get() + " writes for " + run.tasksRun() + " tasks that waited " + taskWaits + " times");
        }
    }

    private static RateLimits rateLimits(SyncRig rig) {
        return new RateLimits(rig.aws.dynamoDb(), rig.resources.tableName());
    }

    /** The client, counting every UpdateItem on the rate-limit partition. */
    private static DynamoDbClient counting(DynamoDbClient dynamoDb, AtomicInteger writes) {
        return Delegating.aroundCalls(DynamoDbClient.class, dynamoDb, (method, args) -> {
            if (method.getName().equals("updateItem") && args != null && args[0] instanceof UpdateItemRequest request
                    && Keys.RATE_LIMITS.equals(request.key().get("pk").s())) {
                writes.incrementAndGet();
            }
        });
    }
}
