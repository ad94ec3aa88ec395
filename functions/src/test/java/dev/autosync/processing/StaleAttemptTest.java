package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.store.Delivery;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.CapturedLines;
import dev.autosync.testing.InterleavedWrites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GIVEN an attempt that outlives its lease (paused just before it records its completion) while SQS hands
 * the message to a second processor, which takes the delivery over and completes it, WHEN the first attempt
 * finally records its completion, THEN the ledger refuses it: the first reports SUPERSEDED and leaves the
 * message to the queue, the record stays the second attempt's, and the table is what one clean run leaves.
 */
@ExtendWith(AwsStandIns.class)
class StaleAttemptTest {

    @Test
    void staleAttempt_completingAfterATakeover_isSuperseded_andChangesNothing(AwsFixture aws) {
        List<History.Delivery> script = new History().installationCreated(9)
                .issue("opened", 9, 1, "open", "t")
                .issue("closed", 9, 1, "closed", "t")
                .deliveries();
        History.Delivery closed = script.get(2);
        ProcessorRig clean = prepared(aws, script);
        CrashingDynamoDb counting = new CrashingDynamoDb(aws.dynamoDb(), Integer.MAX_VALUE);
        assertTrue(deliver(clean.processor(counting, false), closed));
        TreeMap<String, Map<String, AttributeValue>> expected = clean.dump();
        // The ledger's completion is an event's last write but one: the delivery's count in its hour follows it.
        int completion = counting.writes() - 2;

        ProcessorRig rig = prepared(aws, script);
        EventProcessor stale = rig.processor(InterleavedWrites.client(aws.dynamoDb(), completion, () -> {
            rig.clock.advance(ProcessorRig.LEASE.plus(Duration.ofSeconds(1)));
            assertTrue(deliver(rig.processor(false), closed), "the takeover completes the delivery");
        }), false);
        try (CapturedLines logs = new CapturedLines()) {
            assertFalse(deliver(stale, closed), "left to the queue: the ledger decides the retry");
            assertTrue(logs.lines().stream().anyMatch(line -> line.path("message").asText().startsWith("delivery superseded")
                    && line.path("attempt").asLong() == 1), "logged");
        }

        Delivery recorded = rig.queries.delivery(closed.id()).orElseThrow();
        assertEquals(Delivery.Status.COMPLETED, recorded.status());
        assertEquals(2, recorded.attempts(), "the record is the takeover's");
        assertEquals("", ProcessorRig.differences(expected, rig.dump()));
        assertEquals(0, rig.queries.repository(9).orElseThrow().openIssuesCount());
    }

    private static ProcessorRig prepared(AwsFixture aws, List<History.Delivery> script) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        assertTrue(deliver(processor, script.get(0)));
        assertTrue(deliver(processor, script.get(1)));
        return rig;
    }

    private static boolean deliver(EventProcessor processor, History.Delivery delivery) {
        return ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload());
    }
}
