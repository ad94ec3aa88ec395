package dev.autosync.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When data was observed, as the store orders writes of one GitHub time (the second part of
 * {@code Version}; see the write rules in {@code package-info}): by the minute. Every event carries its
 * repository's snapshot, and a finer observation would make each of them a newer version of an unchanged
 * repository, so one write more per delivery; by the minute, a repository's unchanged snapshot is written at
 * most once a minute, and writes of one GitHub time within a minute are ordered by their content alone — the
 * same in either order. A read of GitHub counts at the end of the minute its answer names: it was made after
 * every delivery that had reached the webhook by then, so it repairs a same-time pair a minute applied in the
 * wrong order.
 */
public final class Observations {

    private static final Duration GRANULE = Duration.ofMinutes(1);

    private Observations() {
    }

    /** A delivery's observation: the start of the minute it reached the webhook in. */
    public static Instant delivery(Instant receivedAt) {
        return receivedAt.truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * A GitHub answer's observation: the end of the minute its {@code Date} names, or (no {@code Date}) the
     * minute of the sync's own clock.
     */
    public static Instant read(Optional<Instant> date, Instant now) {
        return date.orElse(now).truncatedTo(ChronoUnit.MINUTES).plus(GRANULE).minusMillis(1);
    }
}
