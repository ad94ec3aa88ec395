package dev.autosync.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A repository's activity for analytics, read in bounded work whatever the repository's size, from figures
 * kept per period in its partition ({@link Rollups}: computed from the period's items, never incremented by
 * the writers, so exact, and a redelivered event cannot count twice; recomputed when a writer bumps the
 * period's generation, {@link AnalyticsDays}):
 * <ul>
 * <li>commits per author and UTC day (from gsi1 {@code REPO#<id>#COMMITS});</li>
 * <li>issues closed and pull requests merged per UTC day, with how long each took (gsi3 {@code REPO#<id>#DONE});</li>
 * <li>open issues per month of creation, with their creation times (gsi3 {@code REPO#<id>#OPENED}), and
 *     a totals item per month, so the median's month is found from the totals alone.</li>
 * </ul>
 * Days a window boundary cuts are read item by item (the window starts mid-day), as are items dated after
 * the last kept day (a clock ahead; normally none). A request recomputes stale or missing periods newest first
 * until its {@link ReadBudget} is spent; whatever could not be brought up to date makes the answer
 * incomplete, with the figures as far as known, and the next request goes on from what this one stored.
 *
 * <p>Where the figures may be behind: for {@link Rollups#SETTLE} after a write (the indexes are eventually
 * consistent; the next request after that recomputes); a closed issue or merged pull request deleted on GitHub
 * stays in its day until that day changes again (a deletion of a closed item flips no counter); and a closing
 * time that changes without the store seeing the issue reopen in between (deliveries out of order) leaves both
 * days as they were until they change again or a sync walks the issue.
 */
public final class ActivityRollups {

    static final Rollups.Kind COMMITS = new Rollups.Kind(AnalyticsDays.COMMITS,
            Keys.ACTIVITY_DAY_PREFIX + AnalyticsDays.COMMITS + "#", null, TableSchema.GSI1, Keys::commitsOfRepository,
            List.of(Attr.COMMITTED_AT, Attr.AUTHOR_KEY, Attr.AUTHOR_NAME), ActivityRollups::author);
    static final Rollups.Kind DONE = new Rollups.Kind(AnalyticsDays.DONE,
            Keys.ACTIVITY_DAY_PREFIX + AnalyticsDays.DONE + "#", null, TableSchema.GSI3, Keys::doneOfRepository,
            List.of(TableSchema.SK, Attr.CREATED_AT, Attr.DONE_AT), ActivityRollups::took);
    static final Rollups.Kind OPEN = new Rollups.Kind(AnalyticsDays.OPEN,
            Keys.ACTIVITY_MONTH_PREFIX + AnalyticsDays.OPEN + "#", Keys.ACTIVITY_MONTH_TOTAL_PREFIX + AnalyticsDays.OPEN + "#",
            TableSchema.GSI3, Keys::openIssuesOfRepository, List.of(Attr.CREATED_AT),
            item -> Long.toString(Av.instant(item, Attr.CREATED_AT).getEpochSecond()));
    private static final String ISSUE = "i";
    private static final String PULL = "p";

    private final Table table;
    private final Rollups rollups;
    private final ActivityIndex index;

    public ActivityRollups(DynamoDbClient dynamoDb, String tableName) {
        this.table = new Table(dynamoDb, tableName);
        this.rollups = new Rollups(table);
        this.index = new ActivityIndex(table);
    }

    /**
     * {@code commits} commits by {@code author} dated at or after {@code from}: a whole day's (from the day's
     * start) or one commit's (its own time).
     */
    public record CommitTally(String author, Instant from, long commits) {
    }

    /**
     * {@code count} issues (or pull requests) closed (merged) at or after {@code at} — a whole day's from the
     * day's start, or one at its own time — each {@code seconds} after it was created.
     */
    public record Took(Instant at, long seconds, long count) {
    }

    /**
     * Open issues: the repository's exact count, the creation times of the one or two in the middle by
     * creation (their median is the median age), and of the oldest; empty when none is open.
     */
    public record OpenIssues(long count, List<Instant> middle, Optional<Instant> oldest) {
    }

    /** The window's activity; {@code complete} false when some periods could not be brought up to date. */
    public record Activity(List<CommitTally> commits, List<Took> closedIssues, List<Took> mergedPulls,
                           OpenIssues open, boolean complete) {
    }

    /**
     * The repository's commits dated {@code commitsSince} or later, its issues closed and pull requests merged
     * {@code doneSince} or later, and its open issues.
     *
     * @param cuts further times the caller cuts the commits at (their days are read commit by commit)
     */
    public Activity activity(long repositoryId, Instant now, Instant commitsSince, Collection<Instant> cuts,
                             Instant doneSince, long openCount) {
        ReadBudget budget = new ReadBudget();
        // The generations before any raw item: a write landing after these reads leaves what is computed stale.
        Map<String, AttributeValue> repository = table.get(Keys.repository(repositoryId)).orElse(Map.of());
        Map<String, AttributeValue> sync = table.get(Keys.repositorySync(repositoryId)).orElse(Map.of());
        List<CommitTally> commits = new ArrayList<>();
        boolean complete = days(repositoryId, COMMITS, List.of(repository), now, commitsSince, cuts, budget,
                item -> commits.add(new CommitTally(author(item), Av.instant(item, Attr.COMMITTED_AT), 1)),
                (day, entries) -> entries.forEach((author, count) -> commits.add(new CommitTally(author, day, count))));
        List<Took> closed = new ArrayList<>();
        List<Took> merged = new ArrayList<>();
        Optional<OpenIssues> open = Optional.empty();
        if (index.indexed(repositoryId, budget)) {
            complete &= days(repositoryId, DONE, List.of(repository, sync), now, doneSince, List.of(), budget,
                    item -> took(Av.instant(item, Attr.DONE_AT), took(item), 1, closed, merged),
                    (day, entries) -> entries.forEach((entry, count) -> took(day, entry, count, closed, merged)));
            open = open(repositoryId, repository, now, openCount, budget);
        }
        return new Activity(commits, closed, merged, open.orElse(new OpenIssues(openCount, List.of(), Optional.empty())),
                complete && open.isPresent());
    }

    /**
     * Reads one kind's days from {@code since} to the last kept day: the days {@code since} and the cuts fall
     * in item by item ({@code one}), later items too, the others from their stored figures ({@code day}).
     *
     * @param generations the items holding the kind's generations (their sum is a day's generation)
     * @return whether every day is up to date
     */
    private boolean days(long repositoryId, Rollups.Kind kind, List<Map<String, AttributeValue>> generations,
                         Instant now, Instant since, Collection<Instant> cuts, ReadBudget budget,
                         Consumer<Map<String, AttributeValue>> one, java.util.function.BiConsumer<Instant, Map<String, Long>> day) {
        LocalDate first = AnalyticsDays.day(since);
        LocalDate last = AnalyticsDays.day(now).plusDays(AnalyticsDays.AHEAD_DAYS);
        Set<LocalDate> cut = new TreeSet<>(List.of(first));
        cuts.stream().map(AnalyticsDays::day).filter(d -> !d.isBefore(first) && !d.isAfter(last)).forEach(cut::add);
        boolean complete = true;
        for (LocalDate d : cut) {
            complete &= !budget.spent() && rollups.read(repositoryId, kind, d.equals(first) ? since : Rollups.start(d),
                    Rollups.start(d.plusDays(1)), null, budget, one) == null;
        }
        complete &= !budget.spent() && rollups.read(repositoryId, kind, Rollups.start(last.plusDays(1)), null, null,
                budget, one) == null;
        Map<String, Map<String, AttributeValue>> stored = rollups.stored(repositoryId, kind,
                first.plusDays(1).toString(), last.toString(), false);
        long bumpedAt = generations.stream().mapToLong(g -> AnalyticsDays.bumpedAt(g, kind.code())).max().orElse(0);
        for (LocalDate d = last; d.isAfter(first); d = d.minusDays(1)) {
            if (cut.contains(d)) {
                continue;
            }
            Rollups.Period period = Rollups.Period.day(d);
            Rollups.Known known = rollups.period(repositoryId, kind, period, generation(generations, kind, period.label()),
                    bumpedAt, stored.getOrDefault(period.label(), Map.of()), now, budget);
            complete &= known.finished();
            day.accept(period.start(), known.entries());
        }
        return complete;
    }

    /**
     * Open issues from the months' totals: the count is the repository's; the middle ones by creation are
     * found in their month's stored creation times, the oldest is the first of the index. Empty when a month
     * could not be brought up to date.
     */
    private Optional<OpenIssues> open(long repositoryId, Map<String, AttributeValue> repository, Instant now,
                                      long openCount, ReadBudget budget) {
        if (budget.spent()) {
            return Optional.empty();
        }
        Optional<Instant> oldest = rollups.first(repositoryId, OPEN, budget).map(item -> Av.instant(item, Attr.CREATED_AT));
        if (oldest.isEmpty()) {
            return Optional.of(new OpenIssues(openCount, List.of(), Optional.empty()));
        }
        String first = AnalyticsDays.month(oldest.get());
        String last = AnalyticsDays.month(now.plus(Duration.ofDays(AnalyticsDays.AHEAD_DAYS)));
        Map<String, Map<String, AttributeValue>> totals = rollups.stored(repositoryId, OPEN, first, last, true);
        long bumpedAt = AnalyticsDays.bumpedAt(repository, OPEN.code());
        TreeMap<String, Long> perMonth = new TreeMap<>();
        TreeMap<String, Map<String, Long>> computed = new TreeMap<>();
        boolean complete = true;
        for (Rollups.Period month = Rollups.Period.month(AnalyticsDays.day(now.plus(Duration.ofDays(AnalyticsDays.AHEAD_DAYS))));
             month.label().compareTo(first) >= 0; month = Rollups.Period.month(AnalyticsDays.day(month.start()).minusMonths(1))) {
            long generation = AnalyticsDays.generation(repository, OPEN.code(), month.label());
            Map<String, AttributeValue> total = totals.getOrDefault(month.label(), Map.of());
            if (Rollups.current(total, generation)) {
                perMonth.put(month.label(), Av.num(total, Attr.ROLLUP_TOTAL));
                continue;
            }
            Rollups.Known known = rollups.period(repositoryId, OPEN, month, generation, bumpedAt,
                    rollups.stored(repositoryId, OPEN, month.label()), now, budget);
            complete &= known.finished();
            perMonth.put(month.label(), known.total());
            computed.put(month.label(), known.entries());
        }
        long n = perMonth.values().stream().mapToLong(Long::longValue).sum();
        if (!complete || n == 0) {
            return complete ? Optional.of(new OpenIssues(openCount, List.of(), oldest)) : Optional.empty();
        }
        List<Instant> middle = new ArrayList<>();
        for (long position : n % 2 == 1 ? List.of(n / 2) : List.of(n / 2 - 1, n / 2)) {
            Optional<Instant> at = nth(repositoryId, perMonth, computed, position, repository);
            if (at.isEmpty()) {
                return Optional.empty();
            }
            middle.add(at.get());
        }
        return Optional.of(new OpenIssues(openCount, middle, oldest));
    }

    /** The creation time of the open issue at {@code position} (0: the oldest), from its month's stored times. */
    private Optional<Instant> nth(long repositoryId, TreeMap<String, Long> perMonth, Map<String, Map<String, Long>> computed,
                                  long position, Map<String, AttributeValue> repository) {
        long before = 0;
        for (Map.Entry<String, Long> month : perMonth.entrySet()) {
            if (position >= before + month.getValue()) {
                before += month.getValue();
                continue;
            }
            Map<String, Long> entries = computed.get(month.getKey());
            if (entries == null) {
                Map<String, AttributeValue> stored = rollups.stored(repositoryId, OPEN, month.getKey());
                if (!Rollups.current(stored, AnalyticsDays.generation(repository, OPEN.code(), month.getKey()))) {
                    return Optional.empty(); // recomputed by a concurrent request since its total was read
                }
                entries = Rollups.entries(stored);
            }
            TreeMap<Long, Long> times = new TreeMap<>();
            entries.forEach((second, count) -> times.merge(Long.parseLong(second), count, Long::sum));
            long at = before;
            for (Map.Entry<Long, Long> time : times.entrySet()) {
                at += time.getValue();
                if (position < at) {
                    return Optional.of(Instant.ofEpochSecond(time.getKey()));
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Who a commit is credited to: the store's contributor identity (login, else address, else name). It is
     * kept in the stored days; the api shows only counts.
     */
    static String author(Map<String, AttributeValue> commit) {
        String key = Av.str(commit, Attr.AUTHOR_KEY);
        String name = Av.str(commit, Attr.AUTHOR_NAME);
        return key != null ? key : name != null ? "name:" + name : "unknown";
    }

    /** A done item's entry: whether an issue or a pull request, and the seconds from creation to done. */
    private static String took(Map<String, AttributeValue> item) {
        Instant created = Av.instant(item, Attr.CREATED_AT);
        Instant done = Av.instant(item, Attr.DONE_AT);
        if (created == null || done == null) {
            return null;
        }
        String kind = item.get(TableSchema.SK).s().startsWith(Keys.ISSUE_PREFIX) ? ISSUE : PULL;
        return kind + Duration.between(created, done).toSeconds();
    }

    private static void took(Instant at, String entry, long count, List<Took> closed, List<Took> merged) {
        if (entry == null || at == null) {
            return;
        }
        Took took = new Took(at, Long.parseLong(entry.substring(1)), count);
        (entry.startsWith(ISSUE) ? closed : merged).add(took);
    }

    private static long generation(List<Map<String, AttributeValue>> items, Rollups.Kind kind, String period) {
        return items.stream().mapToLong(item -> AnalyticsDays.generation(item, kind.code(), period)).sum();
    }
}
