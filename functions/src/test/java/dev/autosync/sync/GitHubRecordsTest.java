package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitHubRecordsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:05.250Z");

    // Protects the sync engine's repair of two same-second changes: Date names whole seconds, and a delivery
    // that reached the webhook in the second of the answer, before the request, must not outrank the answer.
    @Test
    void anAnswerIsObserved_atTheEndOfTheSecondItsDateNames() {
        Instant date = Instant.parse("2025-03-01T12:00:04Z");
        Instant deliveredBeforeTheRequest = date.plusMillis(700);

        Instant observed = GitHubRecords.observedAt(Optional.of(date), NOW);

        assertEquals(Instant.parse("2025-03-01T12:00:04.999Z"), observed);
        assertTrue(observed.isAfter(deliveredBeforeTheRequest));
    }

    @Test
    void anAnswerWithoutDate_isObservedAtTheSyncsClock() {
        assertEquals(NOW, GitHubRecords.observedAt(Optional.empty(), NOW));
    }
}
