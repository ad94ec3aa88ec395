package dev.autosync.github;

/**
 * A listing's parent (repository, installation) answered 404 or 410: it was deleted, renamed away or
 * the App lost access. Single fetches return {@link Lookup.NotFound} instead.
 */
public final class ResourceGoneException extends RuntimeException {

    private final int status;

    public ResourceGoneException(int status, String request) {
        super(request + " answered " + status + ": it no longer exists or the App cannot see it");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
