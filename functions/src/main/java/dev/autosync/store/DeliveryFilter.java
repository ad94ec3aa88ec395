package dev.autosync.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Filters of the deliveries list; they combine. {@code since} and {@code until} bound the time of receipt
 * (both inclusive).
 */
public record DeliveryFilter(Optional<Status> status, Optional<String> event, Optional<Long> installationId,
                             Optional<Long> repositoryId, Instant since, Instant until) {

    public DeliveryFilter {
        if (until.isBefore(since)) {
            throw new IllegalArgumentException("until is before since");
        }
    }

    /** What became of a delivery, as an operator asks for it. */
    public enum Status {
        /** A processor holds it now (or held it when it crashed, until its lease ends). */
        IN_PROGRESS,
        PROCESSED,
        STALE,
        IGNORED,
        /** Arrived again after it was processed (at least once). */
        DUPLICATE,
        /** Can never be processed as it is (a payload that does not match its event). */
        REJECTED,
        /** Its last attempt failed; SQS retries it, then its dead-letter queue keeps it. */
        FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Status> named(String wireName) {
            return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
        }
    }
}
