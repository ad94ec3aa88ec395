package dev.autosync.queue;

/** A queue message autosync did not write, or wrote wrongly: it will fail every time (a poison message). */
public final class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
