package dev.autosync.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Per-repository contributor items: commit count, first and last commit. Each is rewritten by a read and
 * a put conditioned on the version read (first/last are a min/max, which an update expression cannot
 * compute), carrying the op's marker so a retried op is recognised and skipped.
 */
final class ContributorLinks {

    private static final int MAX_ROUNDS = 20;

    /** @param created links this op created (they add to the repository's contributor count) */
    record Result(int created) {
    }

    /** @param latest the newest commit: its author's name is the one shown (deterministic in any order) */
    private record Tally(Commit latest, int commits, Instant first, Instant last) {
        Tally add(Commit commit) {
            Instant at = commit.committedAt();
            return new Tally(at.isAfter(last) ? commit : latest, commits + 1, at.isBefore(first) ? at : first,
                    at.isAfter(last) ? at : last);
        }
    }

    private final Table table;

    ContributorLinks(Table table) {
        this.table = table;
    }

    Result record(long repositoryId, List<Commit> commits, String opId) {
        Map<String, Tally> byAuthor = new LinkedHashMap<>();
        for (Commit commit : commits) {
            byAuthor.merge(commit.authorKey(), new Tally(commit, 1, commit.committedAt(), commit.committedAt()),
                    (old, one) -> old.add(commit));
        }
        int created = 0;
        for (Map.Entry<String, Tally> author : byAuthor.entrySet()) {
            if (record(author.getKey(), repositoryId, author.getValue(), opId)) {
                created++;
            }
        }
        return new Result(created);
    }

    /** @return whether the link was created by this op */
    private boolean record(String contributorKey, long repositoryId, Tally tally, String opId) {
        Keys.Key key = Keys.contributor(repositoryId, contributorKey);
        String marker = Markers.delivery(opId);
        Optional<Map<String, AttributeValue>> added = addLater(key, tally, marker);
        if (added.isPresent()) {
            Markers.prune(table, key, added.get(), marker);
            return opId.equals(Av.str(added.get(), Attr.CREATED_BY));
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Map<String, AttributeValue>> stored = table.get(key);
            if (stored.isPresent() && stored.get().containsKey(marker)) {
                return opId.equals(Av.str(stored.get(), Attr.CREATED_BY));
            }
            Map<String, AttributeValue> item = next(key, contributorKey, repositoryId, tally, stored.orElse(Map.of()), opId);
            item.put(marker, Av.bool(true));
            Expression e = Expression.create();
            e.condition(stored.isEmpty() ? "attribute_not_exists(" + e.name(TableSchema.PK) + ")"
                    : e.name(Attr.VERSION) + " = " + e.value(stored.get().get(Attr.VERSION)));
            if (table.put(e.apply(PutItemRequest.builder().item(item)))) {
                return opId.equals(Av.str(item, Attr.CREATED_BY));
            }
        }
        throw new StoreUnavailableException("contributor " + key + " kept changing", null);
    }

    /**
     * The usual case, in one conditional update without a read: a contributor already linked commits again,
     * no earlier than their first commit here and no earlier than their last (so the first stays, the last
     * and the name shown move). Anything else — a new or emptied link, older commits, this op's retry (its
     * marker is there) — fails the condition and takes the read-and-put path. The times compare as text:
     * only second-precision ISO instants (20 characters, as GitHub sends them) sort as they should.
     *
     * @return the link as updated, or empty when the condition failed
     */
    private Optional<Map<String, AttributeValue>> addLater(Keys.Key key, Tally tally, String marker) {
        if (!wholeSeconds(tally.first()) || !wholeSeconds(tally.last())) {
            return Optional.empty();
        }
        Commit latest = tally.latest();
        Expression e = Expression.create().add(Attr.COMMIT_COUNT, Av.n(tally.commits()))
                .add(Attr.VERSION, Av.n(1))
                .set(Attr.LAST_COMMIT_AT, Av.time(tally.last()))
                .set(marker, Av.bool(true));
        setOrRemove(e, Attr.LOGIN, latest.authorLogin());
        setOrRemove(e, Attr.NAME, latest.authorName());
        String first = e.name(Attr.FIRST_COMMIT_AT);
        String last = e.name(Attr.LAST_COMMIT_AT);
        AttributeValue length = Av.n(SECOND_INSTANT_LENGTH);
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ") AND attribute_not_exists(" + e.name(marker) + ")");
        e.condition(e.name(Attr.COMMIT_COUNT) + " > " + e.value(Av.n(0)));
        e.condition("size(" + first + ") = " + e.value(length) + " AND size(" + last + ") = " + e.value(length));
        e.condition(first + " <= " + e.value(Av.time(tally.first())) + " AND " + last + " <= "
                + e.value(Av.time(tally.last())));
        return table.update(e.apply(software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder()
                .key(Av.key(key)).returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)));
    }

    /** "2026-01-01T00:00:00Z": how {@link Instant#toString()} writes an instant of years 1000–9999 without a fraction. */
    private static final int SECOND_INSTANT_LENGTH = 20;

    private static boolean wholeSeconds(Instant at) {
        return at.getNano() == 0 && at.toString().length() == SECOND_INSTANT_LENGTH;
    }

    private static void setOrRemove(Expression e, String name, String value) {
        if (value == null) {
            e.remove(name);
        } else {
            e.set(name, Av.s(value));
        }
    }

    /** @param contributorKey the whole key, kept in {@code key}: the item's own key may hold only its hash */
    private Map<String, AttributeValue> next(Keys.Key key, String contributorKey, long repositoryId, Tally tally,
                                             Map<String, AttributeValue> stored, String opId) {
        Map<String, AttributeValue> item = new HashMap<>(stored);
        Markers.removable(stored, table).forEach(item::remove);
        Commit latest = tally.latest();
        item.putAll(Av.key(key));
        item.put(Attr.TYPE, Av.s(ItemCodec.TYPE_CONTRIBUTOR));
        item.put(Attr.REPOSITORY_ID, Av.n(repositoryId));
        item.put(Attr.KEY, Av.s(contributorKey));
        Instant first = Av.instant(stored, Attr.FIRST_COMMIT_AT);
        Instant last = Av.instant(stored, Attr.LAST_COMMIT_AT);
        if (last == null || !tally.last().isBefore(last)) {
            putOrRemove(item, Attr.LOGIN, latest.authorLogin());
            putOrRemove(item, Attr.NAME, latest.authorName());
        }
        item.put(Attr.COMMIT_COUNT, Av.n(Av.num(stored, Attr.COMMIT_COUNT) + tally.commits()));
        item.put(Attr.FIRST_COMMIT_AT, Av.time(first == null || tally.first().isBefore(first) ? tally.first() : first));
        item.put(Attr.LAST_COMMIT_AT, Av.time(last == null || tally.last().isAfter(last) ? tally.last() : last));
        if (Av.num(stored, Attr.COMMIT_COUNT) == 0) {
            // New, or emptied by a force push: either way this op makes it a contributor (again).
            item.put(Attr.CREATED_BY, Av.s(opId));
            item.remove(Attr.DELETED_AT);
            item.remove(Attr.EMPTIED_BY);
        }
        item.put(Attr.VERSION, Av.n(Av.num(stored, Attr.VERSION) + 1));
        item.put(Attr.GSI1PK, Av.s(Keys.repositoriesOfContributor(contributorKey)));
        item.put(Attr.GSI1SK, Av.s(Keys.repositorySortKey(repositoryId)));
        return item;
    }

    private static void putOrRemove(Map<String, AttributeValue> item, String name, String value) {
        if (value == null) {
            item.remove(name);
        } else {
            item.put(name, Av.s(value));
        }
    }

    /**
     * Takes removed commits off their authors' links, each link once per op (its marker). A link whose
     * count reaches zero is hidden like a tombstone and stamped {@code emptied_by}, so the op (and its retry)
     * knows to lower the repository's contributor count.
     *
     * @return how many links this op emptied
     */
    int subtract(long repositoryId, List<Commit> commits, String opId) {
        Map<String, Integer> byAuthor = new LinkedHashMap<>();
        commits.forEach(c -> byAuthor.merge(c.authorKey(), 1, Integer::sum));
        int emptied = 0;
        String marker = Markers.delivery(opId);
        for (Map.Entry<String, Integer> author : byAuthor.entrySet()) {
            Keys.Key key = Keys.contributor(repositoryId, author.getKey());
            for (int round = 0; ; round++) {
                if (round == MAX_ROUNDS) {
                    throw new StoreUnavailableException("contributor " + key + " kept changing", null);
                }
                Optional<Map<String, AttributeValue>> stored = table.get(key);
                if (stored.isEmpty()) {
                    break;
                }
                if (stored.get().containsKey(marker)) {
                    emptied += opId.equals(Av.str(stored.get(), Attr.EMPTIED_BY)) ? 1 : 0;
                    break;
                }
                Map<String, AttributeValue> item = new HashMap<>(stored.get());
                long before = Av.num(item, Attr.COMMIT_COUNT);
                long after = Math.max(0, before - author.getValue());
                item.put(Attr.COMMIT_COUNT, Av.n(after));
                item.put(Attr.VERSION, Av.n(Av.num(item, Attr.VERSION) + 1));
                item.put(marker, Av.bool(true));
                if (after == 0 && before > 0) {
                    item.put(Attr.EMPTIED_BY, Av.s(opId));
                    item.put(Attr.DELETED_AT, Av.s("emptied"));
                    item.remove(Attr.GSI1PK);
                    item.remove(Attr.GSI1SK);
                }
                Expression e = Expression.create();
                e.condition(e.name(Attr.VERSION) + " = " + e.value(stored.get().get(Attr.VERSION)));
                if (table.put(e.apply(PutItemRequest.builder().item(item)))) {
                    emptied += after == 0 && before > 0 ? 1 : 0;
                    break;
                }
            }
        }
        return emptied;
    }
}
