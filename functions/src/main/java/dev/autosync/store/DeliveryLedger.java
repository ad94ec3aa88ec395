package dev.autosync.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Delivery-level idempotency: one record per delivery GUID, claimed in progress with a lease before any
 * work and completed after it. Records live {@link #RETENTION} — longer than SQS keeps a message (14
 * days) plus GitHub's redelivery window (3 days) — so no redelivery can outlive its record.
 */
public final class DeliveryLedger {

    public static final Duration RETENTION = Duration.ofDays(30);

    /** What a claim found. */
    public enum Claim {
        /** First attempt: go ahead. */
        FRESH,
        /** A previous attempt crashed, failed or was rejected: go ahead, its partial writes may be ours to finish. */
        RESUMED,
        /** Already processed: acknowledge and skip. */
        COMPLETED,
        /** Another processor holds an unexpired lease: retry later. */
        BUSY
    }

    /**
     * One claim of a delivery, the fencing token of everything it records: the claim's number is the
     * record's attempt count after it, so a later claim (a takeover) always holds another number.
     */
    public record Attempt(String deliveryId, long number) {
    }

    /**
     * What a claim found, and for {@link Claim#FRESH} or {@link Claim#RESUMED} the attempt now holding the lease
     * (else null).
     *
     * @param rejectedBefore the delivery was recorded rejected before this claim (a redelivery of it): a new
     *                       rejection is then not a new one (the hourly totals count it once)
     */
    public record Claimed(Claim kind, Attempt attempt, boolean rejectedBefore) {

        public Claimed(Claim kind, Attempt attempt) {
            this(kind, attempt, false);
        }
    }

    /** What recording a rejection of an unclaimed delivery did ({@link #rejectUnclaimed}). */
    public enum Rejection {
        /** Recorded, and the delivery was not recorded rejected before. */
        FIRST,
        /** Recorded again: it was already recorded rejected (a duplicate of the same message). */
        AGAIN,
        /** Not recorded: the delivery is completed or a live attempt holds it. */
        REFUSED
    }

    private final Table table;
    private final Clock clock;
    private final Duration lease;
    private final Duration retention;

    /**
     * @param lease how long an attempt may run before another processor takes it over (longer than the
     *              processor's timeout)
     */
    public DeliveryLedger(DynamoDbClient dynamoDb, String tableName, Clock clock, Duration lease) {
        this(dynamoDb, tableName, clock, lease, RETENTION);
    }

    /**
     * @param retention how long records live: at least {@link #RETENTION}, longer when the archive keeps payloads
     *                  longer (a record is the archive entry's outcome)
     */
    public DeliveryLedger(DynamoDbClient dynamoDb, String tableName, Clock clock, Duration lease, Duration retention) {
        this.table = new Table(dynamoDb, tableName);
        this.clock = clock;
        this.lease = lease;
        this.retention = retention.compareTo(RETENTION) < 0 ? RETENTION : retention;
    }

    /**
     * Claims the delivery for a new attempt, which then settles it with {@link #complete(Attempt, String)},
     * {@link #fail(Attempt, String)} or {@link #reject(Attempt, String)}.
     */
    public Claimed claim(String deliveryId, String event, String action, Instant receivedAt) {
        return claim(new Receipt(deliveryId, event, action, receivedAt, null, null, 0, false));
    }

    /**
     * What the processor knows of a delivery before it claims it: its headers and, when the payload names them,
     * its installation and repository (for the operator's list of deliveries).
     *
     * @param action         only a checked action (an unknown event's action is payload text)
     * @param installationId null when the payload names none
     * @param repositoryId   null when the payload names none
     * @param sizeBytes      the payload's size in UTF-8 bytes
     * @param listed         whether the record joins the list of deliveries (a replay's record does not: the list
     *                       holds what GitHub sent, once)
     */
    public record Receipt(String deliveryId, String event, String action, Instant receivedAt, Long installationId,
                          Long repositoryId, long sizeBytes, boolean listed) {

        public Receipt(String deliveryId, String event, String action, Instant receivedAt, Long installationId,
                       Long repositoryId, long sizeBytes) {
            this(deliveryId, event, action, receivedAt, installationId, repositoryId, sizeBytes, true);
        }
    }

    /**
     * The record of one replay of a delivery: its own partition, so the replay is claimed, completed and
     * deduplicated once per replay job, apart from the delivery's own record.
     */
    public static String replayRecord(String deliveryId, String replayJob) {
        return deliveryId + "#replay#" + replayJob;
    }

    /** Shows the latest replay's job and result on the delivery's own record. */
    public void noteReplay(String deliveryId, String replayJob, Delivery.Result result) {
        Expression e = Expression.create()
                .set(Attr.LAST_REPLAY_JOB, Av.s(replayJob))
                .set(Attr.LAST_REPLAY_RESULT, Av.s(result.wireName()))
                .set(Attr.LAST_REPLAY_AT, Av.time(clock.instant()));
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(deliveryId)))));
    }

    /**
     * As {@link #claim(String, String, String, Instant)}; the record also joins the list of deliveries (gsi2, by
     * the day it was received: {@link Keys#deliveryListPartition}) with its installation and repository, so an
     * operator finds it by {@code DeliveryArchive#list}.
     */
    public Claimed claim(Receipt receipt) {
        String deliveryId = receipt.deliveryId();
        Instant now = clock.instant();
        Expression e = Expression.create()
                .set(Attr.TYPE, Av.s(ItemCodec.TYPE_DELIVERY))
                .set(Attr.DELIVERY_ID, Av.s(deliveryId))
                .set(Attr.EVENT, Av.s(receipt.event()))
                .set(Attr.RECEIVED_AT, Av.time(receipt.receivedAt()))
                .set(Attr.STATUS, Av.s(Delivery.Status.IN_PROGRESS.wireName()))
                .set(Attr.LEASE_UNTIL, Av.n(now.plus(lease).toEpochMilli()))
                .set(Attr.LAST_ATTEMPT_AT, Av.time(now))
                .set(Attr.EXPIRES_AT, Av.n(now.plus(retention).getEpochSecond()))
                .remove(Attr.RESULT)
                .add(Attr.ATTEMPTS, Av.n(1));
        e.setClause(e.name(Attr.FIRST_ATTEMPT_AT) + " = if_not_exists(" + e.name(Attr.FIRST_ATTEMPT_AT) + ", "
                + e.value(Av.time(now)) + ")");
        if (receipt.action() != null) {
            e.set(Attr.ACTION, Av.s(receipt.action()));
        }
        if (receipt.listed()) {
            listed(e, receipt);
        }
        noLiveAttempt(e, now);
        Optional<Map<String, AttributeValue>> old = table.update(e.apply(UpdateItemRequest.builder()
                .key(Av.key(Keys.delivery(deliveryId)))).returnValues(ReturnValue.ALL_OLD));
        if (old.isPresent()) {
            Long before = Av.optNum(old.get(), Attr.ATTEMPTS);
            Attempt attempt = new Attempt(deliveryId, (before == null ? 0 : before) + 1);
            return new Claimed(old.get().containsKey(Attr.STATUS) ? Claim.RESUMED : Claim.FRESH, attempt,
                    Delivery.Status.REJECTED.wireName().equals(Av.str(old.get(), Attr.STATUS)));
        }
        String stored = table.get(Keys.delivery(deliveryId)).map(item -> Av.str(item, Attr.STATUS)).orElse("");
        return new Claimed(Delivery.Status.COMPLETED.wireName().equals(stored) ? Claim.COMPLETED : Claim.BUSY, null);
    }

    /**
     * Marks the delivery processed, if {@code attempt} still holds it; {@code outcome} says what was done
     * (never payload text).
     *
     * @return false, with nothing written, when another attempt took the delivery over (this one outlived its
     *         lease): the record stays the other attempt's
     */
    public boolean complete(Attempt attempt, String outcome) {
        return complete(attempt, Delivery.Result.PROCESSED, outcome);
    }

    /** As {@link #complete(Attempt, String)}, with what kind of result it was (processed, stale, ignored). */
    public boolean complete(Attempt attempt, Delivery.Result result, String outcome) {
        Instant now = clock.instant();
        Expression e = Expression.create()
                .set(Attr.STATUS, Av.s(Delivery.Status.COMPLETED.wireName()))
                .set(Attr.RESULT, Av.s(result.wireName()))
                .set(Attr.PROCESSED_AT, Av.time(now))
                .set(Attr.OUTCOME, Av.s(outcome))
                .remove(Attr.LEASE_UNTIL)
                .remove(Attr.ERROR);
        return settleAs(attempt, e);
    }

    /**
     * Marks a sync op (a commit chunk the sync engine writes under its own id) processed. An op is never
     * claimed: the repository's sync lease fences it (each of the engine's progress writes is conditioned on it).
     */
    public void completeOp(String opId, String outcome) {
        Expression e = Expression.create();
        // A sync op completes without a claim: its record must expire like a delivery's.
        e.setClause(e.name(Attr.EXPIRES_AT) + " = if_not_exists(" + e.name(Attr.EXPIRES_AT) + ", "
                + e.value(Av.n(clock.instant().plus(retention).getEpochSecond())) + ")");
        e.set(Attr.STATUS, Av.s(Delivery.Status.COMPLETED.wireName()))
                .set(Attr.PROCESSED_AT, Av.time(clock.instant()))
                .set(Attr.OUTCOME, Av.s(outcome))
                .remove(Attr.LEASE_UNTIL)
                .remove(Attr.ERROR);
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(opId)))));
    }

    /**
     * Records a failed attempt so that the next receive may retry at once and an operator can see why a
     * message ended in the dead-letter queue, if {@code attempt} still holds the delivery.
     *
     * @return false, with nothing written, when another attempt took the delivery over or completed it
     */
    public boolean fail(Attempt attempt, String error) {
        return settleAs(attempt, settled(Delivery.Status.FAILED, error));
    }

    /**
     * Records that the claimed delivery can never be processed (its payload does not match its event) and
     * was not, if {@code attempt} still holds it: {@code reason} says why (never payload text). A later
     * delivery under the same id (GitHub's redelivery) may still claim it.
     *
     * @return false, with nothing written, when another attempt took the delivery over or completed it
     */
    public boolean reject(Attempt attempt, String reason) {
        return settleAs(attempt, settled(Delivery.Status.REJECTED, reason));
    }

    /**
     * Records a delivery that can never be processed and was never claimed (a malformed message, a payload
     * that does not match its event): {@code reason} says why (never payload text). Like a claim, it never
     * overwrites a completed delivery nor one a live attempt holds; a later delivery under the same id
     * (GitHub's redelivery) may still claim it.
     *
     * @return false, with nothing written, when the delivery is completed or a live attempt holds it
     */
    public boolean reject(String deliveryId, String event, String reason) {
        return rejectUnclaimed(deliveryId, event, reason) != Rejection.REFUSED;
    }

    /**
     * As {@link #reject(String, String, String)}, telling whether the delivery was recorded rejected before (from
     * the same write's old image: no extra read).
     */
    public Rejection rejectUnclaimed(String deliveryId, String event, String reason) {
        return rejectUnclaimed(new Receipt(deliveryId, event, null, null, null, null, 0, false), reason);
    }

    /**
     * As {@link #rejectUnclaimed(String, String, String)}; with its time of receipt the record joins the list of
     * deliveries (a payload that does not match its event is found there, and can be replayed after a fix).
     */
    public Rejection rejectUnclaimed(Receipt receipt, String reason) {
        String deliveryId = receipt.deliveryId();
        String event = receipt.event();
        Instant now = clock.instant();
        Expression e = settled(Delivery.Status.REJECTED, reason)
                .set(Attr.TYPE, Av.s(ItemCodec.TYPE_DELIVERY))
                .set(Attr.DELIVERY_ID, Av.s(deliveryId))
                .set(Attr.EXPIRES_AT, Av.n(now.plus(retention).getEpochSecond()));
        if (event != null) {
            e.setClause(e.name(Attr.EVENT) + " = if_not_exists(" + e.name(Attr.EVENT) + ", "
                    + e.value(Av.s(event)) + ")");
        }
        if (receipt.receivedAt() != null) {
            e.set(Attr.RECEIVED_AT, Av.time(receipt.receivedAt()));
            if (receipt.listed()) {
                listed(e, receipt);
            }
        }
        noLiveAttempt(e, now);
        Optional<Map<String, AttributeValue>> old = table.update(e.apply(UpdateItemRequest.builder()
                .key(Av.key(Keys.delivery(deliveryId)))).returnValues(ReturnValue.ALL_OLD));
        if (old.isEmpty()) {
            return Rejection.REFUSED;
        }
        return Delivery.Status.REJECTED.wireName().equals(Av.str(old.get(), Attr.STATUS)) ? Rejection.AGAIN : Rejection.FIRST;
    }

    /**
     * Counts a delivery that arrived again after it was processed (GitHub's retry, SQS's at-least-once), so the
     * list shows duplicates; only when its record exists. One write per duplicate: rare by nature.
     */
    public void noteDuplicate(String deliveryId) {
        Expression e = Expression.create().add(Attr.DUPLICATES, Av.n(1));
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(deliveryId)))));
    }

    /** Puts the record in the list of deliveries of the day it was received. */
    private static void listed(Expression e, Receipt receipt) {
        String deliveryId = receipt.deliveryId();
        e.set(Attr.GSI2PK, Av.s(Keys.deliveryListPartition(receipt.receivedAt(), Keys.deliveryShard(deliveryId))))
                .set(Attr.GSI2SK, Av.s(Keys.deliveryListSort(receipt.receivedAt(), deliveryId)))
                .set(Attr.SIZE_BYTES, Av.n(receipt.sizeBytes()));
        if (receipt.installationId() != null) {
            e.set(Attr.INSTALLATION_ID, Av.n(receipt.installationId()));
        }
        if (receipt.repositoryId() != null) {
            e.set(Attr.REPOSITORY_ID, Av.n(receipt.repositoryId()));
        }
    }

    private Expression settled(Delivery.Status status, String error) {
        return Expression.create()
                .set(Attr.STATUS, Av.s(status.wireName()))
                .set(Attr.PROCESSED_AT, Av.time(clock.instant()))
                .set(Attr.ERROR, Av.s(error))
                .remove(Attr.LEASE_UNTIL);
    }

    /**
     * Applies {@code e} only while {@code attempt} holds the delivery: in progress under its number. The
     * fence, not the lease's clock, decides: an attempt that overran its lease still settles a delivery nobody
     * took over, and never one that another attempt claimed since (which may be running, failed or completed).
     */
    private boolean settleAs(Attempt attempt, Expression e) {
        e.condition(e.name(Attr.ATTEMPTS) + " = " + e.value(Av.n(attempt.number())) + " AND " + e.name(Attr.STATUS)
                + " = " + e.value(Av.s(Delivery.Status.IN_PROGRESS.wireName())));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(attempt.deliveryId())))))
                .isPresent();
    }

    /** The claim's condition: no record, or one that no live attempt holds and that is not completed. */
    private static void noLiveAttempt(Expression e, Instant now) {
        String status = e.name(Attr.STATUS);
        // No status yet: only the sync engine's note that it asked GitHub to redeliver (markRedelivered).
        e.condition("attribute_not_exists(" + e.name(TableSchema.PK) + ") OR attribute_not_exists(" + status + ") OR "
                + status + " IN (" + e.value(Av.s(Delivery.Status.FAILED.wireName())) + ", "
                + e.value(Av.s(Delivery.Status.REJECTED.wireName())) + ") OR (" + status + " = "
                + e.value(Av.s(Delivery.Status.IN_PROGRESS.wireName())) + " AND " + e.name(Attr.LEASE_UNTIL)
                + " < " + e.value(Av.n(now.toEpochMilli())) + ")");
    }

    /** Whether the delivery (or sync op) is recorded as completed. */
    public boolean completed(String deliveryId) {
        return table.get(Keys.delivery(deliveryId))
                .map(item -> Delivery.Status.COMPLETED.wireName().equals(Av.str(item, Attr.STATUS))).orElse(false);
    }

    /** Takes back a {@link #markRedelivered} whose request GitHub did not take, so a later run asks again. */
    public void unmarkRedelivered(String deliveryId) {
        Expression e = Expression.create().remove(Attr.REDELIVERED_AT);
        e.condition("attribute_exists(" + e.name(Attr.REDELIVERED_AT) + ")");
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(deliveryId)))));
    }

    /**
     * Records that the sync engine asked GitHub to redeliver this delivery, at most once ever: false when
     * it already did, or when the delivery was processed meanwhile. The record expires with the ledger's.
     */
    public boolean markRedelivered(String deliveryId, String event) {
        Instant now = clock.instant();
        Expression e = Expression.create()
                .set(Attr.REDELIVERED_AT, Av.time(now))
                .set(Attr.TYPE, Av.s(ItemCodec.TYPE_DELIVERY))
                .set(Attr.DELIVERY_ID, Av.s(deliveryId))
                .set(Attr.EXPIRES_AT, Av.n(now.plus(retention).getEpochSecond()));
        e.setClause(e.name(Attr.EVENT) + " = if_not_exists(" + e.name(Attr.EVENT) + ", " + e.value(Av.s(event)) + ")");
        e.condition("attribute_not_exists(" + e.name(Attr.REDELIVERED_AT) + ")");
        e.condition("attribute_not_exists(" + e.name(Attr.STATUS) + ") OR " + e.name(Attr.STATUS) + " <> "
                + e.value(Av.s(Delivery.Status.COMPLETED.wireName())));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(deliveryId))))).isPresent();
    }
}
