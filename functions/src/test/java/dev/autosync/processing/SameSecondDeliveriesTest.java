package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two deliveries of one entity carrying one GitHub time (two changes within a second) but different content:
 * whichever the processor applies first, the tables end the same — holding the delivery that reached the
 * webhook in a later minute, or, within one minute, the same one of the two either way.
 */
@ExtendWith(AwsStandIns.class)
class SameSecondDeliveriesTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

    // Protects against equal updated_at decided by processing order: two processors (or a retry) applying the
    // pair in opposite orders kept different items for good.
    @ParameterizedTest(name = "{0}")
    @CsvSource({"issues, issue, title", "pull_request, pull_request, title", "repository, repository, description"})
    void twoDeliveriesAtOneUpdatedAt_endIdentical_withTheLaterArrival(String event, String field, String attribute,
                                                                      AwsFixture aws) {
        History.Delivery earlier = delivery(event);
        ObjectNode changed = earlier.payload().deepCopy();
        ((ObjectNode) changed.path(field)).put(attribute, "changed in the same second");
        History.Delivery later = new History.Delivery(event, earlier.id() + "-again", changed);

        TreeMap<String, Map<String, AttributeValue>> inOrder = apply(aws, List.of(earlier, later), later, 60);
        TreeMap<String, Map<String, AttributeValue>> reversed = apply(aws, List.of(later, earlier), later, 60);

        assertEquals("", ProcessorRig.differences(inOrder, reversed));
        assertTrue(inOrder.values().stream().anyMatch(item -> item.containsKey(attribute)
                && "changed in the same second".equals(item.get(attribute).s())), "the later arrival is kept");

        // Within one minute the pair ties on observation too, and the content decides: still one end state.
        assertEquals("", ProcessorRig.differences(apply(aws, List.of(earlier, later), later, 1),
                apply(aws, List.of(later, earlier), later, 1)));
    }

    private static History.Delivery delivery(String event) {
        History history = switch (event) {
            case "issues" -> new History().issue("edited", 1, 1, "open", "as first written");
            case "pull_request" -> new History().pull("edited", 1, 3, "open", false);
            default -> new History().repository("edited", 1);
        };
        return history.deliveries().get(0);
    }

    /** Applies the deliveries in the order given; {@code later} reached the webhook {@code seconds} after the other. */
    private static TreeMap<String, Map<String, AttributeValue>> apply(AwsFixture aws, List<History.Delivery> order,
                                                                      History.Delivery later, int seconds) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        for (History.Delivery delivery : order) {
            Instant receivedAt = delivery == later ? RECEIVED.plusSeconds(seconds) : RECEIVED;
            assertTrue(ProcessorRig.deliver(processor, delivery, receivedAt), delivery.id());
        }
        return rig.dump();
    }
}
