package dev.autosync.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The writers' half of the api's day rollups ({@link ActivityRollups}): a write that changes what a day of a
 * repository holds bumps that day's generation on the repository item ({@code ADD rg<kind>#<yyyy-MM-dd> 1}),
 * inside an UpdateItem of the repository item it makes anyway, so it costs no request of its own. A rollup
 * computed at a day's generation is current while the generation is unchanged.
 *
 * <p>Bounded: only days the api can ask for get a generation ({@value #KEPT_DAYS} days back, {@value
 * #AHEAD_DAYS} ahead for commit times from a fast clock); older ones are pruned by the same writes. A write
 * naming more than {@value #MAX_NAMED} days bumps the kind's {@code all} instead, which every day adds.
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

    /** The kind of figures a generation guards: commits by their committed day. */
    static final String COMMITS = "c";

    private AnalyticsDays() {
    }

    /**
     * Adds to {@code e} the bumps of the days of {@code times} (those a rollup may exist for), the time of
     * the bump, and the removal of outdated generations found on {@code stored} (the item as read before).
     */
    static Expression changed(Expression e, String kind, Collection<Instant> times, Instant now,
                              Map<String, AttributeValue> stored) {
        LocalDate today = day(now);
        Set<LocalDate> days = new TreeSet<>();
        times.stream().filter(Objects::nonNull).map(AnalyticsDays::day)
                .filter(d -> !d.isBefore(today.minusDays(KEPT_DAYS)) && !d.isAfter(today.plusDays(AHEAD_DAYS)))
                .forEach(days::add);
        if (days.isEmpty()) {
            return prune(e, stored, now);
        }
        if (days.size() > MAX_NAMED) {
            e.add(Markers.generationOfAll(kind), Av.n(1));
        } else {
            days.forEach(d -> e.add(Markers.generation(kind, d), Av.n(1)));
        }
        e.set(Markers.generationBumpedAt(kind), Av.n(now.getEpochSecond()));
        return prune(e, stored, now);
    }

    /** Removes up to {@value #MAX_PRUNED} generations of days no rollup is kept for any more. */
    static Expression prune(Expression e, Map<String, AttributeValue> stored, Instant now) {
        LocalDate oldest = day(now).minusDays(KEPT_DAYS);
        stored.keySet().stream()
                .filter(a -> Markers.generationDay(a).map(d -> d.isBefore(oldest)).orElse(false))
                .limit(MAX_PRUNED)
                .forEach(e::remove);
        return e;
    }

    /** A day's generation of a kind as {@code item} (the repository) holds it. */
    static long generation(Map<String, AttributeValue> item, String kind, LocalDate day) {
        return Av.num(item, Markers.generation(kind, day)) + Av.num(item, Markers.generationOfAll(kind));
    }

    /** When any day of a kind was last bumped (epoch seconds; 0 if never). */
    static long bumpedAt(Map<String, AttributeValue> item, String kind) {
        return Av.num(item, Markers.generationBumpedAt(kind));
    }

    static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
