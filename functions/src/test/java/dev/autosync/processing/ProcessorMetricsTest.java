package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autosync.common.TestContexts;
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

    @Test
    void aWriteOlderThanTheStoredEntity_isCountedStale() {
        assertEquals("stale", EventProcessor.metricOutcome("issue stale"));
        assertEquals("stale", EventProcessor.metricOutcome("installation stale, import requested"));
        assertEquals("processed", EventProcessor.metricOutcome("issue written"));
        assertEquals("processed", EventProcessor.metricOutcome("3 commits"));
        assertEquals("ignored", EventProcessor.metricOutcome("ignored: star"));
        assertEquals("ignored", EventProcessor.metricOutcome("skipped: repository deleted"));
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
