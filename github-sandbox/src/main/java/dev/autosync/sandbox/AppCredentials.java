package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The sandbox App's identity: its IDs and an RSA key pair generated at start-up, with the private key
 * handed out the way GitHub does (PKCS#1 PEM), and verification of App JWTs by GitHub's rules.
 *
 * @see <a href="https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app">Generating a JWT for a GitHub App</a>
 */
public final class AppCredentials {

    /** GitHub rejects JWTs valid for longer than ten minutes. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    /** Tolerated clock drift for {@code iat} in the future. */
    static final Duration DRIFT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long appId;
    private final String clientId;
    private final String slug;
    private final KeyPair keys;

    AppCredentials(long appId, String clientId, String slug) {
        this.appId = appId;
        this.clientId = clientId;
        this.slug = slug;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is unavailable", e);
        }
    }

    public long appId() {
        return appId;
    }

    public String clientId() {
        return clientId;
    }

    public String slug() {
        return slug;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /** The private key as GitHub's App settings page downloads it: {@code BEGIN RSA PRIVATE KEY}. */
    public String privateKeyPkcs1Pem() {
        return pem("RSA PRIVATE KEY", pkcs1((RSAPrivateCrtKey) keys.getPrivate()));
    }

    /** The same key as PKCS#8 ({@code BEGIN PRIVATE KEY}), the form openssl converts it to. */
    public String privateKeyPkcs8Pem() {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** A valid App JWT for tests that talk to the sandbox without autosync's client. */
    public String jwt(Instant now) {
        String header = b64(JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").toString());
        String claims = b64(JSON.createObjectNode().put("iat", now.getEpochSecond() - 60)
                .put("exp", now.getEpochSecond() + 540).put("iss", clientId).toString());
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /** Why the JWT is refused, in GitHub's words where it has them; empty when it is valid. */
    Optional<String> rejectJwt(String jwt, Instant now) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Optional.of("A JSON web token could not be decoded");
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Optional.of("'alg' must be RS256");
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.of("A JSON web token could not be decoded");
            }
            return rejectClaims(JSON.readTree(Base64.getUrlDecoder().decode(parts[1])), now);
        } catch (java.io.IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.of("A JSON web token could not be decoded");
        }
    }

    private Optional<String> rejectClaims(JsonNode claims, Instant now) {
        String issuer = claims.path("iss").asText();
        if (!issuer.equals(clientId) && !issuer.equals(Long.toString(appId))) {
            return Optional.of("'Issuer' claim ('iss') must be an Integer or the App's client ID");
        }
        if (!claims.path("iat").canConvertToLong() || !claims.path("exp").canConvertToLong()) {
            return Optional.of("'Issued at' and 'Expiration time' claims must be numeric");
        }
        long iat = claims.path("iat").asLong();
        long exp = claims.path("exp").asLong();
        if (iat > now.plus(DRIFT).getEpochSecond()) {
            return Optional.of("'Issued at' claim ('iat') must be an Integer representing a time in the past");
        }
        if (exp <= now.getEpochSecond()) {
            return Optional.of("'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
        }
        if (exp - iat > MAX_LIFETIME.toSeconds() || exp > now.plus(MAX_LIFETIME).getEpochSecond()) {
            return Optional.of("'Expiration time' claim ('exp') is too far in the future");
        }
        return Optional.empty();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** RFC 8017 A.1.2 RSAPrivateKey: a DER SEQUENCE of nine INTEGERs. */
    private static byte[] pkcs1(RSAPrivateCrtKey key) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (BigInteger value : new BigInteger[] {BigInteger.ZERO, key.getModulus(), key.getPublicExponent(),
                key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(), key.getPrimeExponentP(),
                key.getPrimeExponentQ(), key.getCrtCoefficient()}) {
            fields.writeBytes(derTagged(0x02, value.toByteArray()));
        }
        return derTagged(0x30, fields.toByteArray());
    }

    private static byte[] derTagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] len = BigInteger.valueOf(length).toByteArray();
            int start = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - start));
            out.write(len, start, len.length - start);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
