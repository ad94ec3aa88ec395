package dev.autosync.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the api sees it, whatever carried it (API Gateway's v2 event, a local server).
 * Header names are lower-cased, as HTTP/2 and API Gateway deliver them.
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {

    /** A request without a body. */
    public ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers) {
        this(method, path, query, headers, "");
    }

    public ApiRequest {
        body = body == null ? "" : body;
        method = method.toUpperCase(Locale.ROOT);
        query = Map.copyOf(query);
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        // Never print headers: Authorization carries a token.
        return "ApiRequest[" + method + " " + path + "]";
    }
}
