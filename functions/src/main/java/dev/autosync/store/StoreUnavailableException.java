package dev.autosync.store;

/** DynamoDB could not be reached or refused a request; the caller must not report success. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
