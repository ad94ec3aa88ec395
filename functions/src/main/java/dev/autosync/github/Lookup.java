package dev.autosync.github;

import java.time.Instant;
import java.util.Optional;

/**
 * The answer to fetching one thing: found, or gone ({@code 404}/{@code 410}). A repository deleted
 * between a listing and a fetch is normal, so absence is a value, not an exception. {@code date} is the
 * response's {@code Date} header, GitHub's time for the answer: a {@link NotFound}'s date versions the
 * removal it reveals.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource">404 for an existing resource</a>
 */
public sealed interface Lookup<T> {

    Optional<RateLimit> rateLimit();

    /** The response's {@code Date} header, if it had a readable one. */
    Optional<Instant> date();

    /** The value, if found. */
    Optional<T> value();

    record Found<T>(T found, Optional<RateLimit> rateLimit, Optional<Instant> date) implements Lookup<T> {

        public Found {
            date = date == null ? Optional.empty() : date;
        }

        public Found(T found, Optional<RateLimit> rateLimit) {
            this(found, rateLimit, Optional.empty());
        }

        @Override
        public Optional<T> value() {
            return Optional.of(found);
        }
    }

    /** GitHub answered {@code status} (404 or 410). */
    record NotFound<T>(int status, Optional<RateLimit> rateLimit, Optional<Instant> date) implements Lookup<T> {

        public NotFound {
            date = date == null ? Optional.empty() : date;
        }

        public NotFound(int status, Optional<RateLimit> rateLimit) {
            this(status, rateLimit, Optional.empty());
        }

        @Override
        public Optional<T> value() {
            return Optional.empty();
        }
    }
}
