package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.store.DeliveryLedger.Attempt;
import dev.autosync.store.DeliveryLedger.Claim;
import dev.autosync.store.DeliveryLedger.Claimed;
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

        assertEquals(Claim.FRESH, at(aws, table, T0).claim("d-1", "push", null, T0).kind());
        // Protects against two processors running one delivery at once while the first is alive.
        assertEquals(Claim.BUSY, at(aws, table, T0.plus(LEASE).minusMillis(1)).claim("d-1", "push", null, T0).kind());
        assertEquals(Claim.BUSY, at(aws, table, T0.plus(LEASE)).claim("d-1", "push", null, T0).kind(),
                "the lease still holds at its last instant");
        // Protects against a crashed attempt's delivery being stuck (BUSY) until it lands in the DLQ.
        assertEquals(Claim.RESUMED, at(aws, table, T0.plus(LEASE).plusMillis(1)).claim("d-1", "push", null, T0).kind());
        assertEquals(Claim.BUSY, at(aws, table, T0.plus(LEASE).plusSeconds(1)).claim("d-1", "push", null, T0).kind(),
                "the takeover holds a fresh lease of its own");
    }

    @Test
    void completedDelivery_isNeverClaimedAgain_norDowngradedByALateFailure(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryLedger ledger = at(aws, table, T0);
        Attempt attempt = ledger.claim("d-2", "issues", "opened", T0).attempt();
        assertTrue(ledger.complete(attempt, "issue written"));

        assertEquals(Claim.COMPLETED, ledger.claim("d-2", "issues", "opened", T0).kind());
        assertFalse(ledger.fail(attempt, "StoreUnavailableException: late"));
        assertEquals(Claim.COMPLETED, at(aws, table, T0.plus(Duration.ofDays(1))).claim("d-2", "issues", null, T0).kind());
        Delivery recorded = new StoreQueries(aws.dynamoDb(), table).delivery("d-2").orElseThrow();
        assertEquals(Delivery.Status.COMPLETED, recorded.status());
        assertEquals("issue written", recorded.outcome());
    }

    @Test
    void failedAttempt_isRetriedAtOnce_andItsErrorKeptForTheOperator(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryLedger ledger = at(aws, table, T0);
        assertTrue(ledger.fail(ledger.claim("d-3", "push", null, T0).attempt(), "StoreUnavailableException: throttled"));

        Delivery failed = new StoreQueries(aws.dynamoDb(), table).delivery("d-3").orElseThrow();
        assertEquals(Delivery.Status.FAILED, failed.status());
        assertEquals("StoreUnavailableException: throttled", failed.error());
        assertEquals(Claim.RESUMED, ledger.claim("d-3", "push", null, T0).kind(), "no need to wait out a lease");
        assertEquals(2, new StoreQueries(aws.dynamoDb(), table).delivery("d-3").orElseThrow().attempts());
    }

    // Protects exact counts when an attempt outlives its lease (a lease not longer than the function's
    // timeout, a paused host): its late completion, failure or rejection must not overwrite the record of the
    // attempt that took over — neither its completion (a redone outcome), nor its live lease (a FAILED record
    // lets a third attempt claim while the second still runs, and both apply the delivery's counts).
    @Test
    void staleAttempt_finishingLate_isRefused_andNeverOverwritesTheAttemptThatTookOver(AwsFixture aws) {
        String table = aws.provision().tableName();
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), table);
        Attempt stale = at(aws, table, T0).claim("d-4", "issues", "closed", T0).attempt();
        DeliveryLedger later = at(aws, table, T0.plus(LEASE).plusSeconds(1));
        Attempt takeover = later.claim("d-4", "issues", "closed", T0).attempt();
        assertEquals(new Attempt("d-4", 2), takeover);

        assertFalse(later.fail(stale, "StoreUnavailableException: late"), "the takeover still runs");
        assertFalse(later.reject(stale, "UnreadablePayloadException: late"));
        assertFalse(later.complete(stale, "issue closed (stale attempt)"));
        Delivery held = queries.delivery("d-4").orElseThrow();
        assertEquals(Delivery.Status.IN_PROGRESS, held.status());
        assertEquals(Claim.BUSY, later.claim("d-4", "issues", "closed", T0).kind(), "the takeover's lease holds");

        assertTrue(later.complete(takeover, "issue closed"));
        assertFalse(later.complete(stale, "issue closed (stale attempt)"));
        assertEquals("issue closed", queries.delivery("d-4").orElseThrow().outcome());
    }

    @Test
    void attemptThatOverranItsLease_stillCompletes_whenNobodyTookItOver(AwsFixture aws) {
        String table = aws.provision().tableName();
        Attempt slow = at(aws, table, T0).claim("d-6", "push", null, T0).attempt();

        assertTrue(at(aws, table, T0.plus(LEASE).plusSeconds(30)).complete(slow, "commits written"));
        assertEquals(Delivery.Status.COMPLETED, new StoreQueries(aws.dynamoDb(), table).delivery("d-6").orElseThrow().status());
    }

    // Protects GitHub's redelivery and finished work: a rejected delivery may still be processed under its id
    // (a redelivery after a fix), and a rejection never overwrites a completed delivery (a replay reusing its id).
    @Test
    void rejectedDelivery_mayBeClaimedAgain_andNeverOverwritesACompletedOne(AwsFixture aws) {
        String table = aws.provision().tableName();
        DeliveryLedger ledger = at(aws, table, T0);
        StoreQueries queries = new StoreQueries(aws.dynamoDb(), table);
        assertTrue(ledger.reject("d-5", "installation", "UnreadablePayloadException: it carries 'issue'"));

        Delivery rejected = queries.delivery("d-5").orElseThrow();
        assertEquals(Delivery.Status.REJECTED, rejected.status());
        assertEquals("installation", rejected.event());
        assertEquals("UnreadablePayloadException: it carries 'issue'", rejected.error());

        Claimed redelivery = ledger.claim("d-5", "issues", "deleted", T0);
        assertEquals(Claim.RESUMED, redelivery.kind());
        // A replay under the id of a delivery being processed: it must not end the live attempt's lease.
        assertFalse(ledger.reject("d-5", "installation", "UnreadablePayloadException: it carries 'issue'"));
        assertEquals(Claim.BUSY, ledger.claim("d-5", "issues", "deleted", T0).kind());
        assertTrue(ledger.complete(redelivery.attempt(), "issue removed"));
        assertFalse(ledger.reject("d-5", "installation", "UnreadablePayloadException: it carries 'issue'"));
        assertEquals(Delivery.Status.COMPLETED, queries.delivery("d-5").orElseThrow().status());
    }

    private static DeliveryLedger at(AwsFixture aws, String table, Instant now) {
        return new DeliveryLedger(aws.dynamoDb(), table, Clock.fixed(now, ZoneOffset.UTC), LEASE);
    }
}
