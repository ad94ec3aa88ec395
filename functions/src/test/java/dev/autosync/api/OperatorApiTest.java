package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.store.DeliveryHours;
import dev.autosync.store.RateLimits;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/sync/deliveries/hourly} and {@code GET /api/installations/rate-limits}, over dynalite. */
@ExtendWith(AwsStandIns.class)
class OperatorApiTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:25:00Z");

    private ApiTestbed api;
    private DeliveryHours hours;
    private RateLimits rateLimits;

    @BeforeEach
    void setUp(AwsFixture aws) {
        api = new ApiTestbed(aws, Clock.fixed(NOW, ZoneOffset.UTC));
        hours = new DeliveryHours(aws.dynamoDb(), api.resources.tableName());
        rateLimits = new RateLimits(aws.dynamoDb(), api.resources.tableName());
    }

    @Test
    void deliveriesPerHour_lastHoursOldestFirst_zerosIncluded_withTotals() {
        hours.record("a", "push", "processed", NOW);
        hours.record("b", "push", "processed", NOW.minus(Duration.ofMinutes(20))); // 12:05, same hour
        hours.record("c", "issues", "stale", NOW.minus(Duration.ofHours(2)));
        hours.record("d", "other", "rejected", NOW.minus(Duration.ofHours(30))); // outside 24 h

        JsonNode body = api.get("/api/sync/deliveries/hourly/", Map.of("hours", "3")).json();

        assertEquals(NOW.toString(), body.get("generated_at").asText());
        List<String> starts = new ArrayList<>();
        body.get("hours").forEach(h -> starts.add(h.get("hour").asText() + "=" + h.get("deliveries").asLong()));
        assertEquals(List.of("2026-11-20T10:00:00Z=1", "2026-11-20T11:00:00Z=0", "2026-11-20T12:00:00Z=2"), starts);
        assertEquals("{\"push\":2}", body.get("hours").get(2).get("by_event").toString());
        assertEquals("{\"stale\":1}", body.get("hours").get(0).get("by_outcome").toString());
        assertEquals("{}", body.get("hours").get(1).get("by_event").toString());
        assertEquals(3, body.get("totals").get("deliveries").asLong());
        assertEquals("{\"issues\":1,\"push\":2}", body.get("totals").get("by_event").toString());
        assertEquals("{\"processed\":2,\"stale\":1}", body.get("totals").get("by_outcome").toString());

        JsonNode byDefault = api.get("/api/sync/deliveries/hourly").json();
        assertEquals(OperatorEndpoints.DEFAULT_HOURS, byDefault.get("hours").size());
        assertEquals(3, byDefault.get("totals").get("deliveries").asLong());
        assertEquals(4, api.get("/api/sync/deliveries/hourly", Map.of("hours", "48")).json().get("totals").get("deliveries").asLong());
    }

    @Test
    void deliveriesPerHour_refusesHoursOutside1To48_andNeedsAToken() {
        for (String bad : List.of("0", "49", "-1", "abc", "1.5", "999999999999")) {
            ApiTestbed.assertBadParameter(api.get("/api/sync/deliveries/hourly", Map.of("hours", bad)), "hours");
        }
        assertEquals(401, api.call("GET", "/api/sync/deliveries/hourly", Map.of(), null).status());
        assertEquals(405, api.post("/api/sync/deliveries/hourly").status());
    }

    @Test
    void rateLimits_perInstallation_withAState_byInstallationId() {
        rateLimits.observed(3, "low-org", observed(5000, 320, NOW.plus(Duration.ofMinutes(20)), NOW.minusSeconds(30)));
        rateLimits.observed(1, "busy-org", observed(5000, 4100, NOW.plus(Duration.ofMinutes(40)), NOW.minusSeconds(60)));
        // A spent limit: the engine made the installation wait until the reset.
        rateLimits.observed(2, "spent-org", observed(5000, 0, NOW.plus(Duration.ofMinutes(10)), NOW.minusSeconds(5)));
        rateLimits.blocked(2, NOW.plus(Duration.ofMinutes(10)));
        // Observed an hour ago: the window has reset since.
        rateLimits.observed(4, "quiet-org", observed(12500, 12000, NOW.minus(Duration.ofMinutes(10)), NOW.minus(Duration.ofHours(1))));
        // A wait that is over, and nothing observed (GitHub Enterprise without rate-limit headers).
        rateLimits.blocked(5, NOW.minus(Duration.ofMinutes(1)));

        JsonNode list = api.get("/api/installations/rate-limits").json().get("rate_limits");

        assertEquals(5, list.size());
        List<String> states = new ArrayList<>();
        list.forEach(entry -> states.add(entry.get("installation_id").asLong() + " " + entry.get("state").asText()));
        assertEquals(List.of("1 ok", "2 waiting", "3 low", "4 renewed", "5 unknown"), states);
        JsonNode busy = list.get(0);
        assertEquals("busy-org", busy.get("account_login").asText());
        assertEquals(5000, busy.get("limit").asInt());
        assertEquals(4100, busy.get("remaining").asInt());
        assertEquals(NOW.plus(Duration.ofMinutes(40)).toString(), busy.get("reset_at").asText());
        assertEquals(NOW.minusSeconds(60).toString(), busy.get("observed_at").asText());
        assertTrue(busy.get("blocked_until").isNull());
        assertEquals(NOW.plus(Duration.ofMinutes(10)).toString(), list.get(1).get("blocked_until").asText());
        assertTrue(list.get(4).get("remaining").isNull());
        assertTrue(list.get(4).get("blocked_until").isNull(), "a wait that is over is not shown");
        assertTrue(list.get(4).get("account_login").isNull());
    }

    @Test
    void rateLimits_anOlderObservationNeverReplacesANewerOne() {
        assertTrue(rateLimits.observed(1, "org", observed(5000, 4000, NOW.plusSeconds(600), NOW.minusSeconds(10))));
        // Another container finishes its installation task later, with what it saw earlier.
        assertFalse(rateLimits.observed(1, "org", observed(5000, 4900, NOW.plusSeconds(600), NOW.minusSeconds(100))));

        assertEquals(4000, api.get("/api/installations/rate-limits").json().get("rate_limits").get(0).get("remaining").asInt());
    }

    @Test
    void rateLimits_arePaginated_andRefuseBadParameters() {
        for (long id = 1; id <= 5; id++) {
            rateLimits.observed(id, "org-" + id, observed(5000, 4000, NOW.plusSeconds(600), NOW.minusSeconds(id)));
        }
        JsonNode first = api.get("/api/installations/rate-limits", Map.of("limit", "2")).json();
        assertEquals(2, first.get("rate_limits").size());
        JsonNode second = api.get("/api/installations/rate-limits",
                Map.of("limit", "3", "cursor", first.get("next_cursor").asText())).json();
        assertEquals(List.of(3L, 4L, 5L), ids(second));
        assertTrue(second.get("next_cursor").isNull());

        ApiTestbed.assertBadParameter(api.get("/api/installations/rate-limits", Map.of("limit", "0")), "limit");
        ApiTestbed.assertBadParameter(api.get("/api/installations/rate-limits", Map.of("limit", "101")), "limit");
        ApiTestbed.assertBadParameter(api.get("/api/installations/rate-limits", Map.of("cursor", "garbage")), "cursor");
        // A cursor of another list (the installations') is refused, not misread.
        String otherList = api.get("/api/installations/rate-limits", Map.of("limit", "1")).json().get("next_cursor").asText();
        ApiTestbed.assertBadParameter(api.get("/api/installations", Map.of("cursor", otherList)), "cursor");
        assertEquals(401, api.call("GET", "/api/installations/rate-limits", Map.of(), null).status());
    }

    private static RateLimits.Observed observed(int limit, int remaining, Instant resetAt, Instant observedAt) {
        return new RateLimits.Observed(limit, remaining, resetAt, "core", observedAt);
    }

    private static List<Long> ids(JsonNode body) {
        List<Long> ids = new ArrayList<>();
        body.get("rate_limits").forEach(entry -> ids.add(entry.get("installation_id").asLong()));
        return ids;
    }
}
