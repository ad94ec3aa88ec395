package dev.autosync.github;

/** The App's private key could not be read. The message says what was expected and never holds the key. */
public final class InvalidPrivateKeyException extends RuntimeException {

    public InvalidPrivateKeyException(String message) {
        super(message);
    }
}
