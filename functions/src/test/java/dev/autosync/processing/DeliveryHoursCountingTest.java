package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.store.DeliveryHours;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The processor counts each settled delivery once in the hour it was received: SQS's duplicates, GitHub's
 * redeliveries of a completed delivery, a retry after a failed attempt and a rejected message seen again are
 * never counted twice; a crash anywhere loses at most that delivery's count, never doubles it.
 */
@ExtendWith(AwsStandIns.class)
class DeliveryHoursCountingTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eachDelivery_countsOnce_byEventAndOutcome_inTheHourItWasReceived(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        List<History.Delivery> script = new History().installationCreated(9)
                .issue("opened", 9, 1, "open", "first")
                .issue("edited", 9, 1, "open", "older edit")
                .deliveries();
        History.Delivery created = script.get(0);
        History.Delivery opened = script.get(1);
        // A stale edit: the same issue at an older GitHub time than the stored one.
        ObjectNode older = script.get(2).payload().deepCopy();
        ((ObjectNode) older.path("issue")).put("updated_at", "2020-01-01T00:00:00Z");
        History.Delivery stale = new History.Delivery("issues", script.get(2).id(), older);

        assertTrue(ProcessorRig.deliver(processor, created, RECEIVED));
        assertTrue(ProcessorRig.deliver(processor, opened, RECEIVED.plusSeconds(60)));
        assertTrue(ProcessorRig.deliver(processor, opened, RECEIVED.plusSeconds(120)), "SQS's duplicate");
        assertTrue(ProcessorRig.deliver(processor, opened, RECEIVED.plus(Duration.ofHours(1))), "GitHub's redelivery");
        assertTrue(ProcessorRig.deliver(processor, stale, RECEIVED.plus(Duration.ofHours(1))));
        // An event autosync does not know: ignored, and counted under "other" (event names are allow-listed).
        assertTrue(ProcessorRig.deliver(processor, new History.Delivery("sponsorship", "sponsorship-1",
                created.payload()), RECEIVED.plus(Duration.ofHours(1))));

        List<DeliveryHours.Hour> hours = hours(rig);
        assertEquals(2, hours.get(0).deliveries(), hours.toString());
        assertEquals(Map.of("installation", 1L, "issues", 1L), hours.get(0).byEvent());
        assertEquals(Map.of("processed", 2L), hours.get(0).byOutcome());
        assertEquals(2, hours.get(1).deliveries(), hours.toString());
        assertEquals(Map.of("issues", 1L, "other", 1L), hours.get(1).byEvent());
        assertEquals(Map.of("ignored", 1L, "stale", 1L), hours.get(1).byOutcome());
    }

    @Test
    void aRejectedDelivery_countsOnce_howeverOftenItArrives(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        History.Delivery opened = new History().issue("opened", 9, 1, "open", "t").deliveries().get(0);
        // An issues body replayed under another event's name is not that event's: rejected before any claim.
        History.Delivery replayed = new History.Delivery("installation", "replayed-1", opened.payload());

        assertTrue(ProcessorRig.deliver(processor, replayed, RECEIVED));
        assertTrue(ProcessorRig.deliver(processor, replayed, RECEIVED.plusSeconds(5)));
        // A body that is not JSON at all, twice (SQS's duplicate).
        assertTrue(processor.processMessage("m-garbage", "not json", ProcessorRig.attributes("push", "garbage-1", RECEIVED)));
        assertTrue(processor.processMessage("m-garbage", "not json", ProcessorRig.attributes("push", "garbage-1", RECEIVED)));

        DeliveryHours.Hour hour = hours(rig).get(0);
        assertEquals(2, hour.deliveries(), hour.toString());
        assertEquals(Map.of("installation", 1L, "push", 1L), hour.byEvent());
        assertEquals(Map.of("rejected", 2L), hour.byOutcome());
    }

    @Test
    void aCrashAfterAnyWrite_thenTheRetry_countsTheDeliveryAtMostOnce(AwsFixture aws) {
        List<History.Delivery> script = new History().installationCreated(9).issue("opened", 9, 1, "open", "t").deliveries();
        CrashingDynamoDb counting = new CrashingDynamoDb(aws.dynamoDb(), Integer.MAX_VALUE);
        ProcessorRig clean = new ProcessorRig(aws);
        assertTrue(ProcessorRig.deliver(clean.processor(false), script.get(0), RECEIVED));
        assertTrue(ProcessorRig.deliver(clean.processor(counting, false), script.get(1), RECEIVED));
        int writes = counting.writes();

        for (int survivingWrites = 0; survivingWrites < writes; survivingWrites++) {
            ProcessorRig rig = new ProcessorRig(aws);
            assertTrue(ProcessorRig.deliver(rig.processor(false), script.get(0), RECEIVED));
            CrashingDynamoDb crashing = new CrashingDynamoDb(aws.dynamoDb(), survivingWrites);
            assertFalse(ProcessorRig.deliver(rig.processor(crashing, false), script.get(1), RECEIVED), "the attempt crashed");
            rig.clock.advance(ProcessorRig.LEASE.plus(Duration.ofSeconds(1)));
            assertTrue(ProcessorRig.deliver(rig.processor(false), script.get(1), RECEIVED), "the retry settles it");
            assertTrue(ProcessorRig.deliver(rig.processor(false), script.get(1), RECEIVED), "a duplicate after it");

            long issues = hours(rig).get(0).byEvent().getOrDefault("issues", 0L);
            // Only a crash at the count itself (the attempt's last write) loses it.
            assertEquals(survivingWrites == writes - 1 ? 0 : 1, issues, "crash after " + survivingWrites + " of " + writes);
        }
    }

    private static List<DeliveryHours.Hour> hours(ProcessorRig rig) {
        return new DeliveryHours(rig.aws.dynamoDb(), rig.resources.tableName()).hours(RECEIVED, RECEIVED.plus(Duration.ofHours(1)));
    }
}
