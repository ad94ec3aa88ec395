package dev.autosync.processing;

/** The payload is not the JSON GitHub sends for its event: it will fail on every attempt (a poison message). */
public final class UnreadablePayloadException extends RuntimeException {

    public UnreadablePayloadException(String message) {
        super(message);
    }
}
