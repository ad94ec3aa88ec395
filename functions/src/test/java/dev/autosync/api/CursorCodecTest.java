package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private final CursorCodec codec = new CursorCodec("cursor-test-key-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private final JsonNode position = Json.mapper().createObjectNode().put("pk", "REPO#1").put("sk", "COMMIT#abc");

    @Test
    void issuedCursor_opensToItsPosition() {
        String cursor = codec.issue("commits", Map.of("branch", "main"), position);

        assertEquals(position, codec.open(cursor, "commits", Map.of("branch", "main")));
    }

    @Test
    void tamperedForgedOrForeignCursors_areRejected() {
        String cursor = codec.issue("commits", Map.of("branch", "main"), position);
        byte[] flipped = Base64.getUrlDecoder().decode(cursor);
        flipped[flipped.length / 2] ^= 1;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"l\":\"commits\",\"f\":{\"branch\":\"main\"},\"p\":{\"pk\":\"REPO#2\"}}".getBytes(StandardCharsets.UTF_8));
        CursorCodec otherKey = new CursorCodec("another-key-0123456789abcdef012345".getBytes(StandardCharsets.UTF_8));

        for (String bad : new String[] {
                Base64.getUrlEncoder().withoutPadding().encodeToString(flipped), // one bit changed
                forged, cursor.substring(0, 10), cursor + "AA", "garbage", "", ".", "%%%.%%%",
                otherKey.issue("commits", Map.of("branch", "main"), position)}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> codec.open(bad, "commits", Map.of("branch", "main")), bad);
            assertEquals("cursor", e.parameter());
        }
        // Guards against a cursor from one query steering another query's partition or filters.
        assertThrows(InvalidParameterException.class, () -> codec.open(cursor, "issues", Map.of("branch", "main")));
        assertThrows(InvalidParameterException.class, () -> codec.open(cursor, "commits", Map.of("branch", "dev")));
    }

    /** Guards against a position (an item's key, which may hold an e-mail address) being readable in the cursor. */
    @Test
    void theCursor_hidesItsPosition() {
        JsonNode secret = Json.mapper().createObjectNode().put("pk", "REPO#1").put("sk", "CONTRIB#email:carol@example.com");
        String cursor = codec.issue("contributors", Map.of(), secret);

        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        assertFalse(decoded.contains("carol") || decoded.contains("CONTRIB") || decoded.contains("contributors"), decoded);
        assertNotEquals(cursor, codec.issue("contributors", Map.of(), secret), "a fresh nonce per cursor");
        assertEquals(secret, codec.open(cursor, "contributors", Map.of()));
    }
}
