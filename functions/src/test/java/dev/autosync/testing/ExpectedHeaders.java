package dev.autosync.testing;

import java.util.Map;

/**
 * The headers every JSON answer must carry, spelled out here rather than read from the code under test:
 * no MIME sniffing, nothing stored by a browser or proxy, no referrer sent onwards.
 */
public final class ExpectedHeaders {

    public static final Map<String, String> JSON = Map.of(
            "Content-Type", "application/json",
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private ExpectedHeaders() {
    }
}
