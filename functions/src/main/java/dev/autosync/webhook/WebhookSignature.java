package dev.autosync.webhook;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body bytes.
 *
 * @see <a href="https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries">Validating
 *     webhook deliveries</a>
 */
public final class WebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_LENGTH = 64;

    private WebhookSignature() {
    }

    /** The header value GitHub would send for {@code body} under {@code secret}. */
    public static String sign(WebhookSecret secret, byte[] body) {
        return GitHubHeaders.SIGNATURE_PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /**
     * The digest the header claims, after checking its shape.
     *
     * @throws DeliveryRejectedException when the header is missing, uses another algorithm or is not
     *                                    64 hex digits
     */
    public static byte[] claimedDigest(Optional<String> header) {
        String value = header.orElseThrow(() -> new DeliveryRejectedException(Rejection.MISSING_SIGNATURE,
                "the " + GitHubHeaders.SIGNATURE_256 + " header is missing"));
        if (!value.startsWith(GitHubHeaders.SIGNATURE_PREFIX)) {
            boolean otherAlgorithm = value.matches("[A-Za-z0-9-]{1,16}=.*");
            throw otherAlgorithm
                    ? new DeliveryRejectedException(Rejection.UNSUPPORTED_SIGNATURE_ALGORITHM,
                            "only sha256 signatures are accepted")
                    : new DeliveryRejectedException(Rejection.MALFORMED_SIGNATURE,
                            "the signature must be 'sha256=' followed by 64 hex digits");
        }
        String hex = value.substring(GitHubHeaders.SIGNATURE_PREFIX.length());
        if (hex.length() != HEX_LENGTH || !hex.chars().allMatch(WebhookSignature::isHexDigit)) {
            throw new DeliveryRejectedException(Rejection.MALFORMED_SIGNATURE,
                    "the signature must be 'sha256=' followed by 64 hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** Whether any secret of the set produced {@code claimed}; each comparison takes constant time. */
    public static boolean matches(byte[] claimed, byte[] body, SecretSet secrets) {
        boolean matched = false;
        for (WebhookSecret secret : secrets.secrets()) {
            // No early exit: the time taken must not reveal which secret matched.
            matched |= MessageDigest.isEqual(hmac(secret, body), claimed);
        }
        return matched;
    }

    private static byte[] hmac(WebhookSecret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks " + ALGORITHM, e);
        }
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
