package dev.autosync.store;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The condition expressions that make writes order-safe, and tombstone writing. */
final class Guards {

    /** Attributes one write removes at most: DynamoDB limits an expression to 4 KB. */
    private static final int MAX_REMOVALS = 100;

    private Guards() {
    }

    /** Not a tombstone, and holding a lower {@link Version} than {@code version}, which the write sets. */
    static Expression olderAndAlive(Expression e, Version version) {
        e.condition(alive(e));
        e.condition(version.storedOlder(e));
        return e;
    }

    static String alive(Expression e) {
        return "attribute_not_exists(" + e.name(Attr.DELETED_AT) + ")";
    }

    /** What a guarded upsert did, and the item as it then stood (empty when it does not exist). */
    record Upserted(WriteOutcome outcome, Map<String, AttributeValue> item) {
    }

    /**
     * Whether writing at {@code version} would change {@code stored}: it is no tombstone and holds a lower
     * version, the order the condition of {@link #olderAndAlive} applies. A write of the stored version is a
     * repeat (same time, observation and content): nothing to do.
     */
    static boolean newer(Map<String, AttributeValue> stored, Version version) {
        return !stored.containsKey(Attr.DELETED_AT) && version.above(stored);
    }

    /**
     * A guarded upsert that reads first and writes only when its version is above the stored one: a repeated
     * delivery (a duplicate, a retry) and the older snapshots late events carry (a repository's rides on every
     * event) cost a read, cheaper than a write refused by its condition. A new observation of an unchanged
     * entity still writes: the observation is part of the version, and skipping it would let a write observed
     * in between win in one order and lose in the other.
     */
    static Upserted upsertIfNewer(Table table, Keys.Key key, Map<String, AttributeValue> fields, Version version) {
        Map<String, AttributeValue> stored = table.get(key).orElse(Map.of());
        if (stored.containsKey(Attr.DELETED_AT)) {
            return new Upserted(WriteOutcome.DELETED, stored);
        }
        if (!newer(stored, version)) {
            return new Upserted(WriteOutcome.STALE, stored);
        }
        return upsert(table, key, fields, version);
    }

    /** A guarded upsert of {@code fields}: WRITTEN, or why not. */
    static Upserted upsert(Table table, Keys.Key key, Map<String, AttributeValue> fields, Version version) {
        Expression e = olderAndAlive(Expression.create(), version);
        var written = table.updateFields(key, fields, e);
        if (written.isPresent()) {
            return new Upserted(WriteOutcome.WRITTEN, written.get());
        }
        Map<String, AttributeValue> stored = table.get(key).orElse(Map.of());
        return new Upserted(stored.containsKey(Attr.DELETED_AT) ? WriteOutcome.DELETED : WriteOutcome.STALE, stored);
    }

    /**
     * Turns the item into a tombstone: its own attributes and index keys go (so it leaves every list and
     * counts for nothing), {@code deleted_at} and the TTL stay, and {@code deleted_version} records the
     * GitHub time of the deletion (an explicit re-add that is not older may revive it). Idempotent; an
     * older deletion never overwrites a newer tombstone's version, nor deletes what a newer explicit add
     * brought back ({@code added_version}).
     *
     * @return whether the item is now a tombstone (false: the deletion is older than the item's last add)
     */
    static boolean tombstone(Table table, Keys.Key key, List<String> attributes, String type, long version,
                          java.time.Instant now, java.time.Duration keep) {
        Expression e = Expression.create()
                .set(Attr.TYPE, Av.s(type))
                .set(Attr.DELETED_VERSION, Av.n(version))
                .set(Attr.EXPIRES_AT, Av.n(now.plus(keep).getEpochSecond()));
        String stored = e.name(Attr.DELETED_VERSION);
        String added = e.name(Attr.ADDED_VERSION);
        String at = e.value(Av.n(version));
        e.condition("attribute_not_exists(" + stored + ") OR " + stored + " <= " + at);
        e.condition("attribute_not_exists(" + added + ") OR " + added + " <= " + at);
        e.setClause(e.name(Attr.DELETED_AT) + " = if_not_exists(" + e.name(Attr.DELETED_AT) + ", "
                + e.value(Av.time(now)) + ")");
        attributes.forEach(e::remove);
        List.of(Attr.GSI1PK, Attr.GSI1SK, Attr.GSI2PK, Attr.GSI2SK, Attr.SOURCE_TIME, Attr.OBSERVED_AT,
                Attr.CONTENT_HASH, Attr.ADDED_VERSION).forEach(e::remove);
        if (table.update(e.apply(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
                .key(Av.key(key)))).isPresent()) {
            return true;
        }
        return table.get(key).map(item -> item.containsKey(Attr.DELETED_AT)).orElse(false);
    }

    /**
     * Records an explicit add at GitHub time {@code version}: a live item remembers it (so an older removal
     * delivered later cannot delete it); a tombstone whose deletion is not newer is lifted (its own flags are
     * kept). A newer tombstone stays.
     *
     * <p>A lifted tombstone also drops the counter markers of its earlier life: its children were purged,
     * so theirs restart at version 0, and an old marker naming (child, 0) would make a re-created child
     * look counted. No writer adds a marker to a tombstone, so the markers read are all there are.
     */
    static void markAdded(Table table, Keys.Key key, long version) {
        for (int round = 0; round < 3; round++) {
            Map<String, AttributeValue> stored = table.get(key).orElse(Map.of());
            Expression e = Expression.create().set(Attr.ADDED_VERSION, Av.n(version));
            String at = e.value(Av.n(version));
            String deleted = e.name(Attr.DELETED_AT);
            if (stored.containsKey(Attr.DELETED_AT)) {
                e.remove(Attr.DELETED_AT).remove(Attr.DELETED_VERSION).remove(Attr.EXPIRES_AT);
                List<String> markers = stored.keySet().stream().filter(Markers::isMarker).toList();
                int last = Math.max(0, markers.size() - MAX_REMOVALS);
                stripFromTombstone(table, key, markers.subList(0, last));
                markers.subList(last, markers.size()).forEach(e::remove);
                e.condition("attribute_exists(" + deleted + ") AND " + e.name(Attr.DELETED_VERSION) + " <= " + at);
            } else {
                String added = e.name(Attr.ADDED_VERSION);
                e.condition("attribute_not_exists(" + deleted + ") AND (attribute_not_exists(" + added + ") OR "
                        + added + " < " + at + ")");
            }
            if (table.update(e.apply(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
                    .key(Av.key(key)))).isPresent()
                    || stored.containsKey(Attr.DELETED_AT) == table.get(key).map(i -> i.containsKey(Attr.DELETED_AT))
                    .orElse(false)) {
                return; // written, or refused on the state we read (a newer tombstone or add): nothing to do
            }
        }
        throw new StoreUnavailableException("repository " + key + " kept being deleted and added", null);
    }

    /**
     * Removes {@code attributes} from a tombstone, {@link #MAX_REMOVALS} per write (an expression may not
     * exceed 4 KB); a write finding the item revived meanwhile does nothing.
     */
    private static void stripFromTombstone(Table table, Keys.Key key, List<String> attributes) {
        for (int from = 0; from < attributes.size(); from += MAX_REMOVALS) {
            Expression e = Expression.create();
            attributes.subList(from, Math.min(attributes.size(), from + MAX_REMOVALS)).forEach(e::remove);
            e.condition("attribute_exists(" + e.name(Attr.DELETED_AT) + ")");
            table.update(e.apply(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
                    .key(Av.key(key))));
        }
    }
}
