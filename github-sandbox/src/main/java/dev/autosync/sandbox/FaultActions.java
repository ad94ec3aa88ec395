package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The control API's actions on GitHub itself rather than on an account's data (see {@link ControlActions}
 * for the list): held webhooks released, API failures queued, latency, rate limits spent or reset, the clock
 * moved. Each answers at once; none sends a webhook of its own.
 */
final class FaultActions {

    private final GitHubSandbox sandbox;

    FaultActions(GitHubSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** @return false when {@code type} is none of these actions */
    boolean apply(String type, JsonNode a, ObjectNode out) {
        switch (type) {
            case "release_deliveries" -> out.put("released", sandbox.webhooks().release(order(a),
                    a.hasNonNull("seed") ? ControlActions.number(a, "seed") : System.nanoTime()));
            case "fail_requests" -> {
                int count = (int) ControlActions.bounded(a, "count", 1, 10_000);
                int status = a.hasNonNull("status") ? (int) ControlActions.bounded(a, "status", 500, 599) : 502;
                sandbox.faults().serverErrors(count, status);
                out.put("queued", count);
            }
            case "secondary_rate_limit" -> {
                Integer retryAfter = a.hasNonNull("retry_after")
                        ? (int) ControlActions.bounded(a, "retry_after", 0, 3600) : null;
                sandbox.faults().secondaryRateLimit(retryAfter);
                out.put("queued", 1);
            }
            case "set_latency" -> sandbox.faults().latency(Duration.ofMillis(ControlActions.bounded(a, "ms", 0, 60_000)));
            case "clear_faults" -> sandbox.faults().clear();
            case "exhaust_rate_limit" -> {
                long installation = ControlActions.number(a, "installation_id");
                Optional<Duration> resetIn = a.hasNonNull("reset_in_seconds")
                        ? Optional.of(Duration.ofSeconds(ControlActions.bounded(a, "reset_in_seconds", 1, 3600)))
                        : Optional.empty();
                out.put("installation_id", installation)
                        .put("reset_at", Shapes.iso(sandbox.exhaustRateLimit(installation, resetIn)));
            }
            case "reset_rate_limit" -> {
                long installation = ControlActions.number(a, "installation_id");
                sandbox.resetRateLimit(installation);
                out.put("installation_id", installation);
            }
            case "advance_clock" -> {
                long seconds = ControlActions.bounded(a, "seconds", 1, 366L * 24 * 3600);
                if (!(sandbox.clock() instanceof ManualClock clock)) {
                    throw new IllegalArgumentException("this sandbox runs on the system clock, which cannot be moved:"
                            + " use exhaust_rate_limit with reset_in_seconds, or reset_rate_limit");
                }
                clock.advance(Duration.ofSeconds(seconds));
                out.put("now", Shapes.iso(clock.instant()));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Webhooks.Order order(JsonNode a) {
        String order = a.path("order").asText("fifo");
        try {
            return Webhooks.Order.valueOf(order.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order must be fifo, reverse or shuffle, not " + order);
        }
    }
}
