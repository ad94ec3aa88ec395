package dev.autosync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The sync engine's entry points (plain Java; the handlers adapt Lambda to these). Work in progress. */
public final class SyncEngine {

    /** Records a periodic run's job and queues its task; returns the job id. */
    public String scheduledRun(Instant scheduledAt) {
        throw new UnsupportedOperationException("sync engine not built yet");
    }

    /** Runs one queued task; false asks for the message to be retried. */
    public boolean handleMessage(String messageId, String body, Optional<Duration> remaining) {
        throw new UnsupportedOperationException("sync engine not built yet");
    }
}
