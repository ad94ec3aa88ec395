package dev.autosync.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * version. A crash at any point leaves either nothing done, or a marker that turns the retried counter
 * change into a no-op (its value says what was applied), so the counter is changed exactly once per flag
 * version whatever crashes, duplicates or concurrent writers do. Every reconcile first finishes a change
 * that a dead attempt left half done (a marker for the child's current version), so a newer event that
 * finds the flag already as it wants it cannot leave the counter short.
 *
 * <p>A marker must outlive every writer that may still hold the version it names (a writer that read the
 * child just before another moved the flag would otherwise apply the change a second time), so markers
 * are dropped only once {@link #MARKER_LIFETIME} old — far beyond the processor's timeout — by a later
 * change of the same parent.
 */
final class Contributions {

    static final Duration MARKER_LIFETIME = Duration.ofMinutes(15);
    private static final int MAX_ROUNDS = 20;
    private static final String TARGET = "target";
    private static final String AT = "at";

    private final Table table;
    private final Clock clock;

    Contributions(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
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
                moveFlag(child, version, target(parentItem.get(marker)));
                continue;
            }
            boolean want = wanted.test(item.get());
            if (want == Av.flag(item.get(), Attr.COUNTED)) {
                return;
            }
            Optional<Boolean> applied = applyToParent(parent, parentItem, counter, marker, want);
            if (applied.isEmpty()) {
                return; // the parent is deleted: nothing left to count
            }
            if (moveFlag(child, version, applied.get()) && applied.get() == want) {
                return; // a writer that changed the child since reconciles its own change
            }
        }
        throw new StoreUnavailableException("counter " + counter + " kept changing under " + child, null);
    }

    /** @return the flag value whose change the parent now holds, or empty when the parent is a tombstone */
    private Optional<Boolean> applyToParent(Keys.Key parent, Map<String, AttributeValue> parentItem, String counter,
                                            String marker, boolean want) {
        Expression e = Expression.create()
                .add(counter, Av.n(want ? 1 : -1))
                .set(marker, AttributeValue.fromM(Map.of(TARGET, Av.bool(want),
                        AT, Av.n(clock.instant().getEpochSecond()))));
        expired(parentItem).forEach(e::remove);
        e.condition("attribute_not_exists(" + e.name(marker) + ") AND attribute_not_exists("
                + e.name(Attr.DELETED_AT) + ")");
        if (table.update(e.apply(UpdateItemRequest.builder().key(Av.key(parent)))).isPresent()) {
            return Optional.of(want);
        }
        Map<String, AttributeValue> stored = table.get(parent).orElse(Map.of());
        if (stored.containsKey(Attr.DELETED_AT) || !stored.containsKey(marker)) {
            return Optional.empty();
        }
        return Optional.of(target(stored.get(marker)));
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

    /**
     * Contribution markers on the parent older than {@link #MARKER_LIFETIME} whose change is complete (the
     * child's flag has moved past the marker's version, or the child is gone); a marker of a change a dead
     * attempt left half done stays until a reconcile of that child finishes it.
     */
    private List<String> expired(Map<String, AttributeValue> parentItem) {
        long cutoff = clock.instant().minus(MARKER_LIFETIME).getEpochSecond();
        List<String> old = parentItem.entrySet().stream()
                .filter(entry -> Markers.isContribution(entry.getKey()) && entry.getValue().hasM())
                .filter(entry -> Av.num(entry.getValue().m(), AT) < cutoff)
                .map(Map.Entry::getKey)
                .limit(50)
                .toList();
        if (old.isEmpty()) {
            return old;
        }
        Map<Keys.Key, Long> versions = new java.util.HashMap<>();
        table.batchGet(old.stream().map(Markers::contributionChild).distinct().toList()).forEach(child ->
                versions.put(new Keys.Key(child.get(TableSchema.PK).s(), child.get(TableSchema.SK).s()),
                        Av.num(child, Attr.COUNT_VERSION)));
        return old.stream().filter(marker -> versions.getOrDefault(Markers.contributionChild(marker), Long.MAX_VALUE)
                > Markers.contributionVersion(marker)).toList();
    }

    private static boolean target(AttributeValue marker) {
        return marker.hasM() && Av.flag(marker.m(), TARGET);
    }
}
