package dev.autosync.queue;

/** A queue message autosync did not write, or wrote wrongly: it would fail every time, so it is rejected, not retried. */
public final class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
