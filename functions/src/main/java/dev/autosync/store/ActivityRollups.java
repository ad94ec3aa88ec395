package dev.autosync.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A repository's commits by author and day for analytics, read in bounded work whatever the repository's
 * size: one item per UTC day ({@link Keys#activityDay}) holds the day's commits per author, COMPUTED from the
 * day's commits (a bounded Query of gsi1, projected to the author and the time) — never incremented by the
 * writers, so it is exact and a redelivered push cannot count twice.
 *
 * <p>Current or stale. A writer that changes a day's commits bumps the day's generation on the repository
 * item in a write it makes anyway ({@link AnalyticsDays}). A day is computed at the generation read BEFORE
 * its commits, and stored with it; it is current while the repository holds that generation. A write landing
 * during the computation bumps past it, so what was computed is stale on the next request, never wrongly
 * current. gsi1 is eventually consistent: a day computed less than {@link #SETTLE} after the repository's
 * latest bump may miss a commit written just before, so it is stored unsettled and computed again on the
 * next request (figures read while unsettled may miss such a commit).
 *
 * <p>Bounded. A request reads the repository item, the window's day items (one Query, at most
 * {@value AnalyticsDays#KEPT_DAYS} + 2 small items), the commits of the days a window boundary cuts (with
 * their times, as the window starts mid-day) and of later days (none, unless a clock ran ahead), and
 * recomputes stale or missing days newest first until the {@link ReadBudget} is spent; a day too large for
 * one request is stored with where it stopped and continued by the next one. What could not be brought up to
 * date is reported ({@link Commits#complete()} false) with the figures as far as known; a following request
 * goes on from what this one stored.
 */
public final class ActivityRollups {

    /** How long after a bump gsi1 may still miss a write the bump announced (its lag is usually under a second). */
    static final Duration SETTLE = Duration.ofSeconds(10);
    /** Item type of a day of activity. */
    static final String TYPE_ACTIVITY_DAY = "activity_day";

    private final Table table;

    public ActivityRollups(DynamoDbClient dynamoDb, String tableName) {
        this.table = new Table(dynamoDb, tableName);
    }

    /**
     * {@code commits} commits by {@code author} dated at or after {@code from}: a whole day's (from the day's
     * start) or one commit's (its own time).
     */
    public record CommitTally(String author, Instant from, long commits) {
    }

    /** The commits since a time; {@code complete} false when some days could not be brought up to date. */
    public record Commits(List<CommitTally> tallies, boolean complete) {
    }

    /**
     * The repository's commits dated {@code since} or later.
     *
     * @param boundaries further times the caller cuts the commits at (their days are read commit by commit)
     */
    public Commits commits(long repositoryId, Instant now, Instant since, Collection<Instant> boundaries) {
        ReadBudget budget = new ReadBudget();
        // The generations before any commit: a write landing after this read leaves what is computed stale.
        Map<String, AttributeValue> repository = table.get(Keys.repository(repositoryId)).orElse(Map.of());
        LocalDate first = AnalyticsDays.day(since);
        LocalDate last = AnalyticsDays.day(now).plusDays(AnalyticsDays.AHEAD_DAYS);
        Set<LocalDate> cut = new TreeSet<>(List.of(first));
        boundaries.stream().map(AnalyticsDays::day).filter(d -> !d.isBefore(first) && !d.isAfter(last)).forEach(cut::add);
        List<CommitTally> tallies = new ArrayList<>();
        Consumer<Map<String, AttributeValue>> one = item -> tallies.add(
                new CommitTally(author(item), Av.instant(item, Attr.COMMITTED_AT), 1));
        boolean complete = true;
        for (LocalDate day : cut) {
            complete &= !budget.spent()
                    && read(repositoryId, day.equals(first) ? since : start(day), day, null, budget, one) == null;
        }
        complete &= !budget.spent() && read(repositoryId, start(last.plusDays(1)), null, null, budget, one) == null;

        Map<LocalDate, Map<String, AttributeValue>> days = days(repositoryId, first.plusDays(1), last);
        long bumpedAt = AnalyticsDays.bumpedAt(repository, AnalyticsDays.COMMITS);
        for (LocalDate day = last; day.isAfter(first); day = day.minusDays(1)) {
            if (cut.contains(day)) {
                continue;
            }
            Map<String, AttributeValue> stored = days.getOrDefault(day, Map.of());
            long generation = AnalyticsDays.generation(repository, AnalyticsDays.COMMITS, day);
            Map<String, Long> authors;
            if (current(stored, generation)) {
                authors = authors(stored);
            } else if (budget.spent()) {
                complete = false;
                authors = stored.containsKey(Attr.DAY_COMMITS_RESUME) ? Map.of() : authors(stored); // as last known
            } else {
                Computed computed = compute(repositoryId, day, generation, bumpedAt, stored, now, budget);
                complete &= computed.finished();
                authors = computed.finished() ? computed.authors() : Map.of();
            }
            Instant from = start(day);
            authors.forEach((author, commits) -> tallies.add(new CommitTally(author, from, commits)));
        }
        return new Commits(tallies, complete);
    }

    /**
     * Who a commit is credited to: the store's contributor identity (login, else address, else name). It is
     * kept in the day items; the api shows only counts.
     */
    static String author(Map<String, AttributeValue> commit) {
        String key = Av.str(commit, Attr.AUTHOR_KEY);
        String name = Av.str(commit, Attr.AUTHOR_NAME);
        return key != null ? key : name != null ? "name:" + name : "unknown";
    }

    private static boolean current(Map<String, AttributeValue> day, long generation) {
        return day.containsKey(Attr.DAY_COMMITS_GENERATION) && Av.num(day, Attr.DAY_COMMITS_GENERATION) == generation
                && !day.containsKey(Attr.DAY_COMMITS_RESUME) && Av.flag(day, Attr.DAY_COMMITS_SETTLED);
    }

    private record Computed(Map<String, Long> authors, boolean finished) {
    }

    /**
     * Computes a day at {@code generation} (continuing a computation at the same generation that stopped
     * short) and stores it, unless a computation begun later was stored meanwhile.
     */
    private Computed compute(long repositoryId, LocalDate day, long generation, long bumpedAt,
                             Map<String, AttributeValue> stored, Instant now, ReadBudget budget) {
        boolean continuing = stored.containsKey(Attr.DAY_COMMITS_RESUME)
                && Av.num(stored, Attr.DAY_COMMITS_GENERATION) == generation;
        Map<String, Long> authors = continuing ? new HashMap<>(authors(stored)) : new HashMap<>();
        long readAt = continuing ? Av.num(stored, Attr.DAY_COMMITS_READ_AT) : now.getEpochSecond();
        Map<String, AttributeValue> resume = read(repositoryId, start(day), day,
                continuing ? stored.get(Attr.DAY_COMMITS_RESUME).m() : null, budget,
                item -> authors.merge(author(item), 1L, Long::sum));
        Map<String, AttributeValue> counts = new HashMap<>();
        authors.forEach((author, commits) -> counts.put(author, Av.n(commits)));
        Expression e = Expression.create()
                .set(Attr.TYPE, Av.s(TYPE_ACTIVITY_DAY))
                .set(Attr.DAY_AUTHORS, AttributeValue.fromM(counts))
                .set(Attr.DAY_COMMITS_GENERATION, Av.n(generation))
                .set(Attr.DAY_COMMITS_READ_AT, Av.n(readAt))
                // Settled when every bump this request saw is older than gsi1's lag at the first read.
                .set(Attr.DAY_COMMITS_SETTLED, Av.bool(readAt >= bumpedAt + SETTLE.toSeconds()));
        if (resume != null) {
            e.set(Attr.DAY_COMMITS_RESUME, AttributeValue.fromM(resume));
        } else {
            e.remove(Attr.DAY_COMMITS_RESUME);
        }
        String storedGeneration = e.name(Attr.DAY_COMMITS_GENERATION);
        e.condition("attribute_not_exists(" + storedGeneration + ") OR " + storedGeneration + " < "
                + e.value(Av.n(generation)) + " OR (" + storedGeneration + " = " + e.value(Av.n(generation)) + " AND "
                + e.name(Attr.DAY_COMMITS_READ_AT) + " <= " + e.value(Av.n(readAt)) + ")");
        // A failed condition: a computation at a newer generation, or begun later, is stored; ours still answers.
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.activityDay(repositoryId, day)))));
        return new Computed(authors, resume == null);
    }

    /**
     * Reads the commits dated from {@code from} to the end of {@code day} (or on, without a day), projected to
     * what {@link #author} needs, from {@code start}, until done or the budget is spent.
     *
     * @return where it stopped, or null when it read them all
     */
    private Map<String, AttributeValue> read(long repositoryId, Instant from, LocalDate day,
                                             Map<String, AttributeValue> start, ReadBudget budget,
                                             Consumer<Map<String, AttributeValue>> each) {
        Expression e = Expression.create().project(List.of(Attr.COMMITTED_AT, Attr.AUTHOR_KEY, Attr.AUTHOR_NAME));
        String to = day == null ? "9#~" : Keys.sortableTime(start(day.plusDays(1)).minusSeconds(1)) + "#~";
        String keyCondition = e.name(TableSchema.GSI1.partitionKey()) + " = "
                + e.value(Av.s(Keys.commitsOfRepository(repositoryId))) + " AND " + e.name(TableSchema.GSI1.sortKey())
                + " BETWEEN " + e.value(Av.s(Keys.sortableTime(from))) + " AND " + e.value(Av.s(to));
        QueryRequest.Builder query = e.applyQuery(QueryRequest.builder().indexName(TableSchema.GSI1.name())
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

    /** The stored day items from {@code from} to {@code to}, by day (strongly consistent: our own writes). */
    private Map<LocalDate, Map<String, AttributeValue>> days(long repositoryId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, AttributeValue>> days = new HashMap<>();
        if (from.isAfter(to)) {
            return days;
        }
        Expression e = Expression.create();
        String keyCondition = e.name(TableSchema.PK) + " = " + e.value(Av.s(Keys.repositoryPartition(repositoryId)))
                + " AND " + e.name(TableSchema.SK) + " BETWEEN " + e.value(Av.s(Keys.activityDay(repositoryId, from).sk()))
                + " AND " + e.value(Av.s(Keys.activityDay(repositoryId, to).sk()));
        for (Map<String, AttributeValue> item : table.queryAll(e.applyQuery(QueryRequest.builder()
                .keyConditionExpression(keyCondition).consistentRead(true)))) {
            days.put(LocalDate.parse(item.get(TableSchema.SK).s().substring(Keys.ACTIVITY_DAY_PREFIX.length())), item);
        }
        return days;
    }

    private static Map<String, Long> authors(Map<String, AttributeValue> day) {
        AttributeValue value = day.get(Attr.DAY_AUTHORS);
        Map<String, Long> authors = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((author, commits) -> authors.put(author, Long.parseLong(commits.n())));
        }
        return authors;
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
