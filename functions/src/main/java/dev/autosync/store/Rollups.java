package dev.autosync.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The machinery of {@link ActivityRollups}: a figure of a repository kept per period (a UTC day, or a month),
 * as a multiset of short entries (an author, a duration, a time) with their counts, COMPUTED from the raw
 * items of the period — a bounded Query of a time-sorted index, projected to what the entry needs — and
 * stored in the repository's partition with the generation it was computed at (see {@link AnalyticsDays}).
 *
 * <p>A computation reads the generation before any raw item and stores that one, conditioned on no later
 * computation being stored, so a write landing meanwhile leaves it stale. One too large for the request's
 * {@link ReadBudget} is stored with where it stopped ({@code resume}) and continued by the next request at the
 * same generation. The indexes are eventually consistent: a computation begun less than {@link #SETTLE} after
 * the kind's latest bump is stored unsettled, and computed again by the next request.
 */
final class Rollups {

    /** How long after a bump an index may still miss the write it announced (its lag is usually under a second). */
    static final Duration SETTLE = Duration.ofSeconds(10);
    /**
     * Bytes of entries a period's item may hold, well inside DynamoDB's 400 KB item limit (about 15,000
     * entries: a day's authors or closes, a month's open issues). A period with more is not stored: it is
     * computed again by each request, within its budget.
     */
    static final int MAX_ENTRY_BYTES = 300_000;
    /** Item type of a stored period. */
    static final String TYPE = "activity_period";

    /**
     * One kind of figure: the periods' keys, the raw items' index and projection, the entry of one raw item.
     *
     * @param totalsPrefix when not null, each period also has an item of that prefix with its total and
     *                     bookkeeping but not its entries, so all periods' totals read cheaply
     */
    record Kind(String code, String sortKeyPrefix, String totalsPrefix, TableSchema.Gsi index,
                LongFunction<String> partition, List<String> projection,
                Function<Map<String, AttributeValue>, String> entry) {
    }

    /** A period: a day, or a month ({@code label} {@code yyyy-MM-dd} or {@code yyyy-MM}); {@code end} excluded. */
    record Period(String label, Instant start, Instant end) {

        static Period day(LocalDate day) {
            return new Period(day.toString(), Rollups.start(day), Rollups.start(day.plusDays(1)));
        }

        static Period month(LocalDate first) {
            LocalDate month = first.withDayOfMonth(1);
            return new Period(month.toString().substring(0, 7), Rollups.start(month), Rollups.start(month.plusMonths(1)));
        }
    }

    /**
     * What a request knows of a period: its entries (none when read from a totals item), their total, and
     * whether they are up to date.
     */
    record Known(Map<String, Long> entries, long total, boolean finished) {
    }

    private final Table table;

    Rollups(Table table) {
        this.table = table;
    }

    /**
     * The stored periods of a kind from {@code first} to {@code last} (labels), strongly consistent: their
     * items, or with {@code totals} their totals items.
     */
    Map<String, Map<String, AttributeValue>> stored(long repositoryId, Kind kind, String first, String last,
                                                    boolean totals) {
        Map<String, Map<String, AttributeValue>> periods = new HashMap<>();
        if (first.compareTo(last) > 0) {
            return periods;
        }
        String prefix = totals ? kind.totalsPrefix() : kind.sortKeyPrefix();
        Expression e = Expression.create();
        String keyCondition = e.name(TableSchema.PK) + " = " + e.value(Av.s(Keys.repositoryPartition(repositoryId)))
                + " AND " + e.name(TableSchema.SK) + " BETWEEN " + e.value(Av.s(prefix + first))
                + " AND " + e.value(Av.s(prefix + last));
        for (Map<String, AttributeValue> item : table.queryAll(e.applyQuery(QueryRequest.builder()
                .keyConditionExpression(keyCondition).consistentRead(true)))) {
            periods.put(item.get(TableSchema.SK).s().substring(prefix.length()), item);
        }
        return periods;
    }

    /** One stored period's item (with its entries). */
    Map<String, AttributeValue> stored(long repositoryId, Kind kind, String label) {
        return table.get(new Keys.Key(Keys.repositoryPartition(repositoryId), kind.sortKeyPrefix() + label))
                .orElse(Map.of());
    }

    /** Whether a stored period is complete, settled and at {@code generation}. */
    static boolean current(Map<String, AttributeValue> stored, long generation) {
        return stored.containsKey(Attr.ROLLUP_GENERATION) && Av.num(stored, Attr.ROLLUP_GENERATION) == generation
                && !stored.containsKey(Attr.ROLLUP_RESUME) && Av.flag(stored, Attr.ROLLUP_SETTLED);
    }

    /**
     * A period as far as this request can know it: the stored one when current; else computed (continuing a
     * computation at the same generation), unless the budget is spent — then the stored one as last known.
     */
    Known period(long repositoryId, Kind kind, Period period, long generation, long bumpedAt,
                 Map<String, AttributeValue> stored, Instant now, ReadBudget budget) {
        if (current(stored, generation)) {
            return new Known(entries(stored), Av.num(stored, Attr.ROLLUP_TOTAL), true);
        }
        if (budget.spent()) {
            boolean partial = stored.containsKey(Attr.ROLLUP_RESUME);
            return new Known(partial ? Map.of() : entries(stored), partial ? 0 : Av.num(stored, Attr.ROLLUP_TOTAL), false);
        }
        boolean continuing = stored.containsKey(Attr.ROLLUP_RESUME)
                && Av.num(stored, Attr.ROLLUP_GENERATION) == generation;
        Map<String, Long> entries = continuing ? new HashMap<>(entries(stored)) : new HashMap<>();
        long readAt = continuing ? Av.num(stored, Attr.ROLLUP_READ_AT) : now.getEpochSecond();
        Map<String, AttributeValue> resume = read(repositoryId, kind, period.start(), period.end(),
                continuing ? stored.get(Attr.ROLLUP_RESUME).m() : null, budget, item -> {
                    String entry = kind.entry().apply(item);
                    if (entry != null) {
                        entries.merge(entry, 1L, Long::sum);
                    }
                });
        store(repositoryId, kind, period, generation, readAt, readAt >= bumpedAt + SETTLE.toSeconds(), entries, resume);
        return resume == null ? new Known(entries, entries.values().stream().mapToLong(Long::longValue).sum(), true)
                : new Known(Map.of(), 0, false);
    }

    /** Stores a computation: the period's item, then (without the entries) its totals item if its kind has one. */
    private void store(long repositoryId, Kind kind, Period period, long generation, long readAt, boolean settled,
                       Map<String, Long> entries, Map<String, AttributeValue> resume) {
        long bytes = entries.entrySet().stream()
                .mapToLong(entry -> entry.getKey().length() * 3L + Long.toString(entry.getValue()).length() + 4).sum();
        if (bytes > MAX_ENTRY_BYTES) {
            return;
        }
        long total = entries.values().stream().mapToLong(Long::longValue).sum();
        store(repositoryId, kind.sortKeyPrefix() + period.label(), generation, readAt, settled, entries, total, resume);
        if (kind.totalsPrefix() != null) {
            store(repositoryId, kind.totalsPrefix() + period.label(), generation, readAt, settled, null, total, resume);
        }
    }

    private void store(long repositoryId, String sortKey, long generation, long readAt, boolean settled,
                       Map<String, Long> entries, long total, Map<String, AttributeValue> resume) {
        Expression e = Expression.create();
        if (entries != null) {
            Map<String, AttributeValue> counts = new HashMap<>();
            entries.forEach((entry, count) -> counts.put(entry, Av.n(count)));
            e.set(Attr.ROLLUP_ENTRIES, AttributeValue.fromM(counts));
        }
        e.set(Attr.TYPE, Av.s(TYPE))
                .set(Attr.ROLLUP_TOTAL, Av.n(total))
                .set(Attr.ROLLUP_GENERATION, Av.n(generation))
                .set(Attr.ROLLUP_READ_AT, Av.n(readAt))
                .set(Attr.ROLLUP_SETTLED, Av.bool(settled));
        if (resume != null) {
            e.set(Attr.ROLLUP_RESUME, AttributeValue.fromM(resume));
        } else {
            e.remove(Attr.ROLLUP_RESUME);
        }
        String storedGeneration = e.name(Attr.ROLLUP_GENERATION);
        e.condition("attribute_not_exists(" + storedGeneration + ") OR " + storedGeneration + " < "
                + e.value(Av.n(generation)) + " OR (" + storedGeneration + " = " + e.value(Av.n(generation)) + " AND "
                + e.name(Attr.ROLLUP_READ_AT) + " <= " + e.value(Av.n(readAt)) + ")");
        // A failed condition: a computation at a newer generation, or begun later, is stored; ours still answers.
        table.update(e.apply(UpdateItemRequest.builder()
                .key(Av.key(new Keys.Key(Keys.repositoryPartition(repositoryId), sortKey)))));
    }

    /**
     * Reads the raw items of a kind from {@code from} until {@code end} (or on, without one), from {@code start},
     * until done or the budget is spent.
     *
     * @return where it stopped, or null when it read them all
     */
    Map<String, AttributeValue> read(long repositoryId, Kind kind, Instant from, Instant end,
                                     Map<String, AttributeValue> start, ReadBudget budget,
                                     Consumer<Map<String, AttributeValue>> each) {
        Expression e = Expression.create().project(kind.projection());
        String to = end == null ? "9#~" : Keys.sortableTime(end.minusSeconds(1)) + "#~";
        String keyCondition = e.name(kind.index().partitionKey()) + " = "
                + e.value(Av.s(kind.partition().apply(repositoryId))) + " AND " + e.name(kind.index().sortKey())
                + " BETWEEN " + e.value(Av.s(Keys.sortableTime(from))) + " AND " + e.value(Av.s(to));
        QueryRequest.Builder query = e.applyQuery(QueryRequest.builder().indexName(kind.index().name())
                .keyConditionExpression(keyCondition).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        Map<String, AttributeValue> next = start;
        do {
            if (next != null) {
                query.exclusiveStartKey(next);
            }
            QueryResponse response = table.query(query.limit(budget.limit(ReadBudget.MAX_ITEMS)));
            budget.charge(response, false);
            response.items().forEach(each);
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (next != null && !budget.spent());
        return next;
    }

    /** The first raw item of a kind (the oldest by its index's time), if any. */
    java.util.Optional<Map<String, AttributeValue>> first(long repositoryId, Kind kind, ReadBudget budget) {
        Expression e = Expression.create().project(kind.projection());
        String keyCondition = e.name(kind.index().partitionKey()) + " = " + e.value(Av.s(kind.partition().apply(repositoryId)));
        QueryResponse response = table.query(e.applyQuery(QueryRequest.builder().indexName(kind.index().name())
                .keyConditionExpression(keyCondition).limit(1).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
        budget.charge(response, false);
        return response.items().stream().findFirst();
    }

    static Map<String, Long> entries(Map<String, AttributeValue> stored) {
        AttributeValue value = stored.get(Attr.ROLLUP_ENTRIES);
        Map<String, Long> entries = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((entry, count) -> entries.put(entry, Long.parseLong(count.n())));
        }
        return entries;
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
