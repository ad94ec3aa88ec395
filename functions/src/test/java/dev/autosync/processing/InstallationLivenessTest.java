package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.store.EntityStore;
import dev.autosync.sandbox.ManualClock;
import dev.autosync.store.Installation;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.Delegating;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The per-container view of whether an event's installation is deleted: how often it reads, and how stale it may be. */
@ExtendWith(AwsStandIns.class)
class InstallationLivenessTest {

    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");

    // Protects against reading the installation on every event, and against trusting a live one for longer
    // than the deletion's second purge allows for.
    @Test
    void liveInstallation_isReadOncePerMinute_andADeletedOneOnceForGood(AwsFixture aws) {
        Resources resources = aws.provision();
        ManualClock clock = new ManualClock(T);
        AtomicInteger reads = new AtomicInteger();
        DynamoDbClient counting = Delegating.around(DynamoDbClient.class, aws.dynamoDb(), method -> {
            if (method.getName().equals("getItem")) {
                reads.incrementAndGet();
            }
        });
        EntityStore writer = new EntityStore(aws.dynamoDb(), resources.tableName(), clock);
        writer.upsertInstallation(new Installation(5, "acme", "Organization", "all", null, null, T, T), T, T);
        InstallationLiveness liveness = new InstallationLiveness(new EntityStore(counting, resources.tableName(), clock), clock);

        for (int i = 0; i < 50; i++) {
            assertFalse(liveness.deleted(5));
        }
        assertEquals(1, reads.get(), "one read for 50 events within a minute");

        writer.deleteInstallation(5, T.plusSeconds(1));
        clock.advance(InstallationLiveness.ALIVE_FOR.minusSeconds(1));
        assertFalse(liveness.deleted(5), "still trusted: its deletion's second purge sweeps what this event writes");
        assertTrue(InstallationLiveness.ALIVE_FOR.compareTo(EntityStore.SWEEP_DELAY) < 0);

        clock.advance(java.time.Duration.ofSeconds(1));
        assertTrue(liveness.deleted(5));
        clock.advance(java.time.Duration.ofDays(1));
        assertTrue(liveness.deleted(5));
        assertEquals(2, reads.get(), "a deletion is final: remembered without reading again");
    }
}
