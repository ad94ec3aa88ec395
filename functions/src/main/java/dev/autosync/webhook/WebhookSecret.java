package dev.autosync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One webhook secret (the HMAC key). Its {@code toString} never shows the value. */
public final class WebhookSecret {

    private final byte[] key;

    public WebhookSecret(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret cannot be empty");
        }
        this.key = value.getBytes(StandardCharsets.UTF_8);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
