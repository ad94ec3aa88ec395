package dev.autosync.webhook;

/**
 * A delivery was refused; {@link #rejection()} says why and maps to the answer. The message is safe to
 * show the caller: it never holds the body, a secret or an expected signature.
 */
public final class DeliveryRejectedException extends RuntimeException {

    private final Rejection rejection;

    public DeliveryRejectedException(Rejection rejection, String message) {
        super(message, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
