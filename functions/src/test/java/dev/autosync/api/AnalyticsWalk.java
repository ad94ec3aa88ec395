package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.testing.ReadCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Repeats an analytics request until it answers {@code complete}, as a client does, checking every request's
 * reads against a bound, that the work took several requests, and that the complete answer — and a repeated
 * one, which must be cheap — is {@code expected}.
 *
 * @param items the items each request read, until complete
 * @param again the items the repeated request read
 */
record AnalyticsWalk(List<Long> items, long again, long againBytes) {

    static AnalyticsWalk follow(ApiTestbed api, ReadCounter reads, long repositoryId, long maxItems,
                                int maxRequests, JsonNode expected) {
        String path = "/api/repositories/" + repositoryId + "/analytics";
        List<Long> items = new ArrayList<>();
        JsonNode body = null;
        for (int request = 0; request < maxRequests && (body == null || !body.get("complete").asBoolean()); request++) {
            reads.reset();
            body = api.get(path, Map.of("days", "90")).json();
            items.add(reads.items());
            assertTrue(reads.items() <= maxItems, "request " + request + " read " + reads.items() + " items");
        }
        assertTrue(body.get("complete").asBoolean(), "completed within " + maxRequests + " requests: " + items);
        assertTrue(items.size() >= 4, "the work was split over several requests: " + items);
        assertEquals(expected, withoutRepository(body));

        reads.reset();
        JsonNode again = api.get(path, Map.of("days", "90")).json();
        assertTrue(again.get("complete").asBoolean());
        assertEquals(expected, withoutRepository(again));
        return new AnalyticsWalk(items, reads.items(), reads.bytes());
    }

    private static JsonNode withoutRepository(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove(List.of("github_id", "full_name", "complete"));
        return copy;
    }
}
