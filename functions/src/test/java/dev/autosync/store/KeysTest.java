package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How outside text enters keys ({@link Keys#text}): readable when short, bounded and still distinct when long. */
class KeysTest {

    @Test
    void shortText_isKeptAsItIs() {
        assertEquals("email:erin@example.com", Keys.text("email:erin@example.com"));
        assertEquals("a".repeat(Keys.TEXT_BYTES), Keys.text("a".repeat(Keys.TEXT_BYTES)));
    }

    @Test
    void longText_keepsAReadablePrefixAndAHash_withinTheBound() {
        String email = "email:" + "é".repeat(700) + "@example.com";

        String key = Keys.text(email);

        assertTrue(key.startsWith("email:ééé"), key);
        assertTrue(bytes(key) <= 129, key);
        assertEquals(key, Keys.text(email), "the same text always gives the same key");
    }

    @Test
    void longTexts_thatShareTheirPrefix_getDistinctKeys() {
        String common = "🌿".repeat(300);

        assertNotEquals(Keys.text(common + "a"), Keys.text(common + "b"));
        assertNotEquals(Keys.text("x".repeat(Keys.TEXT_BYTES + 1)), Keys.text("x".repeat(Keys.TEXT_BYTES + 2)));
    }

    // Protects against two different texts sharing a key: a kept text and a shortened one must never meet,
    // so a short text that ends like a shortened one is shortened too (an author could pick such an address).
    @Test
    void shortTextEndingLikeAShortenedOne_isShortenedToo() {
        String lookalike = Keys.text("x".repeat(Keys.TEXT_BYTES + 1));

        assertNotEquals(lookalike, Keys.text(lookalike));
        assertEquals("a~b@example.com", Keys.text("a~b@example.com"), "a ~ alone is an ordinary character");
    }

    @Test
    void prefix_neverSplitsACharacter() {
        String key = Keys.text("a" + "🌿".repeat(100));

        String prefix = key.substring(0, key.lastIndexOf('~'));
        assertEquals("a" + "🌿".repeat(15), prefix, "63 bytes: a 16th four-byte character would pass 64");
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    // Keys are quoted in errors that reach the delivery ledger and the logs; a contributor key holds an e-mail.
    @Test
    void aKeyPrinted_showsItsPartitionAndKindButNoTextFromThePayload() {
        assertEquals("REPO#77 CONTRIB#…",
                Keys.contributor(77, "email:someone@example.com").toString());
        assertEquals(Keys.repository(77).pk() + " REPO", Keys.repository(77).toString());
    }
}
