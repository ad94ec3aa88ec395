package dev.autosync.webhook;

/** The webhook secret could not be read (Secrets Manager unreachable or the secret malformed). */
public final class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
