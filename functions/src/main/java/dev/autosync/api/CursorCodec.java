package dev.autosync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque pagination cursors: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}, where the
 * payload holds the list it belongs to, the query's filters and the store's position (DynamoDB's
 * exclusive start key). The signature is checked before anything is parsed, so a cursor that was
 * tampered with, forged, or issued for another list or other filters is a 400 and never reaches
 * DynamoDB as a start key it would reject (or, worse, accept for another partition).
 *
 * <p>The key comes from {@code AUTOSYNC_CURSOR_KEY}; it must be the same on every instance for cursors
 * to survive from one request to the next, which is why a deployment sets it.
 */
public final class CursorCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PARAMETER = "cursor";

    private final SecretKeySpec key;

    public CursorCodec(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a cursor key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** A cursor resuming {@code list} with these filters at {@code position}. */
    public String issue(String list, Map<String, String> filters, JsonNode position) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("l", list);
        payload.set("f", Json.mapper().valueToTree(new TreeMap<>(filters)));
        payload.set("p", position);
        byte[] bytes = Json.write(payload).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
    }

    /**
     * The position in {@code cursor}, after checking it was issued by us for this list and these filters.
     *
     * @throws InvalidParameterException (parameter {@code cursor}) otherwise
     */
    public JsonNode open(String cursor, String list, Map<String, String> filters) {
        int dot = cursor.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(cursor.substring(0, Math.max(dot, 0)));
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(PARAMETER, "is not a cursor this API issued");
        }
        if (dot <= 0 || !MessageDigest.isEqual(sign(payload), signature)) {
            throw new InvalidParameterException(PARAMETER, "is not a cursor this API issued");
        }
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new InvalidParameterException(PARAMETER, "is not a cursor this API issued");
        }
        if (!list.equals(parsed.path("l").asText())
                || !Json.mapper().valueToTree(new TreeMap<>(filters)).equals(parsed.path("f"))) {
            throw new InvalidParameterException(PARAMETER, "was issued for another list or other filters; "
                    + "repeat the first request's parameters with its next_cursor");
        }
        return parsed.path("p");
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
