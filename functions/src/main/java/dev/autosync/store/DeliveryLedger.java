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

    private final Table table;
    private final Clock clock;
    private final Duration lease;

    /**
     * @param lease how long an attempt may run before another processor takes it over (longer than the
     *              processor's timeout)
     */
    public DeliveryLedger(DynamoDbClient dynamoDb, String tableName, Clock clock, Duration lease) {
        this.table = new Table(dynamoDb, tableName);
        this.clock = clock;
        this.lease = lease;
    }

    public Claim claim(String deliveryId, String event, String action, Instant receivedAt) {
        Instant now = clock.instant();
        Expression e = Expression.create()
                .set(Attr.TYPE, Av.s(ItemCodec.TYPE_DELIVERY))
                .set(Attr.DELIVERY_ID, Av.s(deliveryId))
                .set(Attr.EVENT, Av.s(event))
                .set(Attr.RECEIVED_AT, Av.time(receivedAt))
                .set(Attr.STATUS, Av.s(Delivery.Status.IN_PROGRESS.wireName()))
                .set(Attr.LEASE_UNTIL, Av.n(now.plus(lease).toEpochMilli()))
                .set(Attr.EXPIRES_AT, Av.n(now.plus(RETENTION).getEpochSecond()))
                .add(Attr.ATTEMPTS, Av.n(1));
        if (action != null) {
            e.set(Attr.ACTION, Av.s(action));
        }
        String status = e.name(Attr.STATUS);
        // No status yet: only the sync engine's note that it asked GitHub to redeliver (markRedelivered).
        e.condition("attribute_not_exists(" + e.name(TableSchema.PK) + ") OR attribute_not_exists(" + status + ") OR "
                + status + " IN (" + e.value(Av.s(Delivery.Status.FAILED.wireName())) + ", "
                + e.value(Av.s(Delivery.Status.REJECTED.wireName())) + ") OR (" + status + " = "
                + e.value(Av.s(Delivery.Status.IN_PROGRESS.wireName())) + " AND " + e.name(Attr.LEASE_UNTIL)
                + " < " + e.value(Av.n(now.toEpochMilli())) + ")");
        Optional<Map<String, AttributeValue>> old = table.update(e.apply(UpdateItemRequest.builder()
                .key(Av.key(Keys.delivery(deliveryId)))).returnValues(ReturnValue.ALL_OLD));
        if (old.isPresent()) {
            return old.get().isEmpty() || !old.get().containsKey(Attr.STATUS) ? Claim.FRESH : Claim.RESUMED;
        }
        String stored = table.get(Keys.delivery(deliveryId)).map(item -> Av.str(item, Attr.STATUS)).orElse("");
        return Delivery.Status.COMPLETED.wireName().equals(stored) ? Claim.COMPLETED : Claim.BUSY;
    }

    /** Marks the delivery processed; {@code outcome} says what was done (never payload text). */
    public void complete(String deliveryId, String outcome) {
        Expression e = Expression.create();
        // A sync op completes without a claim: its record must expire like a delivery's.
        e.setClause(e.name(Attr.EXPIRES_AT) + " = if_not_exists(" + e.name(Attr.EXPIRES_AT) + ", "
                + e.value(Av.n(clock.instant().plus(RETENTION).getEpochSecond())) + ")");
        e.set(Attr.STATUS, Av.s(Delivery.Status.COMPLETED.wireName()))
                .set(Attr.PROCESSED_AT, Av.time(clock.instant()))
                .set(Attr.OUTCOME, Av.s(outcome))
                .remove(Attr.LEASE_UNTIL)
                .remove(Attr.ERROR);
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(deliveryId)))));
    }

    /**
     * Records a failed attempt so that the next receive may retry at once and an operator can see why a
     * message ended in the dead-letter queue. Never downgrades a completed delivery.
     */
    public void fail(String deliveryId, String event, String error) {
        settle(deliveryId, event, Delivery.Status.FAILED, error);
    }

    /**
     * Records a delivery that can never be processed (a malformed message, a payload that does not match
     * its event) and was not: {@code reason} says why (never payload text). Never downgrades a completed
     * delivery; a later delivery under the same id (GitHub's redelivery) may still claim it.
     */
    public void reject(String deliveryId, String event, String reason) {
        settle(deliveryId, event, Delivery.Status.REJECTED, reason);
    }

    private void settle(String deliveryId, String event, Delivery.Status status, String error) {
        Instant now = clock.instant();
        Expression e = Expression.create()
                .set(Attr.TYPE, Av.s(ItemCodec.TYPE_DELIVERY))
                .set(Attr.DELIVERY_ID, Av.s(deliveryId))
                .set(Attr.STATUS, Av.s(status.wireName()))
                .set(Attr.PROCESSED_AT, Av.time(now))
                .set(Attr.ERROR, Av.s(error))
                .set(Attr.EXPIRES_AT, Av.n(now.plus(RETENTION).getEpochSecond()))
                .remove(Attr.LEASE_UNTIL);
        if (event != null) {
            e.setClause(e.name(Attr.EVENT) + " = if_not_exists(" + e.name(Attr.EVENT) + ", "
                    + e.value(Av.s(event)) + ")");
        }
        e.condition("attribute_not_exists(" + e.name(Attr.STATUS) + ") OR " + e.name(Attr.STATUS) + " <> "
                + e.value(Av.s(Delivery.Status.COMPLETED.wireName())));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(deliveryId)))));
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
                .set(Attr.EXPIRES_AT, Av.n(now.plus(RETENTION).getEpochSecond()));
        e.setClause(e.name(Attr.EVENT) + " = if_not_exists(" + e.name(Attr.EVENT) + ", " + e.value(Av.s(event)) + ")");
        e.condition("attribute_not_exists(" + e.name(Attr.REDELIVERED_AT) + ")");
        e.condition("attribute_not_exists(" + e.name(Attr.STATUS) + ") OR " + e.name(Attr.STATUS) + " <> "
                + e.value(Av.s(Delivery.Status.COMPLETED.wireName())));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.delivery(deliveryId))))).isPresent();
    }
}
