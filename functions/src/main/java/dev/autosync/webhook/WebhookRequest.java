package dev.autosync.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the webhook logic sees it, independent of Lambda: the method, the headers (looked
 * up case-insensitively) and the raw body bytes (already base64-decoded when the gateway encoded them).
 */
public final class WebhookRequest {

    private final String method;
    private final Map<String, String> headers;
    private final byte[] body;

    public WebhookRequest(String method, Map<String, String> headers, byte[] body) {
        this.method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        TreeMap<String, String> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            folded.putAll(headers);
        }
        this.headers = folded;
        this.body = body == null ? new byte[0] : body;
    }

    public String method() {
        return method;
    }

    /** The header's value, whatever the case of its name; blank values count as absent. */
    public Optional<String> header(String name) {
        String value = headers.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The raw body: the bytes the signature covers. Not copied; callers must not modify it. */
    public byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        // Never the body or the signature header.
        return "WebhookRequest[" + method + ", " + body.length + " bytes]";
    }
}
