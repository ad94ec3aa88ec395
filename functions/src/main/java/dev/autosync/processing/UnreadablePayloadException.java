package dev.autosync.processing;

/**
 * The payload is not the JSON GitHub sends for its event (not JSON, another event's shape, a value that
 * cannot be read): it would fail on every attempt, so the delivery is rejected rather than retried. The
 * message names the field and the problem, never a value from the payload.
 */
public final class UnreadablePayloadException extends RuntimeException {

    public UnreadablePayloadException(String message) {
        super(message);
    }
}
