package dev.autosync.github;

import java.util.Optional;

/**
 * The answer to fetching one thing: found, or gone ({@code 404}/{@code 410}). A repository deleted
 * between a listing and a fetch is normal, so absence is a value, not an exception.
 */
public sealed interface Lookup<T> {

    Optional<RateLimit> rateLimit();

    /** The value, if found. */
    Optional<T> value();

    record Found<T>(T found, Optional<RateLimit> rateLimit) implements Lookup<T> {
        @Override
        public Optional<T> value() {
            return Optional.of(found);
        }
    }

    /** GitHub answered {@code status} (404 or 410). */
    record NotFound<T>(int status, Optional<RateLimit> rateLimit) implements Lookup<T> {
        @Override
        public Optional<T> value() {
            return Optional.empty();
        }
    }
}
