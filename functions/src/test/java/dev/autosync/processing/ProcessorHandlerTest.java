package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autosync.store.CommitFilter;
import dev.autosync.store.Delivery;
import dev.autosync.store.GlobalStats;
import dev.autosync.store.PageRequest;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsStandIns.class)
class ProcessorHandlerTest {

    @Test
    void batchWithOnePoisonMessage_processesTheOthersAndRejectsOnlyIt(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        ProcessorHandler handler = new ProcessorHandler(rig.processor(false));
        List<History.Delivery> script = ConvergenceTest.script().subList(0, 9);

        SQSBatchResponse response = handler.handleRequest(batch(script, 4,
                message("m-poison", "issues", "poison-1", "{\"action\": \"opened\", \"issue\": ")), null);

        assertRejectedAlone(rig, response, script, "poison-1", "UnreadablePayloadException: payload is not JSON");
    }

    @Test
    void duplicateDelivery_isAcknowledgedWithoutChangingAnything(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        History.Delivery push = ConvergenceTest.script().get(2);
        assertTrue(ProcessorRig.deliver(processor, push.event(), push.id(), push.payload()));
        var before = rig.dump();

        CrashingDynamoDb counting = new CrashingDynamoDb(aws.dynamoDb(), Integer.MAX_VALUE);
        assertEquals(EventProcessor.Result.DUPLICATE, rig.processor(counting, false).process(
                dev.autosync.queue.EventMessageCodec.read(push.payload().toString(),
                        ProcessorRig.attributes(push.event(), push.id()))));

        // The failed claim, and the duplicate counted on the delivery's record (the list shows it): no data write.
        assertEquals(2, counting.writes(), "one failed conditional claim and the duplicate's count, nothing else");
        assertEquals("", ProcessorRig.differences(before, rig.dump()));
    }

    // Protects against resurrection: a push delivered after its repository's deletion must not bring the
    // repository, its commits or its contributors back, nor count them.
    @Test
    void latePushAfterRepositoryDeletion_leavesTheRepositoryDeleted(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        List<History.Delivery> script = new History()
                .installationCreated()
                .repository("created", 77)
                .push(77, "main", false, "late1", "dave", "dave@example.com")
                .repository("deleted", 77)
                .deliveries();
        for (int index : new int[] {0, 1, 3, 2}) {
            History.Delivery delivery = script.get(index);
            assertTrue(ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload()));
        }

        assertTrue(rig.queries.repository(77).isEmpty());
        assertTrue(rig.queries.commits(77, CommitFilter.none(), PageRequest.first(10)).items().isEmpty());
        assertTrue(rig.queries.contributors(77, PageRequest.first(10)).items().isEmpty());
        assertEquals(new GlobalStats(1, 0), rig.queries.stats());
        assertEquals("skipped: repository deleted", rig.queries.delivery(script.get(2).id()).orElseThrow().outcome());
    }

    @Test
    void messageWithoutDeliveryAttribute_isRejectedUnderItsMessageId(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        ProcessorHandler handler = new ProcessorHandler(rig.processor(false));
        SQSEvent.SQSMessage message = message("m-naked", "push", "x", "{}");
        message.getMessageAttributes().remove("github_delivery");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));

        assertEquals(0, handler.handleRequest(event, null).getBatchItemFailures().size());
        Delivery rejected = rig.queries.delivery("sqs-m-naked").orElseThrow();
        assertEquals(Delivery.Status.REJECTED, rejected.status());
        assertTrue(rejected.error().contains("github_delivery"), rejected.error());
    }

    // Protects against one broken message failing its batch: a message without its event attribute (or any
    // other message that can never be processed) is rejected on its own, and the healthy messages around it
    // are applied and acknowledged in the same invocation.
    @Test
    void batchWithAMessageMissingItsEventAttribute_appliesTheOthersAndRejectsOnlyIt(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        ProcessorHandler handler = new ProcessorHandler(rig.processor(false));
        List<History.Delivery> script = ConvergenceTest.script().subList(0, 2);
        SQSEvent.SQSMessage broken = message("m-broken", "issues", "broken-1", script.get(1).payload().toString());
        broken.getMessageAttributes().remove("github_event");

        SQSBatchResponse response = handler.handleRequest(batch(script, 1, broken), null);

        assertRejectedAlone(rig, response, script, "broken-1", "MalformedMessageException: message has no github_event");
    }

    /** The script's deliveries as one batch, with {@code broken} at {@code position}. */
    private static SQSEvent batch(List<History.Delivery> script, int position, SQSEvent.SQSMessage broken) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (History.Delivery delivery : script) {
            messages.add(message("m-" + delivery.id(), delivery.event(), delivery.id(), delivery.payload().toString()));
        }
        messages.add(position, broken);
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** Nothing retried, every healthy delivery completed, and the broken one rejected with {@code error}. */
    private static void assertRejectedAlone(ProcessorRig rig, SQSBatchResponse response, List<History.Delivery> healthy,
                                            String broken, String error) {
        assertEquals(List.of(), response.getBatchItemFailures(), "a message that can never succeed is not retried");
        for (History.Delivery delivery : healthy) {
            assertEquals(Delivery.Status.COMPLETED, rig.queries.delivery(delivery.id()).orElseThrow().status());
        }
        Delivery rejected = rig.queries.delivery(broken).orElseThrow();
        assertEquals(Delivery.Status.REJECTED, rejected.status());
        assertTrue(rejected.error().startsWith(error), rejected.error());
    }

    static SQSEvent.SQSMessage message(String messageId, String event, String deliveryId, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setBody(body);
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        ProcessorRig.attributes(event, deliveryId).forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType("String");
            attribute.setStringValue(value);
            attributes.put(name, attribute);
        });
        message.setMessageAttributes(attributes);
        return message;
    }
}
