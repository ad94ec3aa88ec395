package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autosync.store.DeliveryLedger.Claim;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery ledger's claim rules, each of which the processor's exactly-once effect rests on: a live
 * attempt is never run twice at once, a dead one is taken over, a finished one is never redone.
 */
@ExtendWith(AwsStandIns.class)
class DeliveryLedgerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(120);

    @Test
    void claimWithinTheLease_isBusy_andAfterIt_isTakenOver(AwsFixture aws) {
        String table = aws.provision().tableName();

        assertEquals(Claim.FRESH, at(aws, table, T0).claim("d-1", "push", null, T0));
        // Protects against two processors running one delivery at once while the first is alive.
        assertEquals(Claim.BUSY, at(aws, table, T0.plus(LEASE).minusMillis(1)).claim("d-1", "push", null, T0));
        assertEquals(Claim.BUSY, at(aws, table, T0.plus(LEASE)).claim("d-1", "push", null, T0),
                "the lease still holds at its last instant");
        // Protects against a crashed attempt's delivery being stuck (BUSY) until it lands in the DLQ.
        assertEquals(Claim.RESUMED, at(aws, table, T0.plus(LEASE).plusMillis(1)).claim("d-1", "push", null, T0));
        assertEquals(Claim.BUSY, at(aws, table, T0.plus(LEASE).plusSeconds(1)).claim("d-1", "push", null, T0),
                "the takeover holds a fresh lease of its own");
    }

    @Test
    void completedDelivery_isNeverClaimedAgain_norDowngradedByALateFailure(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryLedger ledger = at(aws, table, T0);
        ledger.claim("d-2", "issues", "opened", T0);
        ledger.complete("d-2", "issue written");

        assertEquals(Claim.COMPLETED, ledger.claim("d-2", "issues", "opened", T0));
        // A slow attempt whose lease was taken over fails after the takeover completed.
        ledger.fail("d-2", "issues", "StoreUnavailableException: late");
        assertEquals(Claim.COMPLETED, at(aws, table, T0.plus(Duration.ofDays(1))).claim("d-2", "issues", null, T0));
        Delivery recorded = new StoreQueries(aws.dynamoDb(), table).delivery("d-2").orElseThrow();
        assertEquals(Delivery.Status.COMPLETED, recorded.status());
        assertEquals("issue written", recorded.outcome());
    }

    @Test
    void failedAttempt_isRetriedAtOnce_andItsErrorKeptForTheOperator(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryLedger ledger = at(aws, table, T0);
        ledger.claim("d-3", "push", null, T0);
        ledger.fail("d-3", "push", "StoreUnavailableException: throttled");

        Delivery failed = new StoreQueries(aws.dynamoDb(), table).delivery("d-3").orElseThrow();
        assertEquals(Delivery.Status.FAILED, failed.status());
        assertEquals("StoreUnavailableException: throttled", failed.error());
        assertEquals(Claim.RESUMED, ledger.claim("d-3", "push", null, T0), "no need to wait out a lease");
        assertEquals(2, new StoreQueries(aws.dynamoDb(), table).delivery("d-3").orElseThrow().attempts());
    }

    @Test
    void failureOfAMessageNeverClaimed_isRecordedUnderItsDelivery(AwsFixture aws) {
        String table = aws.provision().tableName();
        at(aws, table, T0).fail("d-4", "push", "UnreadablePayloadException: payload is not JSON");

        Delivery failed = new StoreQueries(aws.dynamoDb(), table).delivery("d-4").orElseThrow();
        assertEquals(Delivery.Status.FAILED, failed.status());
        assertEquals("push", failed.event());
    }

    // Protects GitHub's redelivery and finished work: a rejected delivery may still be processed under its id
    // (a redelivery after a fix), and a rejection never overwrites a completed delivery (a replay reusing its id).
    @Test
    void rejectedDelivery_mayBeClaimedAgain_andNeverOverwritesACompletedOne(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryLedger ledger = at(aws, table, T0);
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), table);
        ledger.reject("d-5", "installation", "UnreadablePayloadException: it carries 'issue'");

        Delivery rejected = queries.delivery("d-5").orElseThrow();
        assertEquals(Delivery.Status.REJECTED, rejected.status());
        assertEquals("installation", rejected.event());
        assertEquals("UnreadablePayloadException: it carries 'issue'", rejected.error());

        assertEquals(Claim.RESUMED, ledger.claim("d-5", "issues", "deleted", T0));
        ledger.complete("d-5", "issue removed");
        ledger.reject("d-5", "installation", "UnreadablePayloadException: it carries 'issue'");
        assertEquals(Delivery.Status.COMPLETED, queries.delivery("d-5").orElseThrow().status());
    }

    private static DeliveryLedger at(AwsFixture aws, String table, Instant now) {
        return new DeliveryLedger(aws.dynamoDb(), table, Clock.fixed(now, ZoneOffset.UTC), LEASE);
    }
}
