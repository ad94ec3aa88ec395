package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.store.Delivery;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryLedger;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/deliveries} and {@code GET /api/deliveries/{id}}: the operator's view of what arrived. */
@ExtendWith(AwsStandIns.class)
class DeliveriesApiTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String PAYLOAD = "{\"action\":\"opened\",\"issue\":{\"title\":\"<script>alert(1)</script>\"}}";

    private ApiTestbed api;

    @BeforeEach
    void seed(AwsFixture aws) {
        api = new ApiTestbed(aws, Clock.fixed(NOW, ZoneOffset.UTC));
        String table = api.resources.tableName();
        DeliveryLedger ledger = new DeliveryLedger(aws.dynamoDb(), table, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofMinutes(2));
        DeliveryArchive archive = new DeliveryArchive(aws.dynamoDb(), table, Duration.ofDays(30));
        // d0 newest ... d4 oldest, a minute apart; d1 failed, the rest processed; d3 is for another repository.
        for (int i = 0; i < 5; i++) {
            String id = "d" + i;
            Instant at = NOW.minus(Duration.ofMinutes(i + 1));
            var attempt = ledger.claim(new DeliveryLedger.Receipt(id, "issues", "opened", at, 7L, i == 3 ? 71L : 70L,
                    PAYLOAD.length())).attempt();
            archive.archive(id, at, PAYLOAD, Optional.empty());
            if (i == 1) {
                ledger.fail(attempt, "StoreUnavailableException: DynamoDB throttled");
            } else {
                ledger.complete(attempt, Delivery.Result.PROCESSED, "issue written");
            }
        }
    }

    @Test
    void theList_isNewestFirst_pagesWithCursors_andFilters() {
        List<String> ids = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
        JsonNode page;
        do {
            page = api.get("/api/deliveries", query).json();
            page.path("deliveries").forEach(d -> ids.add(d.path("delivery_id").asText()));
            query.put("cursor", page.path("next_cursor").asText());
        } while (!page.path("next_cursor").isNull());
        assertEquals(List.of("d0", "d1", "d2", "d3", "d4"), ids);

        JsonNode failed = api.get("/api/deliveries/", Map.of("status", "failed")).json().path("deliveries");
        assertEquals(1, failed.size());
        assertEquals("d1", failed.get(0).path("delivery_id").asText());
        assertEquals("failed", failed.get(0).path("status").asText());
        assertEquals("StoreUnavailableException: DynamoDB throttled", failed.get(0).path("error").asText());
        JsonNode other = api.get("/api/deliveries", Map.of("repository_id", "71", "event", "issues")).json().path("deliveries");
        assertEquals("d3", other.get(0).path("delivery_id").asText());
        assertEquals(1, other.size());
        JsonNode window = api.get("/api/deliveries", Map.of("since", NOW.minus(Duration.ofMinutes(3)).toString(),
                "until", NOW.minus(Duration.ofMinutes(2)).toString())).json().path("deliveries");
        assertEquals(List.of("d1", "d2"), List.of(window.get(0).path("delivery_id").asText(),
                window.get(1).path("delivery_id").asText()));
    }

    @Test
    void oneDelivery_tellsWhatHappened_andIncludesItsPayloadOnlyWhenAsked() {
        JsonNode entry = api.get("/api/deliveries/d2").json();
        assertEquals("processed", entry.path("status").asText());
        assertEquals("issue written", entry.path("outcome").asText());
        assertEquals(70, entry.path("repository_id").asLong());
        assertEquals(7, entry.path("installation_id").asLong());
        assertTrue(entry.path("payload_archived").asBoolean());
        assertFalse(entry.has("payload"), "no payload unless asked");
        JsonNode withPayload = api.get("/api/deliveries/d2", Map.of("include", "payload")).json();
        assertEquals("<script>alert(1)</script>", withPayload.path("payload").path("issue").path("title").asText(),
                "the payload as data; the dashboard renders it as text");
    }

    @Test
    void badInput_isA400ThatSaysWhatIsWrong_andAnUnknownDeliveryA404() {
        ApiTestbed.assertBadParameter(api.get("/api/deliveries", Map.of("status", "lost")), "status");
        ApiTestbed.assertBadParameter(api.get("/api/deliveries", Map.of("event", "nonsense")), "event");
        ApiTestbed.assertBadParameter(api.get("/api/deliveries", Map.of("since", "yesterday")), "since");
        ApiTestbed.assertBadParameter(api.get("/api/deliveries", Map.of("since", "2026-11-20", "until", "2026-11-19")),
                "until");
        ApiTestbed.assertBadParameter(api.get("/api/deliveries", Map.of("limit", "101")), "limit");
        ApiTestbed.assertBadParameter(api.get("/api/deliveries", Map.of("installation_id", "-1")), "installation_id");
        ApiTestbed.assertBadParameter(api.get("/api/deliveries/not a guid"), "delivery_id");
        ApiTestbed.assertBadParameter(api.get("/api/deliveries/d2", Map.of("include", "everything")), "include");
        ApiTestbed.Reply missing = api.get("/api/deliveries/d-never");
        assertEquals(404, missing.status(), missing.body());
        assertTrue(missing.json().path("message").asText().contains("d-never"), missing.body());
    }
}
