package dev.autosync.webhook;

import dev.autosync.common.Log;
import dev.autosync.common.MetricNames;
import dev.autosync.common.Metrics;
import dev.autosync.common.WebhookEvent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one structured log line per delivery (delivery, event, action, installation, repository, outcome,
 * latency). Built up as the request is understood; never holds the body, a signature or a secret.
 */
final class DeliveryLog {

    private static final Log LOG = Log.of(WebhookService.class);
    private static final int MAX_HEADER_ECHO = 64;

    /** Every outcome {@link #done} is given: the rejection codes and what becomes of an accepted delivery. */
    static final Set<String> OUTCOMES = Stream.concat(Stream.of("queued", "resync_queued", "ping"),
            Arrays.stream(Rejection.values()).map(Rejection::code)).collect(Collectors.toUnmodifiableSet());
    static final Set<String> SIGNATURE_FAILURES = Set.of(Rejection.MISSING_SIGNATURE.code(),
            Rejection.MALFORMED_SIGNATURE.code(), Rejection.UNSUPPORTED_SIGNATURE_ALGORITHM.code(),
            Rejection.INVALID_SIGNATURE.code());

    private final long startNanos = System.nanoTime();
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final String event;

    DeliveryLog(WebhookRequest request) {
        // Unverified header values are logged truncated: they are caller-controlled.
        request.header(GitHubHeaders.DELIVERY).ifPresent(value -> fields.put("delivery", truncate(value)));
        request.header(GitHubHeaders.EVENT).ifPresent(value -> fields.put("event", truncate(value)));
        event = request.header(GitHubHeaders.EVENT).orElse(null);
        fields.put("bytes", request.body().length);
    }

    void envelope(WebhookEnvelope envelope) {
        PayloadSummary summary = envelope.summary();
        // The action is payload text: only one GitHub defines for the event is logged by name.
        summary.action().ifPresent(action -> fields.put("action", WebhookEvent.named(envelope.event())
                .filter(event -> event.knowsAction(action)).map(event -> action).orElse(Metrics.OTHER)));
        summary.installationId().ifPresent(id -> fields.put("installation", id));
        summary.repositoryId().ifPresent(id -> fields.put("repository_id", id));
        summary.repositoryFullName().ifPresent(name -> fields.put("repository", name));
    }

    /** Why an AWS call failed, for the operator: the exception type only (messages may quote request data). */
    void cause(Throwable failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        fields.put("cause", cause.getClass().getSimpleName());
    }

    void done(String outcome, int status) {
        fields.put("outcome", outcome);
        fields.put("status", status);
        fields.put("latency_ms", (System.nanoTime() - startNanos) / 1_000_000.0);
        if (status >= 500) {
            LOG.error("webhook delivery", fields);
        } else if (status >= 400) {
            LOG.warn("webhook delivery", fields);
        } else {
            LOG.info("webhook delivery", fields);
        }
        metrics(event, outcome);
    }

    /**
     * {@code WebhookDeliveries} by event (allow-listed: the header is caller-controlled) and outcome, and
     * {@code SignatureFailures} without dimensions so one alarm watches them all.
     */
    static void metrics(String event, String outcome) {
        Metrics.count(MetricNames.WEBHOOK_DELIVERIES, Map.of(MetricNames.EVENT, Metrics.event(event),
                MetricNames.OUTCOME, Metrics.bounded(outcome, OUTCOMES)));
        if (SIGNATURE_FAILURES.contains(outcome)) {
            Metrics.count(MetricNames.SIGNATURE_FAILURES, Map.of());
        }
    }

    private static String truncate(String value) {
        return value.length() <= MAX_HEADER_ECHO ? value : value.substring(0, MAX_HEADER_ECHO) + "…";
    }
}
