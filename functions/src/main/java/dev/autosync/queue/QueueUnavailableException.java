package dev.autosync.queue;

/** SQS could not be reached or refused the message; the caller must not report success. */
public final class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
