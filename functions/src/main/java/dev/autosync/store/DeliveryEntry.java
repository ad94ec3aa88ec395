package dev.autosync.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What happened to one delivery: the ledger's record (its outcome, attempts and times) joined, when asked
 * for, to its archived payload. No wire names: the api maps it to its JSON.
 *
 * @param subject   the installation and repository its payload names (either may be absent)
 * @param sizeBytes the payload's size (UTF-8 bytes); 0 on records older than the archive
 * @param archive   its archive entry, when read ({@link DeliveryArchive#entry}) and kept
 */
public record DeliveryEntry(Delivery ledger, Subject subject, Progress progress, long sizeBytes,
                            Optional<Archived> archive) {

    /** Shorthand for {@code progress().result()}. */
    public Optional<Delivery.Result> result() {
        return progress.result();
    }

    /**
     * How processing went, beyond the ledger's status.
     *
     * @param result         what a completed delivery did (absent until completed, and on records older than it)
     * @param firstAttemptAt when the processor first took it
     * @param lastAttemptAt  when the processor last took it
     * @param duplicates     how often it arrived again after it was processed
     * @param lastReplay     the latest replay that completed, if any
     */
    public record Progress(Optional<Delivery.Result> result, Optional<Instant> firstAttemptAt,
                           Optional<Instant> lastAttemptAt, int duplicates, Optional<Replay> lastReplay) {
    }

    /** A replay of the delivery: its job, what it did and when. */
    public record Replay(String jobId, Delivery.Result result, Instant at) {
    }

    /** The installation and repository a payload names. */
    public record Subject(Optional<Long> installationId, Optional<Long> repositoryId) {
    }

    /**
     * The archive entry of a delivery.
     *
     * @param payloadArchived false when the payload did not fit an item even compressed (or archiving is off)
     * @param coveredBy       for a payload not archived: the sync that re-reads what it said
     *                        (e.g. {@code sync_repository:123}), if any
     * @param expiresAt       when DynamoDB's TTL removes it
     * @param gzip            the compressed payload when it was archived
     */
    public record Archived(boolean payloadArchived, Optional<String> coveredBy, Instant expiresAt, Optional<byte[]> gzip) {

        /** The payload as GitHub sent it, when it was archived. */
        public Optional<String> payload() {
            return gzip.map(DeliveryArchive::decompress);
        }
    }
}
