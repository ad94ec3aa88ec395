package dev.autosync.api;

import static dev.autosync.api.WireJson.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.api.Route.Access;
import dev.autosync.store.DeliveryHours;
import dev.autosync.store.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an operator watches besides health: the webhook deliveries per hour ({@link DeliveryHours}) and the
 * GitHub rate limit the sync engine last saw per installation ({@link RateLimits}). Both are bounded reads:
 * at most {@value #MAX_HOURS} hours × {@value DeliveryHours#SHARDS} small items, and one page of installations.
 */
final class OperatorEndpoints {

    static final int DEFAULT_HOURS = 24;
    /** Two days: today against yesterday at a glance; the hourly items are kept a week (TTL). */
    static final int MAX_HOURS = 48;
    /**
     * Under a tenth of the window's budget left is {@code low}: 500 of the usual 5,000 points is about what
     * a run needs for 150 repositories changed with their webhooks lost (3 points each), so the next such run
     * may have to wait for the reset.
     */
    static final double LOW_FRACTION = 0.10;
    /** The budget GitHub gives an installation token when a response did not say (no {@code x-ratelimit-limit}). */
    private static final int USUAL_LIMIT = 5_000;

    private final DeliveryHours hours;
    private final RateLimits rateLimits;
    private final Paging paging;
    private final Clock clock;

    OperatorEndpoints(DeliveryHours hours, RateLimits rateLimits, Paging paging, Clock clock) {
        this.hours = hours;
        this.rateLimits = rateLimits;
        this.paging = paging;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/sync/deliveries/hourly", Access.TOKEN, "getDeliveriesPerHour", this::deliveries),
                Route.get("/api/installations/rate-limits", Access.TOKEN, "listRateLimits", this::rateLimits));
    }

    /** The last {@code hours} hours (the current one, still filling, last), zeros included. */
    private ApiResponse deliveries(Call call) {
        int count = call.params().optionalInt("hours", 1, MAX_HOURS).orElse(DEFAULT_HOURS);
        Instant now = clock.instant();
        List<DeliveryHours.Hour> read = hours.hours(now.minus(Duration.ofHours(count - 1L)), now);
        ObjectNode body = WireJson.object();
        body.put("generated_at", time(now));
        ArrayNode list = body.putArray("hours");
        long total = 0;
        Map<String, Long> byEvent = new TreeMap<>();
        Map<String, Long> byOutcome = new TreeMap<>();
        for (DeliveryHours.Hour hour : read) {
            ObjectNode entry = list.addObject();
            entry.put("hour", time(hour.start()));
            entry.put("deliveries", hour.deliveries());
            counts(entry.putObject("by_event"), hour.byEvent());
            counts(entry.putObject("by_outcome"), hour.byOutcome());
            total += hour.deliveries();
            hour.byEvent().forEach((name, n) -> byEvent.merge(name, n, Long::sum));
            hour.byOutcome().forEach((name, n) -> byOutcome.merge(name, n, Long::sum));
        }
        ObjectNode totals = body.putObject("totals");
        totals.put("deliveries", total);
        counts(totals.putObject("by_event"), byEvent);
        counts(totals.putObject("by_outcome"), byOutcome);
        return ApiResponse.ok(body);
    }

    private ApiResponse rateLimits(Call call) {
        Instant now = clock.instant();
        var page = paging.request(call.params(), "rate_limits", Map.of());
        return ApiResponse.ok(paging.body("rate_limits", Map.of(), rateLimits.list(page), entry -> rateLimit(entry, now)));
    }

    private static ObjectNode rateLimit(RateLimits.InstallationRateLimit entry, Instant now) {
        ObjectNode json = WireJson.object();
        json.put("installation_id", entry.installationId());
        json.put("account_login", entry.accountLogin());
        json.put("state", state(entry, now));
        RateLimits.Observed seen = entry.observed().orElse(null);
        json.put("limit", seen == null ? null : seen.limit());
        json.put("remaining", seen == null ? null : seen.remaining());
        json.put("reset_at", seen == null ? null : time(seen.resetAt()));
        json.put("observed_at", seen == null ? null : time(seen.observedAt()));
        json.put("blocked_until", entry.blockedUntil().filter(until -> until.isAfter(now)).map(Instant::toString).orElse(null));
        return json;
    }

    /**
     * {@code waiting}: the sync engine holds the installation's tasks back until {@code blocked_until};
     * {@code unknown}: nothing observed yet; {@code renewed}: the observed window has reset since, so the
     * budget is whole again whatever {@code remaining} said; {@code low}: under {@link #LOW_FRACTION} of the
     * window's budget left; else {@code ok}.
     */
    static String state(RateLimits.InstallationRateLimit entry, Instant now) {
        if (entry.blockedUntil().filter(until -> until.isAfter(now)).isPresent()) {
            return "waiting";
        }
        if (entry.observed().isEmpty()) {
            return "unknown";
        }
        RateLimits.Observed seen = entry.observed().get();
        if (!seen.resetAt().isAfter(now)) {
            return "renewed";
        }
        int limit = seen.limit() != null && seen.limit() > 0 ? seen.limit() : USUAL_LIMIT;
        return seen.remaining() < LOW_FRACTION * limit ? "low" : "ok";
    }

    private static void counts(ObjectNode into, Map<String, Long> counts) {
        counts.forEach(into::put);
    }
}
