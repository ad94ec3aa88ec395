package dev.autosync.standins;

/** A stand-in could not be started; the message says what to do about it. */
public final class StandInException extends RuntimeException {

    public StandInException(String message) {
        super(message);
    }

    public StandInException(String message, Throwable cause) {
        super(message, cause);
    }
}
