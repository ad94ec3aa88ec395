package dev.autosync.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    /** GitHub's published test vector (docs: "Testing the webhook payload validation"). */
    private static final String PUBLISHED =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void sign_reproducesGitHubsPublishedVector() {
        assertEquals(PUBLISHED, WebhookSignature.sign(new WebhookSecret("It's a Secret to Everybody"), HELLO));
    }

    @Test
    void publishedVector_verifiesUnderItsSecretOnly() {
        byte[] claimed = WebhookSignature.claimedDigest(Optional.of(PUBLISHED));

        assertTrue(WebhookSignature.matches(claimed, HELLO, SecretSet.of("It's a Secret to Everybody")));
        assertTrue(WebhookSignature.matches(claimed, HELLO, SecretSet.of("new", "It's a Secret to Everybody")));
        assertFalse(WebhookSignature.matches(claimed, HELLO, SecretSet.of("It's a secret to everybody")));
        assertFalse(WebhookSignature.matches(claimed, "Hello, World?".getBytes(StandardCharsets.UTF_8),
                SecretSet.of("It's a Secret to Everybody")));
    }

    @Test
    void claimedDigest_refusesEverythingButSha256AndExactly64HexDigits() {
        assertEquals(Rejection.MISSING_SIGNATURE, rejection(Optional.empty()));
        assertEquals(Rejection.UNSUPPORTED_SIGNATURE_ALGORITHM, rejection(Optional.of("sha1=abc")));
        assertEquals(Rejection.MALFORMED_SIGNATURE, rejection(Optional.of("sha256=" + "a".repeat(63))));
        assertEquals(Rejection.MALFORMED_SIGNATURE, rejection(Optional.of(PUBLISHED + "0")));
        // The prefix is exact: an upper-case label is some other algorithm as far as we know.
        assertEquals(Rejection.UNSUPPORTED_SIGNATURE_ALGORITHM, rejection(Optional.of("SHA256=" + "a".repeat(64))));
    }

    @Test
    void secretValues_areParsedFromPlainTextJsonAndCommaLists() {
        assertEquals(SecretSet.of("only"), SecretSet.fromSecretString("only"));
        assertEquals(SecretSet.of("a", "b"), SecretSet.fromSecretString("{\"current\":\"a\",\"previous\":\"b\"}"));
        assertEquals(SecretSet.of("a"), SecretSet.fromSecretString("{\"current\":\"a\"}"));
        assertEquals(SecretSet.of("a", "b"), SecretSet.fromCommaSeparated("a, b"));
        assertThrows(IllegalArgumentException.class, () -> SecretSet.fromSecretString("{\"previous\":\"b\"}"));
        assertFalse(SecretSet.of("hidden").toString().contains("hidden"));
    }

    private static Rejection rejection(Optional<String> header) {
        return assertThrows(DeliveryRejectedException.class, () -> WebhookSignature.claimedDigest(header)).rejection();
    }
}
