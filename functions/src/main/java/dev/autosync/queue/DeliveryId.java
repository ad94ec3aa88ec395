package dev.autosync.queue;

import java.util.regex.Pattern;

/**
 * GitHub's {@code X-GitHub-Delivery} GUID: the identity of one webhook delivery (redeliveries keep it),
 * which is why the processor dedupes on it.
 */
public record DeliveryId(String value) {

    /** GitHub sends a UUID; anything of up to 64 letters, digits and dashes is accepted. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public DeliveryId {
        if (value == null || !SANE.matcher(value).matches()) {
            throw new IllegalArgumentException("a delivery id is 1 to 64 letters, digits and dashes");
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
