package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitHubRecordsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:05.250Z");

    // Protects the sync engine's repair of two same-second changes: observations count by the minute, and a
    // delivery that reached the webhook in the minute of the answer, before the request, must not outrank it.
    @Test
    void anAnswerIsObserved_atTheEndOfTheMinuteItsDateNames() {
        Instant date = Instant.parse("2025-03-01T12:00:04Z");
        Instant deliveredBeforeTheRequest = dev.autosync.store.Observations.delivery(date.minusSeconds(3));

        Instant observed = GitHubRecords.observedAt(Optional.of(date), NOW);

        assertEquals(Instant.parse("2025-03-01T12:00:59.999Z"), observed);
        assertTrue(observed.isAfter(deliveredBeforeTheRequest));
        assertTrue(observed.isBefore(dev.autosync.store.Observations.delivery(date.plusSeconds(60))),
                "a delivery in a later minute outranks the answer");
    }

    @Test
    void anAnswerWithoutDate_isObservedAtTheSyncsClock() {
        assertEquals(Instant.parse("2025-03-01T12:00:59.999Z"), GitHubRecords.observedAt(Optional.empty(), NOW));
    }
}
