package dev.autosync.api;

/** The route exists but the resource it names does not: a 404 (only ever after authentication). */
public final class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String message) {
        super(message);
    }
}
