package dev.autosync.api;

import dev.autosync.common.ResponseHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /}: the one self-contained dashboard page (inline CSS and JS, no build step). It is public
 * (it holds no data; it asks for the API token and keeps it in sessionStorage). Its Content-Security-Policy
 * allows exactly the page's own inline script and style, by hash, and network calls to this origin only.
 */
public final class DashboardPage {

    private static final String RESOURCE = "dashboard.html";
    private static final Pattern INLINE = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private final String html;
    private final String contentSecurityPolicy;

    public DashboardPage() {
        this.html = load();
        this.contentSecurityPolicy = policy(html);
    }

    public ApiResponse serve(Call call) {
        return new ApiResponse(200, ResponseHeaders.html(contentSecurityPolicy), html);
    }

    private static String policy(String html) {
        List<String> scripts = new ArrayList<>();
        Matcher matcher = INLINE.matcher(html);
        while (matcher.find()) {
            scripts.add("'sha256-" + sha256(matcher.group(1)) + "'");
        }
        // Inline style attributes (the chart bars' widths) need 'unsafe-inline' for styles only; scripts stay hashed.
        return "default-src 'none'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
                + "form-action 'none'; script-src " + String.join(" ", scripts) + "; style-src 'unsafe-inline'";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
