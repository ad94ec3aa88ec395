package dev.autosync.api;

/** The request is well formed but cannot be done in the resource's present state: answered 409 with the message. */
public final class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
