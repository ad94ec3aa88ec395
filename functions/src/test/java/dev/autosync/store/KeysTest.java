package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeysTest {

    // Keys are quoted in errors that reach the delivery ledger and the logs; a contributor key holds an e-mail.
    @Test
    void aKeyPrinted_showsItsPartitionAndKindButNoTextFromThePayload() {
        assertEquals("REPO#77 CONTRIB#…",
                Keys.contributor(77, "email:someone@example.com").toString());
        assertEquals(Keys.repository(77).pk() + " REPO", Keys.repository(77).toString());
    }
}
