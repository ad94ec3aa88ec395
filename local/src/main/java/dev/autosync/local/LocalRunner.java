package dev.autosync.local;

/** Placeholder replaced by the webhook issue's local gateway. */
public final class LocalRunner {
    public static void main(String[] args) {
        throw new UnsupportedOperationException("not yet");
    }
}
