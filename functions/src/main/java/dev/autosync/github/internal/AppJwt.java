package dev.autosync.github.internal;

import io.jsonwebtoken.Jwts;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

/**
 * Signs the App's JWT (RS256): {@code iat} 60 s in the past against clock drift, {@code exp} 9 minutes
 * ahead (GitHub allows at most 10), {@code iss} the client ID when configured (GitHub's
 * recommendation) else the App ID. A JWT is reused for a few minutes rather than signed per request.
 *
 * @see <a href="https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app">Generating a JWT</a>
 */
public final class AppJwt {

    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);
    private static final Duration REUSE = Duration.ofMinutes(5);

    private final String issuer;
    private final Supplier<PrivateKey> keys;
    private final Clock clock;
    private Signed current;

    private record Signed(String jwt, Instant signedAt, PrivateKey key) {
    }

    public AppJwt(String issuer, PrivateKey key, Clock clock) {
        this(issuer, () -> key, clock);
    }

    /**
     * @param keys the App's private key as it is now, asked on every call (cheap: it is cached by its
     *             source); a rotated key is used from the next call on, re-signing even a fresh JWT
     */
    public AppJwt(String issuer, Supplier<PrivateKey> keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
    }

    /** @throws RuntimeException whatever the key's source throws when no key can be had */
    public synchronized String current() {
        Instant now = clock.instant();
        PrivateKey key = keys.get();
        if (current == null || current.key() != key || !now.isBefore(current.signedAt().plus(REUSE))
                || now.isBefore(current.signedAt())) {
            current = new Signed(sign(now, key), now, key);
        }
        return current.jwt();
    }

    private String sign(Instant now, PrivateKey key) {
        return Jwts.builder()
                .issuer(issuer)
                .issuedAt(Date.from(now.minus(BACKDATE)))
                .expiration(Date.from(now.plus(LIFETIME)))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }
}
