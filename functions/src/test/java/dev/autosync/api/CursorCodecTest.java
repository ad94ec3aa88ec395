package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"l\":\"commits\",\"f\":{\"branch\":\"main\"},\"p\":{\"pk\":\"REPO#2\"}}".getBytes(StandardCharsets.UTF_8));
        CursorCodec otherKey = new CursorCodec("another-key-0123456789abcdef012345".getBytes(StandardCharsets.UTF_8));

        for (String bad : new String[] {
                forgedPayload + cursor.substring(cursor.indexOf('.')), // new payload, old signature
                payload + ".AAAA", "garbage", "", ".", "%%%.%%%",
                otherKey.issue("commits", Map.of("branch", "main"), position)}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> codec.open(bad, "commits", Map.of("branch", "main")), bad);
            assertEquals("cursor", e.parameter());
        }
        // Guards against a cursor from one query steering another query's partition or filters.
        assertThrows(InvalidParameterException.class, () -> codec.open(cursor, "issues", Map.of("branch", "main")));
        assertThrows(InvalidParameterException.class, () -> codec.open(cursor, "commits", Map.of("branch", "dev")));
    }
}
