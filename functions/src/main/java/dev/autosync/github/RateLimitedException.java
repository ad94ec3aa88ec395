package dev.autosync.github;

import java.time.Instant;

/**
 * GitHub will not serve this installation (or the App) before {@code resetAt}: the primary limit is
 * spent, or secondary limits persisted past the waits the client allows itself. Callers reschedule the
 * work for {@code resetAt} rather than sleep in a Lambda.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately">Handling rate-limit errors</a>
 */
public final class RateLimitedException extends RuntimeException {

    private final Instant resetAt;

    public RateLimitedException(String what, Instant resetAt) {
        super(what + " is rate limited until " + resetAt);
        this.resetAt = resetAt;
    }

    public Instant resetAt() {
        return resetAt;
    }
}
