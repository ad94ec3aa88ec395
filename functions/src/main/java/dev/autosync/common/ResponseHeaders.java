package dev.autosync.common;

import java.util.Map;

/**
 * The headers of every HTTP response the functions give, one set per kind of response, so that no route
 * or error path can leave one out: JSON (the api's data and errors, the webhook's answers to GitHub) and
 * the dashboard's HTML page.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html">OWASP HTTP headers cheat sheet</a>
 */
public final class ResponseHeaders {

    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CACHE_CONTROL = "Cache-Control";
    public static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    public static final String REFERRER_POLICY = "Referrer-Policy";
    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    public static final String JSON_TYPE = "application/json";
    public static final String HTML_TYPE = "text/html; charset=utf-8";

    /**
     * JSON: never stored by a browser or proxy (api data sits behind a token and changes), never sniffed
     * as another type, and no referrer sent onwards.
     */
    public static final Map<String, String> JSON = Map.of(
            CONTENT_TYPE, JSON_TYPE,
            CACHE_CONTROL, "no-store",
            CONTENT_TYPE_OPTIONS, "nosniff",
            REFERRER_POLICY, "no-referrer");

    private ResponseHeaders() {
    }

    /**
     * The dashboard page: public and holding no data, so it may be cached if revalidated each time; its
     * {@code contentSecurityPolicy} allows exactly what the page itself needs.
     */
    public static Map<String, String> html(String contentSecurityPolicy) {
        return Map.of(
                CONTENT_TYPE, HTML_TYPE,
                CONTENT_SECURITY_POLICY, contentSecurityPolicy,
                CACHE_CONTROL, "no-cache",
                CONTENT_TYPE_OPTIONS, "nosniff",
                REFERRER_POLICY, "no-referrer");
    }
}
