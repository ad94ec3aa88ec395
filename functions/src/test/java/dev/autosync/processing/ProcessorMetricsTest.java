package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autosync.common.TestContexts;
import dev.autosync.store.WriteOutcome;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.CapturedLines;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The processor's metrics: events processed, duplicate, stale, rejected and failed, by event. */
@ExtendWith(AwsStandIns.class)
class ProcessorMetricsTest {

    @Test
    void processedDuplicateRejectedAndFailedDeliveries_areCountedByEvent(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        History.Delivery push = ConvergenceTest.script().get(2);
        try (CapturedLines out = new CapturedLines()) {
            assertTrue(ProcessorRig.deliver(processor, push.event(), push.id(), push.payload()));
            assertTrue(ProcessorRig.deliver(processor, push.event(), push.id(), push.payload()));
            assertTrue(processor.processMessage("m-poison", "{\"action\": ",
                    ProcessorRig.attributes("issues", "poison-metrics")), "never readable: not retried");
            History.Delivery next = ConvergenceTest.script().get(3);
            EventProcessor crashing = rig.processor(new CrashingDynamoDb(aws.dynamoDb(), 1), false);
            assertFalse(ProcessorRig.deliver(crashing, next.event(), next.id(), next.payload()), "retried");

            assertEquals(1, out.sum("Events", "event", push.event(), "outcome", "processed"));
            assertEquals(1, out.sum("Events", "event", push.event(), "outcome", "duplicate"));
            assertEquals(1, out.sum("Events", "event", "issues", "outcome", "rejected"));
            assertEquals(1, out.sum("Events", "event", next.event(), "outcome", "failed"));
        }
    }

    /** The metric follows the outcome's kind, never its text; the ledger's text stays what it always was. */
    @Test
    void aWriteOlderThanTheStoredEntity_isCountedStale() {
        assertOutcome("stale", "issue stale", Outcome.written("issue", WriteOutcome.STALE));
        assertOutcome("stale", "installation stale, import requested",
                Outcome.written("installation", WriteOutcome.STALE).and("import requested"));
        assertOutcome("processed", "issue written", Outcome.written("issue", WriteOutcome.WRITTEN));
        assertOutcome("processed", "3 commits, resync requested (push_forced)",
                Outcome.applied("3 commits").and("resync requested (push_forced)"));
        assertOutcome("ignored", "ignored: star", Outcome.ignored("star"));
        assertOutcome("ignored", "skipped: repository deleted", Outcome.skipped("repository deleted"));
        assertOutcome("ignored", "pull request deleted", Outcome.written("pull request", WriteOutcome.DELETED));
    }

    private static void assertOutcome(String metric, String ledgerText, Outcome outcome) {
        assertEquals(metric, outcome.kind().metricName());
        assertEquals(ledgerText, outcome.text());
    }

    @Test
    void theHandlerStampsItsRequestIdOnEveryLine(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        ProcessorHandler handler = new ProcessorHandler(rig.processor(false));
        History.Delivery push = ConvergenceTest.script().get(2);
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody(push.payload().toString());
        java.util.Map<String, SQSEvent.MessageAttribute> attributes = new java.util.HashMap<>();
        ProcessorRig.attributes(push.event(), push.id()).forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType("String");
            attribute.setStringValue(value);
            attributes.put(name, attribute);
        });
        message.setMessageAttributes(attributes);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        try (CapturedLines out = new CapturedLines()) {
            handler.handleRequest(event, TestContexts.context("processor-req"));
            assertFalse(out.lines().isEmpty());
            out.lines().forEach(line -> assertEquals("processor-req", line.path("request_id").asText(), line.toString()));
            assertEquals(1, out.sum("Events", "outcome", "processed"));
        }
    }
}
