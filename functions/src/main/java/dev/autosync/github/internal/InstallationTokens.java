package dev.autosync.github.internal;

import dev.autosync.github.InstallationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens, cached per installation for the life of the container until ten minutes
 * before GitHub's {@code expires_at} (about 50 minutes of reuse). Single-flight: concurrent callers for
 * one installation wait for one exchange instead of each making their own.
 */
public final class InstallationTokens {

    /** Margin before expiry: a request started just before expiry must not arrive with a dead token. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(10);

    /** Exchanges the App JWT for a new token ({@code POST /app/installations/{id}/access_tokens}). */
    @FunctionalInterface
    public interface Exchange {
        Token exchange(InstallationId installation);
    }

    /** A token; {@code fresh} is true only for the caller whose request exchanged it. */
    public record Token(String value, Instant expiresAt, boolean fresh) {
        @Override
        public String toString() {
            return "Token[expires " + expiresAt + (fresh ? ", fresh" : "") + "]";
        }
    }

    private final Exchange exchange;
    private final Clock clock;
    private final Map<InstallationId, Token> cache = new ConcurrentHashMap<>();
    private final Map<InstallationId, Object> locks = new ConcurrentHashMap<>();

    public InstallationTokens(Exchange exchange, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    public Token get(InstallationId installation) {
        Token cached = cache.get(installation);
        if (usable(cached)) {
            return cached;
        }
        synchronized (locks.computeIfAbsent(installation, k -> new Object())) {
            cached = cache.get(installation);
            if (usable(cached)) {
                return cached;
            }
            Token issued = exchange.exchange(installation);
            cache.put(installation, new Token(issued.value(), issued.expiresAt(), false));
            return new Token(issued.value(), issued.expiresAt(), true);
        }
    }

    /** Drops {@code token} if it is still the cached one (another caller may have replaced it already). */
    public void invalidate(InstallationId installation, Token token) {
        cache.computeIfPresent(installation, (k, cached) -> cached.value().equals(token.value()) ? null : cached);
    }

    private boolean usable(Token token) {
        return token != null && clock.instant().isBefore(token.expiresAt().minus(REFRESH_BEFORE_EXPIRY));
    }
}
