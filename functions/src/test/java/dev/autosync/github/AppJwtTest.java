package dev.autosync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.autosync.github.internal.AppJwt;
import dev.autosync.github.internal.PemKeys;
import dev.autosync.sandbox.ManualClock;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppJwtTest {


    @Test
    void jwt_isRs256_signedWithTheAppKey_backdated60s_expiring9MinutesAhead() {
        // GIVEN the App's PKCS#1 key and a clock at a known instant
        Instant now = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        AppJwt jwt = new AppJwt("Iv23client", PemKeys.parse(SandboxApp.app().privateKeyPkcs1Pem()), new ManualClock(now));

        // WHEN a JWT is signed, THEN the App's public key verifies it and the claims follow GitHub's rules
        Jws<Claims> parsed = Jwts.parser().verifyWith(SandboxApp.app().publicKey()).build().parseSignedClaims(jwt.current());
        assertEquals("RS256", parsed.getHeader().getAlgorithm());
        assertEquals("Iv23client", parsed.getPayload().getIssuer());
        assertEquals(now.minusSeconds(60), parsed.getPayload().getIssuedAt().toInstant());
        assertEquals(now.plus(Duration.ofMinutes(9)), parsed.getPayload().getExpiration().toInstant());
    }

    @Test
    void jwt_isReusedForMinutes_thenSignedAfresh() {
        ManualClock clock = new ManualClock(Instant.now());
        AppJwt jwt = new AppJwt("1", PemKeys.parse(SandboxApp.app().privateKeyPkcs1Pem()), clock);
        String first = jwt.current();
        clock.advance(Duration.ofMinutes(4));
        assertEquals(first, jwt.current());
        clock.advance(Duration.ofMinutes(2));
        assertNotEquals(first, jwt.current());
    }

    @Test
    void issuer_isTheClientId_whenConfigured_elseTheAppId() {
        var key = PemKeys.parse(SandboxApp.app().privateKeyPkcs1Pem());
        assertEquals("Iv23abc", new GitHubConfig(GitHubConfig.PUBLIC_API, "42", java.util.Optional.of("Iv23abc"), key).jwtIssuer());
        assertEquals("42", new GitHubConfig(GitHubConfig.PUBLIC_API, "42", java.util.Optional.empty(), key).jwtIssuer());
    }
}
