package dev.autosync.store;

import java.time.Instant;

/**
 * The processor's record of one webhook delivery (bookkeeping for idempotency, and the place a poison
 * message's error is recorded).
 *
 * @param leaseUntil while {@link Status#IN_PROGRESS}: after this instant another processor may take the
 *                   delivery over (its run is presumed crashed)
 * @param outcome    what processing did (e.g. {@code processed}, {@code ignored: ping}); never payload text
 * @param error      the failure of the last attempt, for a failed delivery
 */
public record Delivery(String deliveryId, String event, String action, Status status, int attempts,
                       Instant receivedAt, Instant processedAt, Instant leaseUntil, String outcome, String error) {

    /** What a completed delivery did (the ledger's {@code result}), beside its free-text outcome. */
    public enum Result {
        /** Its writes were applied. */
        PROCESSED,
        /** Its data was older than what is stored: nothing changed. */
        STALE,
        /** An event autosync does not keep, or a subject that is deleted. */
        IGNORED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Status {
        IN_PROGRESS, COMPLETED, FAILED,
        /** Can never be processed (a malformed message, or a payload that does not match its event): nothing was changed. */
        REJECTED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
