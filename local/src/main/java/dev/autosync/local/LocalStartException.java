package dev.autosync.local;

/** The local system cannot start for a reason on this machine (a port in use, a folder); the message says what to fix. */
final class LocalStartException extends RuntimeException {

    LocalStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
