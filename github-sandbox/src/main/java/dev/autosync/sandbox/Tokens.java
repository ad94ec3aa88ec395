package dev.autosync.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Installation access tokens the sandbox has issued: each belongs to one installation and lasts an hour. */
final class Tokens {

    /** GitHub's installation tokens expire after one hour. */
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    record Issued(String token, long installationId, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[installation " + installationId + ", expires " + expiresAt + "]";
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();

    Issued issue(long installationId, Instant now) {
        StringBuilder token = new StringBuilder("ghs_");
        for (int i = 0; i < 36; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Issued result = new Issued(token.toString(), installationId, now.plus(LIFETIME));
        issued.put(result.token(), result);
        count.incrementAndGet();
        return result;
    }

    /** The token's installation if it is known and unexpired. */
    Optional<Issued> valid(String token, Instant now) {
        return Optional.ofNullable(issued.get(token)).filter(t -> now.isBefore(t.expiresAt()));
    }

    void revokeAll(long installationId) {
        issued.values().removeIf(t -> t.installationId() == installationId);
    }

    long count() {
        return count.get();
    }
}
