package dev.autosync.store;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Keeps a parent's counter equal to the number of its children that should count (open issues of a
 * repository, live repositories in the global totals) using single-item conditional writes only.
 *
 * <p>Each child records whether the counter includes it ({@code counted}) and a version of that flag. To
 * move the flag, the parent's counter is changed by an UpdateItem conditioned on the absence of a marker
 * named after (child, version), which it sets; then the child's flag is moved with a condition on the
 * version; then the marker is removed. A crash at any point leaves either nothing done, or a marker that
 * turns the retried counter change into a no-op (its value says what was applied), so the counter is
 * changed exactly once per flag version whatever crashes, duplicates or concurrent writers do. Every
 * reconcile first finishes a change that a dead attempt left half done (a marker for the child's current
 * version), so a newer event that finds the flag already as it wants it cannot leave the counter short.
 */
final class Contributions {

    private static final int MAX_ROUNDS = 20;

    private final Table table;

    Contributions(Table table) {
        this.table = table;
    }

    /** Brings the child's contribution to {@code counter} on {@code parent} in line with {@code wanted(child)}. */
    void reconcile(Keys.Key child, Keys.Key parent, String counter, Predicate<Map<String, AttributeValue>> wanted) {
        reconcile(child, parent, counter, wanted, null);
    }

    /**
     * As {@link #reconcile(Keys.Key, Keys.Key, String, Predicate)}, starting from {@code known}, the child as
     * the caller's own write just returned it (saves a read; a stale copy only costs a failed condition).
     */
    void reconcile(Keys.Key child, Keys.Key parent, String counter, Predicate<Map<String, AttributeValue>> wanted,
                   Map<String, AttributeValue> known) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Map<String, AttributeValue>> item = round == 0 && known != null
                    ? Optional.of(known).filter(i -> !i.isEmpty()) : table.get(child);
            if (item.isEmpty()) {
                return;
            }
            long version = Av.num(item.get(), Attr.COUNT_VERSION);
            String marker = Markers.contribution(child, counter, version);
            Map<String, AttributeValue> parentItem = table.get(parent).orElse(Map.of());
            if (parentItem.containsKey(marker)) {
                // An attempt changed the counter for this version and died before moving the flag: finish
                // its work first, whatever the child wants now (a later round handles that).
                if (moveFlag(child, version, Av.flag(parentItem, marker))) {
                    removeMarker(parent, marker);
                }
                continue;
            }
            boolean want = wanted.test(item.get());
            if (want == Av.flag(item.get(), Attr.COUNTED)) {
                return;
            }
            Optional<Boolean> applied = applyToParent(parent, counter, marker, want);
            if (applied.isEmpty()) {
                return; // the parent is deleted: nothing left to count
            }
            if (moveFlag(child, version, applied.get())) {
                removeMarker(parent, marker);
            }
        }
        throw new StoreUnavailableException("counter " + counter + " kept changing under " + child, null);
    }

    /** @return the flag value whose change the parent now holds, or empty when the parent is a tombstone */
    private Optional<Boolean> applyToParent(Keys.Key parent, String counter, String marker, boolean want) {
        Expression e = Expression.create()
                .add(counter, Av.n(want ? 1 : -1))
                .set(marker, Av.bool(want));
        e.condition("attribute_not_exists(" + e.name(marker) + ") AND attribute_not_exists("
                + e.name(Attr.DELETED_AT) + ")");
        if (table.update(e.apply(UpdateItemRequest.builder().key(Av.key(parent)))).isPresent()) {
            return Optional.of(want);
        }
        Map<String, AttributeValue> stored = table.get(parent).orElse(Map.of());
        if (stored.containsKey(Attr.DELETED_AT) || !stored.containsKey(marker)) {
            return Optional.empty();
        }
        return Optional.of(Av.flag(stored, marker));
    }

    private boolean moveFlag(Keys.Key child, long version, boolean counted) {
        Expression e = Expression.create()
                .set(Attr.COUNTED, Av.bool(counted))
                .set(Attr.COUNT_VERSION, Av.n(version + 1));
        String current = e.name(Attr.COUNT_VERSION);
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        e.condition(version == 0 ? "attribute_not_exists(" + current + ") OR " + current + " = " + e.value(Av.n(0))
                : current + " = " + e.value(Av.n(version)));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(child)))).isPresent();
    }

    private void removeMarker(Keys.Key parent, String marker) {
        Expression e = Expression.create().remove(marker);
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(parent))));
    }
}
