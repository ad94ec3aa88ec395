package dev.autosync.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured set of API tokens
 * (<a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 §2.1</a>). Tokens are compared
 * as SHA-256 digests with {@link MessageDigest#isEqual}, and every configured token is compared on
 * every call, so neither a token's length, its prefix nor which token matched shows in the timing.
 */
public final class BearerAuthenticator {

    private static final String SCHEME = "bearer ";

    private final List<byte[]> tokenDigests;

    public BearerAuthenticator(Set<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one API token is required");
        }
        this.tokenDigests = tokens.stream().map(BearerAuthenticator::digest).toList();
    }

    public boolean accepts(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().length() <= SCHEME.length()
                || !authorization.get().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = digest(authorization.get().substring(SCHEME.length()).trim());
        boolean matched = false;
        for (byte[] candidate : tokenDigests) {
            matched |= MessageDigest.isEqual(candidate, presented);
        }
        return matched;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
