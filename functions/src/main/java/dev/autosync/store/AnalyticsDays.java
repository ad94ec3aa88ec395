package dev.autosync.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The writers' half of the api's activity figures ({@link ActivityRollups}): a write that changes what a
 * period of a repository holds bumps that period's generation ({@code ADD rg<kind>#<period> 1}, and sets
 * {@code rg<kind>#at} to the time) inside an UpdateItem it makes anyway, so it costs no request of its own.
 * A figure computed at a period's generation is current while the generation is unchanged.
 * <ul>
 * <li>commits ({@value #COMMITS}, by committed day): a push's or a branch drop's write of the repository item's
 *     commit count ({@code CommitStore});</li>
 * <li>closed issues and merged pull requests ({@value #DONE}, by the day they were done) and open issues
 *     ({@value #OPEN}, by creation month): the flip of the repository's open counter that an issue opening,
 *     closing, reopening or deletion, or a merge, makes ({@link #flipped}, in {@code Contributions}); and the
 *     sync engine's write of its issue or pull cursor after writing items already closed or merged, which
 *     flip nothing ({@link #synced}, on the repository's sync-state item, whose generations add to the
 *     repository item's).</li>
 * </ul>
 *
 * <p>Bounded: only days the api can ask for get a generation ({@value #KEPT_DAYS} days back, {@value
 * #AHEAD_DAYS} ahead for times from a fast clock); older ones are pruned by the same writes. A write naming
 * more than {@value #MAX_NAMED} days bumps the kind's {@code all} instead, which every day adds. Months (a
 * dozen a year) are kept.
 */
final class AnalyticsDays {

    /** The api's longest window (365 days) plus its 30 days of active contributors and a margin. */
    static final int KEPT_DAYS = 400;
    /** Days after today's (UTC) that still get a generation: the rollups' last day. */
    static final int AHEAD_DAYS = 1;
    /** Days one write names at most (a few bytes of expression each). */
    static final int MAX_NAMED = 100;
    /** Outdated generations one write prunes at most (they only appear once a day, as days age). */
    private static final int MAX_PRUNED = 20;

    /** The kinds of figures a generation guards: commits by their committed day, */
    static final String COMMITS = "c";
    /** closed issues and merged pull requests by the day they were done, */
    static final String DONE = "d";
    /** open issues by the month they were created (any month: a month's generation is never pruned). */
    static final String OPEN = "o";

    private AnalyticsDays() {
    }

    /**
     * Adds to {@code e} the bumps of the days of {@code times} (those a rollup may exist for), the time of
     * the bump, and the removal of outdated generations found on {@code stored} (the item as read before).
     */
    static Expression changed(Expression e, String kind, Collection<Instant> times, Instant now,
                              Map<String, AttributeValue> stored) {
        return prune(bumpDays(e, kind, times, now), stored, now);
    }

    /**
     * A child's flip of its parent's open counter ({@code Contributions}): an issue opening, closing, reopening
     * or deleted changes its creation month's open issues and the day it was (last) closed; a pull request
     * merging, the day it was merged. Nothing for other counters. (A deleted closed item flips nothing: its
     * day keeps it until the day changes again; see {@link ActivityRollups}.)
     */
    static Expression flipped(Expression e, String counter, Map<String, AttributeValue> child, Instant now,
                              Map<String, AttributeValue> parent) {
        boolean issue = Attr.OPEN_ISSUES_COUNT.equals(counter);
        if (!issue && !Attr.OPEN_PULL_COUNT.equals(counter)) {
            return e;
        }
        Instant created = Av.instant(child, Attr.CREATED_AT);
        if (issue) {
            // A deleted issue's tombstone no longer says when it was created: every month is stale (deleting
            // an issue is rare; the months are recomputed once).
            e.add(created != null ? Markers.generation(OPEN, month(created)) : Markers.generationOfAll(OPEN), Av.n(1));
            e.set(Markers.generationBumpedAt(OPEN), Av.n(now.getEpochSecond()));
        }
        Instant done = Av.instant(child, Attr.DONE_AT);
        return prune(bumpDays(e, DONE, done == null ? List.of() : List.of(done), now), parent, now);
    }

    /**
     * A sync page's write of the repository's sync state ({@link Keys#repositorySync}), whose issues or pulls were
     * done at {@code done}: bumps those days there. That item is not read before the write, so outdated
     * generations are pruned blindly: the week of days that just left the kept range.
     */
    static Expression synced(Expression e, Collection<Instant> done, Instant now) {
        bumpDays(e, DONE, done, now);
        LocalDate oldest = day(now).minusDays(KEPT_DAYS);
        for (int back = 1; back <= 7 && !done.isEmpty(); back++) {
            e.remove(Markers.generation(DONE, oldest.minusDays(back).toString()));
        }
        return e;
    }

    private static Expression bumpDays(Expression e, String kind, Collection<Instant> times, Instant now) {
        LocalDate today = day(now);
        Set<LocalDate> days = new TreeSet<>();
        times.stream().filter(Objects::nonNull).map(AnalyticsDays::day)
                .filter(d -> !d.isBefore(today.minusDays(KEPT_DAYS)) && !d.isAfter(today.plusDays(AHEAD_DAYS)))
                .forEach(days::add);
        if (days.isEmpty()) {
            return e;
        }
        if (days.size() > MAX_NAMED) {
            e.add(Markers.generationOfAll(kind), Av.n(1));
        } else {
            days.forEach(d -> e.add(Markers.generation(kind, d.toString()), Av.n(1)));
        }
        return e.set(Markers.generationBumpedAt(kind), Av.n(now.getEpochSecond()));
    }

    /** Removes up to {@value #MAX_PRUNED} generations of days no rollup is kept for any more. */
    static Expression prune(Expression e, Map<String, AttributeValue> stored, Instant now) {
        outdated(stored, now).forEach(e::remove);
        return e;
    }

    /** Up to {@value #MAX_PRUNED} generations on {@code item} of days no rollup is kept for any more. */
    static List<String> outdated(Map<String, AttributeValue> item, Instant now) {
        LocalDate oldest = day(now).minusDays(KEPT_DAYS);
        return item.keySet().stream()
                .filter(a -> Markers.generationDay(a).map(d -> d.isBefore(oldest)).orElse(false))
                .limit(MAX_PRUNED)
                .toList();
    }

    /** A day's generation of a kind as {@code item} (the repository) holds it. */
    static long generation(Map<String, AttributeValue> item, String kind, String period) {
        return Av.num(item, Markers.generation(kind, period)) + Av.num(item, Markers.generationOfAll(kind));
    }

    /** When any day of a kind was last bumped (epoch seconds; 0 if never). */
    static long bumpedAt(Map<String, AttributeValue> item, String kind) {
        return Av.num(item, Markers.generationBumpedAt(kind));
    }

    static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** {@code yyyy-MM} (UTC). */
    static String month(Instant at) {
        return day(at).toString().substring(0, 7);
    }
}
