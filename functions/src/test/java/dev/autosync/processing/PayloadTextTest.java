package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.store.Delivery;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.CapturedLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery ledger and the logs never hold payload text: a payload refused for a value is refused by
 * naming its field and the problem, and other libraries' messages (which quote their input) stay out.
 */
@ExtendWith(AwsStandIns.class)
class PayloadTextTest {

    private static final String PRIVATE = "private words of an issue";

    @Test
    void unreadableValue_isRejectedNamingItsFieldNeverQuotingIt(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        History.Delivery opened = new History().issue("opened", 77, 1, "open", "first").deliveries().get(0);
        ((ObjectNode) opened.payload().path("issue")).put("closed_at", PRIVATE);

        try (CapturedLines out = new CapturedLines()) {
            assertTrue(ProcessorRig.deliver(rig.processor(false), opened.event(), opened.id(), opened.payload()),
                    "never readable: not retried");

            Delivery recorded = rig.queries.delivery(opened.id()).orElseThrow();
            assertEquals(Delivery.Status.REJECTED, recorded.status());
            assertEquals("UnreadablePayloadException: issue.closed_at is not an ISO-8601 time or epoch seconds",
                    recorded.error());
            assertFalse(out.lines().toString().contains(PRIVATE), "payload text logged");
        }
    }

    @Test
    void failuresOfOtherLibraries_areDescribedByTheirTypeAlone() {
        assertEquals("NumberFormatException",
                EventProcessor.describe(new NumberFormatException("For input string: \"" + PRIVATE + "\"")));
        assertEquals("UnreadablePayloadException: commit.timestamp is missing",
                EventProcessor.describe(new UnreadablePayloadException("commit.timestamp is missing")));
    }
}
