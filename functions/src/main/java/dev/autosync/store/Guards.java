package dev.autosync.store;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The condition expressions that make writes order-safe, and tombstone writing. */
final class Guards {

    private Guards() {
    }

    /** Not a tombstone, and not newer than {@code sourceTime} (epoch millis of GitHub's own timestamp). */
    static Expression notNewerAndAlive(Expression e, long sourceTime) {
        String stored = e.name(Attr.SOURCE_TIME);
        e.set(Attr.SOURCE_TIME, Av.n(sourceTime));
        e.condition(alive(e));
        e.condition("attribute_not_exists(" + stored + ") OR " + stored + " <= " + e.value(Av.n(sourceTime)));
        return e;
    }

    static String alive(Expression e) {
        return "attribute_not_exists(" + e.name(Attr.DELETED_AT) + ")";
    }

    /** A guarded upsert of {@code fields}: WRITTEN, or why not. */
    static WriteOutcome upsert(Table table, Keys.Key key, Map<String, AttributeValue> fields, long sourceTime) {
        Expression e = notNewerAndAlive(Expression.create(), sourceTime);
        if (table.updateFields(key, fields, e).isPresent()) {
            return WriteOutcome.WRITTEN;
        }
        return table.get(key).map(item -> item.containsKey(Attr.DELETED_AT)).orElse(false)
                ? WriteOutcome.DELETED : WriteOutcome.STALE;
    }

    /**
     * Turns the item into a tombstone: its own attributes and index keys go (so it leaves every list and
     * counts for nothing), {@code deleted_at} and the TTL stay. Idempotent.
     */
    static void tombstone(Table table, Keys.Key key, List<String> attributes, String type, java.time.Instant now,
                          java.time.Duration keep) {
        Expression e = Expression.create()
                .set(Attr.TYPE, Av.s(type))
                .set(Attr.EXPIRES_AT, Av.n(now.plus(keep).getEpochSecond()));
        e.setClause(e.name(Attr.DELETED_AT) + " = if_not_exists(" + e.name(Attr.DELETED_AT) + ", "
                + e.value(Av.time(now)) + ")");
        attributes.forEach(e::remove);
        List.of(Attr.GSI1PK, Attr.GSI1SK, Attr.GSI2PK, Attr.GSI2SK, Attr.SOURCE_TIME).forEach(e::remove);
        table.update(e.apply(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
                .key(Av.key(key))));
    }
}
