package dev.autosync.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Keeps a parent's counter equal to the number of its children that should count (open issues of a
 * repository, live repositories in the global totals) using single-item conditional writes only, with
 * bookkeeping on the parent of a fixed size whatever the number of changes.
 *
 * <p>Each child records whether the counter includes it ({@code counted}) and a version of that flag
 * ({@code count_version}). A change of the flag at version v is an op (child, v): the parent's counter is
 * changed by one, then the child's flag is moved to version v + 1. The parent has {@value #LANES} lanes
 * ({@code ap#l<i>}); a child's ops always go through the lane its key hashes to. A lane holds an op count
 * {@code n} and the last op applied through it. Applying op X is one UpdateItem that ADDs to the counter and
 * sets the lane to (n + 1, X), conditioned on the lane's count still being n — the compare-and-set of
 * {@link JobProgress}, split over lanes so that a burst on a hot parent (an installation on 5,000
 * repositories, a bot closing thousands of issues) contends on sixteen slots, not one.
 *
 * <p>Invariant: op X was applied ⇔ its lane names X, or X's child has moved past X's version. The child is
 * advanced only after its op was applied, and a lane is overwritten only after the op it names was advanced
 * (the writer about to overwrite it advances it first). To apply X a writer reads the parent (lane count n),
 * then — after that read — the child: if the child is still at X's version and the lane does not name X,
 * X was not applied when the parent was read; if it was applied since, the lane's count moved past n and
 * the compare-and-set fails, so the writer reads again. A stale writer only ever writes the parent through
 * that compare-and-set, so no op is applied twice, however late, duplicated or retried. A crash after the
 * parent write leaves the op in its lane; the retry (or any writer of the lane) advances the child. So the
 * counter is exact, and the parent carries at most {@value #LANES} small lane attributes: about 1.5 KB,
 * whatever the burst (the markers this replaces, one per change kept for 15 minutes, grew a hot item towards
 * the 400 KB limit).
 *
 * <p>A lifted tombstone drops its lanes with its other markers ({@link Guards#markAdded}): its children were
 * purged and restart at version 0, so an old lane naming (child, 0) must not make a re-created child look
 * counted.
 *
 * <p>Items written before lanes may still carry one {@code ap#c:<child>@<version>} marker per change: a
 * marker for the child's current version is a change a dead attempt left half done and is finished first,
 * and markers older than {@link #MARKER_LIFETIME} whose child has moved on are dropped by later writes.
 */
final class Contributions {

    /** Lanes per parent: enough that concurrent writers rarely share one, few enough to stay small. */
    static final int LANES = 16;
    /** Age after which a pre-lane marker can no longer be named by a live writer. */
    static final Duration MARKER_LIFETIME = Duration.ofMinutes(15);
    private static final int MAX_ROUNDS = 200;
    private static final String COUNT = "n";
    private static final String OP = "op";
    private static final String TARGET = "target";
    private static final String AT = "at";

    private final Table table;
    private final Clock clock;

    Contributions(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /** One flag change of one child: the child, the counter, the flag's version and its new value. */
    private record Op(Keys.Key child, String counter, long version, boolean target) {

        String encode() {
            return child.pk() + "|" + child.sk() + "|" + counter + "@" + version;
        }

        static Optional<Op> of(Map<String, AttributeValue> parent, String lane) {
            AttributeValue value = parent.get(lane);
            if (value == null || !value.hasM() || !value.m().containsKey(OP)) {
                return Optional.empty();
            }
            String text = Av.str(value.m(), OP);
            int at = text.lastIndexOf('@');
            String[] parts = text.substring(0, at).split("\\|");
            return Optional.of(new Op(new Keys.Key(parts[0], parts[1]), parts[2],
                    Long.parseLong(text.substring(at + 1)), Av.flag(value.m(), TARGET)));
        }
    }

    /** Brings the child's contribution to {@code counter} on {@code parent} in line with {@code wanted(child)}. */
    void reconcile(Keys.Key child, Keys.Key parent, String counter, Predicate<Map<String, AttributeValue>> wanted) {
        reconcile(child, parent, counter, wanted, null, null);
    }

    /**
     * As {@link #reconcile(Keys.Key, Keys.Key, String, Predicate)}, given {@code known}, the child as the
     * caller's own write just returned it: when it already counts as it should, the parent read alone
     * settles the call. A change is always decided on a child read after the parent (see the class comment).
     */
    void reconcile(Keys.Key child, Keys.Key parent, String counter, Predicate<Map<String, AttributeValue>> wanted,
                   Map<String, AttributeValue> known) {
        reconcile(child, parent, counter, wanted, known, null);
    }

    /**
     * For a presence counter (an installation or a repository in the global totals): nothing is read when
     * {@code known} already counts as it should. Safe because the only changes that can take such a child
     * back out of the state a half-done op left it in — a deletion, an uninstall, the re-add that lifts a
     * tombstone — always reconcile with the parent read ({@link #reconcile(Keys.Key, Keys.Key, String,
     * Predicate)}): a crashed op whose target still matches the child's state has counted it correctly (only
     * its flag lags, and the next writer that finds the flag differing advances it), and one whose target no
     * longer matches is found by the deletion or re-add that changed it back. Ordinary upserts of a live
     * entity never change whether it counts, and are nearly every write: they cost no read of the hot totals.
     */
    void reconcilePresence(Keys.Key child, Keys.Key parent, String counter, Predicate<Map<String, AttributeValue>> wanted,
                           Map<String, AttributeValue> known) {
        if (known != null && !known.isEmpty() && wanted.test(known) == Av.flag(known, Attr.COUNTED)) {
            return;
        }
        reconcile(child, parent, counter, wanted, known, null);
    }

    /**
     * As {@link #reconcile(Keys.Key, Keys.Key, String, Predicate, Map)}, and when {@code parentRead} is given —
     * the parent as read <em>before</em> {@code known} was written or read — the first round uses both instead
     * of reading them again: the pair is a parent read followed by a child read, which is all a decision needs.
     * Writers of children read their repository first anyway (to skip a deleted one), so a child write costs
     * no further read unless its count changes.
     */
    void reconcile(Keys.Key child, Keys.Key parent, String counter, Predicate<Map<String, AttributeValue>> wanted,
                   Map<String, AttributeValue> known, Map<String, AttributeValue> parentRead) {
        String lane = lane(child);
        boolean childAfterParent = parentRead != null && known != null && !known.isEmpty();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, AttributeValue> parentItem = round == 0 && parentRead != null ? parentRead
                    : table.get(parent).orElse(Map.of());
            if (parentItem.containsKey(Attr.DELETED_AT)) {
                return; // the parent is deleted: nothing left to count
            }
            Optional<Op> last = Op.of(parentItem, lane);
            if (round == 0 && known != null && !known.isEmpty() && !pendingOn(last, child, known)
                    && !legacyPending(parentItem, child, counter, known)
                    && wanted.test(known) == Av.flag(known, Attr.COUNTED)) {
                return; // counts as it should, and no half-done change of it is pending
            }
            // One read of the child (after the parent's) and of the child the lane names, to advance it first;
            // in the first round a child known to be read after the parent is not read again.
            Map<Keys.Key, Map<String, AttributeValue>> read = round == 0 && childAfterParent
                    ? readOther(child, known, last.map(Op::child)) : read(child, last.map(Op::child));
            Map<String, AttributeValue> item = read.get(child);
            if (item == null) {
                return;
            }
            if (last.isPresent()) {
                Op named = last.get();
                boolean advanced = advanceIfBehind(named, read.get(named.child()));
                // The lane naming this child's op at the version read means that op is applied, whoever
                // advances the child (we did, or another writer just did and our read is stale): never
                // apply a second op at that version, look again (issue 10 item 5, LaneRaceTest).
                if (named.child().equals(child)
                        && (advanced || named.version() == Av.num(item, Attr.COUNT_VERSION))) {
                    continue;
                }
            }
            long version = Av.num(item, Attr.COUNT_VERSION);
            String legacy = Markers.contribution(child, counter, version);
            if (parentItem.containsKey(legacy)) {
                moveFlag(child, version, Av.flag(parentItem.get(legacy).m(), TARGET));
                continue;
            }
            boolean want = wanted.test(item);
            if (want == Av.flag(item, Attr.COUNTED)) {
                return;
            }
            Op op = new Op(child, counter, version, want);
            if (apply(parent, parentItem, lane, op, item)) {
                Optional<Map<String, AttributeValue>> moved = moveFlag(child, version, want);
                // A writer that changed the child after our read may have found it counting as it should (the
                // flag not yet moved) and left: the child as our move left it says whether to go on.
                if (moved.isPresent() && wanted.test(moved.get()) == want) {
                    return;
                }
            } else {
                pause(round);
            }
        }
        throw new StoreUnavailableException("counter " + counter + " kept changing under " + child, null);
    }

    /** Whether the lane names an op of this child at the version {@code known} holds: applied, flag not moved yet. */
    private static boolean pendingOn(Optional<Op> last, Keys.Key child, Map<String, AttributeValue> known) {
        return last.map(op -> op.child().equals(child) && op.version() >= Av.num(known, Attr.COUNT_VERSION))
                .orElse(false);
    }

    /** The compare-and-set of the op on its lane; false when another writer moved the lane first. */
    private boolean apply(Keys.Key parent, Map<String, AttributeValue> parentItem, String lane, Op op,
                          Map<String, AttributeValue> child) {
        long count = laneCount(parentItem, lane);
        Expression e = Expression.create()
                .add(op.counter(), Av.n(op.target() ? 1 : -1))
                .set(lane, AttributeValue.fromM(Map.of(COUNT, Av.n(count + 1), OP, Av.s(op.encode()),
                        TARGET, Av.bool(op.target()))));
        AnalyticsDays.flipped(e, op.counter(), child, clock.instant(), parentItem); // the api's figures it changes
        expiredLegacy(parentItem).forEach(e::remove);
        e.condition(count == 0 ? "attribute_not_exists(" + e.name(lane) + ")"
                : e.path(lane, COUNT) + " = " + e.value(Av.n(count)));
        e.condition("attribute_not_exists(" + e.name(Attr.DELETED_AT) + ")");
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(parent)))).isPresent();
    }

    /** Advances the child of an applied op if it has not moved past the op's version yet; true if it did. */
    private boolean advanceIfBehind(Op op, Map<String, AttributeValue> child) {
        if (child == null || Av.num(child, Attr.COUNT_VERSION) != op.version()) {
            return false;
        }
        return moveFlag(op.child(), op.version(), op.target()).isPresent();
    }

    /** The child as already known, and the other child the lane names (read now), if any. */
    private Map<Keys.Key, Map<String, AttributeValue>> readOther(Keys.Key child, Map<String, AttributeValue> known,
                                                               Optional<Keys.Key> other) {
        Map<Keys.Key, Map<String, AttributeValue>> found = new HashMap<>();
        found.put(child, known);
        other.filter(key -> !key.equals(child)).ifPresent(key -> table.get(key).ifPresent(item -> found.put(key, item)));
        return found;
    }

    private Map<Keys.Key, Map<String, AttributeValue>> read(Keys.Key child, Optional<Keys.Key> other) {
        List<Keys.Key> keys = new ArrayList<>(List.of(child));
        other.filter(key -> !key.equals(child)).ifPresent(keys::add);
        Map<Keys.Key, Map<String, AttributeValue>> found = new HashMap<>();
        if (keys.size() == 1) {
            table.get(child).ifPresent(item -> found.put(child, item));
            return found;
        }
        table.batchGet(keys).forEach(item ->
                found.put(new Keys.Key(item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s()), item));
        return found;
    }

    /** @return the child as moved (empty when it was not at {@code version}) */
    private Optional<Map<String, AttributeValue>> moveFlag(Keys.Key child, long version, boolean counted) {
        Expression e = Expression.create()
                .set(Attr.COUNTED, Av.bool(counted))
                .set(Attr.COUNT_VERSION, Av.n(version + 1));
        String current = e.name(Attr.COUNT_VERSION);
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        e.condition(version == 0 ? "attribute_not_exists(" + current + ") OR " + current + " = " + e.value(Av.n(0))
                : current + " = " + e.value(Av.n(version)));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(child)).returnValues(ReturnValue.ALL_NEW)));
    }

    /** The lane of a child: a stable hash of its key, so every op of the child meets the ops before it. */
    static String lane(Keys.Key child) {
        return Markers.lane(Math.floorMod((child.pk() + "|" + child.sk()).hashCode(), LANES));
    }

    private static long laneCount(Map<String, AttributeValue> parent, String lane) {
        AttributeValue value = parent.get(lane);
        return value == null || !value.hasM() ? 0 : Av.num(value.m(), COUNT);
    }

    /** A lost compare-and-set: back off a little (random, growing) so a crowd on one lane spreads out. */
    private static void pause(int round) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(Math.min(32, 1 + round) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while counting", e);
        }
    }

    private static boolean legacyPending(Map<String, AttributeValue> parent, Keys.Key child, String counter,
                                         Map<String, AttributeValue> known) {
        return parent.containsKey(Markers.contribution(child, counter, Av.num(known, Attr.COUNT_VERSION)));
    }

    /**
     * Pre-lane markers older than {@link #MARKER_LIFETIME} whose change is complete (the child's flag has
     * moved past the marker's version, or the child is gone), at most 50 a write.
     */
    private List<String> expiredLegacy(Map<String, AttributeValue> parentItem) {
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
        Map<Keys.Key, Long> versions = new HashMap<>();
        table.batchGet(old.stream().map(Markers::contributionChild).distinct().toList()).forEach(child ->
                versions.put(new Keys.Key(child.get(TableSchema.PK).s(), child.get(TableSchema.SK).s()),
                        Av.num(child, Attr.COUNT_VERSION)));
        return old.stream().filter(marker -> versions.getOrDefault(Markers.contributionChild(marker), Long.MAX_VALUE)
                > Markers.contributionVersion(marker)).toList();
    }
}
