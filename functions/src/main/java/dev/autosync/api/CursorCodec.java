package dev.autosync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque pagination cursors: {@code base64url(nonce || AES-256-GCM(payload))}, where the payload holds
 * the list it belongs to, the query's filters and the store's position (DynamoDB's exclusive start key).
 * GCM's tag is checked before anything is parsed, so a cursor that was tampered with, forged, or issued
 * for another list or other filters is a 400 and never reaches DynamoDB as a start key it would reject
 * (or, worse, accept for another partition). Encrypted, not only signed: a position is an item's key,
 * and a contributor GitHub could not match to an account is keyed by its e-mail address, which the API
 * never exposes.
 *
 * <p>The key must be the same on every instance for cursors to survive from one request to the next:
 * {@code AUTOSYNC_CURSOR_KEY}, the token secret's {@code cursor_key}, or one derived from the tokens (see
 * {@link ApiCredentials}).
 */
public final class CursorCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Derives the AES key from the configured secret, so the secret's own length and format do not matter. */
    private static final byte[] KEY_LABEL = "autosync pagination cursor v1".getBytes(StandardCharsets.UTF_8);
    private static final String PARAMETER = "cursor";
    private static final String NOT_OURS = "is not a cursor this API issued";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public CursorCodec(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("a cursor key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(derive(secret), "AES");
    }

    /** A cursor resuming {@code list} with these filters at {@code position}. */
    public String issue(String list, Map<String, String> filters, JsonNode position) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("l", list);
        payload.set("f", Json.mapper().valueToTree(new TreeMap<>(filters)));
        payload.set("p", position);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            sealed = crypt(Cipher.ENCRYPT_MODE, nonce, Json.write(payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES-GCM", e);
        }
        return ENCODER.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }

    /**
     * The position in {@code cursor}, after checking it was issued by us for this list and these filters.
     *
     * @throws InvalidParameterException (parameter {@code cursor}) otherwise
     */
    public JsonNode open(String cursor, String list, Map<String, String> filters) {
        JsonNode parsed;
        try {
            byte[] bytes = DECODER.decode(cursor);
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new InvalidParameterException(PARAMETER, NOT_OURS);
            }
            byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
            byte[] sealed = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
            parsed = Json.mapper().readTree(crypt(Cipher.DECRYPT_MODE, nonce, sealed));
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            throw new InvalidParameterException(PARAMETER, NOT_OURS);
        }
        if (!list.equals(parsed.path("l").asText())
                || !Json.mapper().valueToTree(new TreeMap<>(filters)).equals(parsed.path("f"))) {
            throw new InvalidParameterException(PARAMETER, "was issued for another list or other filters; "
                    + "repeat the first request's parameters with its next_cursor");
        }
        return parsed.path("p");
    }

    /** Seals or opens; opening throws {@link javax.crypto.AEADBadTagException} for anything we did not seal. */
    private byte[] crypt(int mode, byte[] nonce, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        return cipher.doFinal(input);
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(KEY_LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
