package dev.autosync.github.internal;

import dev.autosync.github.PaginationRefusedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The pages one listing walk may fetch. Pages are fetched with the installation token or the App JWT, and
 * the next page's URL comes from GitHub's {@code Link} header (or an ETag entry that stored it), so a page is
 * fetched only when its URL is on the configured API: the same scheme, host and port, and a path under the
 * API's own ({@code /api/v3} on GitHub Enterprise Server). A walk that comes back to a page it fetched
 * before, or that passes {@link #MAX_PAGES}, is refused too. Every refusal is a
 * {@link PaginationRefusedException}, thrown before anything is sent.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api">Pagination</a>
 */
public final class PageWalk {

    /**
     * Pages one walk may fetch: 1,000,000 items at 100 a page. No real walk comes near it. The sync engine's
     * walks end when their invocation runs short of time (a commit walk goes on from its page number in the
     * next task, so a 100,000-commit window is 1,000 pages over one or more walks), and one invocation of at
     * most 15 minutes cannot fetch 10,000 pages at GitHub's usual 100 ms or more a page. The cap only ends a
     * walk that would never end.
     */
    public static final int MAX_PAGES = 10_000;

    private final URI api;
    private final String apiPath;
    private final String what;
    private final Set<String> fetched = new HashSet<>();

    /**
     * @param api  the configured API root, e.g. {@code https://api.github.com} or {@code https://ghe.example.com/api/v3}
     * @param what the request, for messages ({@code GET /installation/repositories})
     */
    public PageWalk(URI api, String what) {
        this.api = api;
        String path = api.getPath() == null ? "" : api.getPath();
        this.apiPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.what = what;
    }

    /**
     * Admits the next page of the walk.
     *
     * @return {@code url}, to be fetched
     * @throws PaginationRefusedException when the URL is not on the API, was fetched before, or is one page too many
     */
    public String admit(String url) {
        URI target = onApi(url);
        if (!fetched.add(target.normalize().toString())) {
            throw new PaginationRefusedException(what, "it links back to a page already read");
        }
        if (fetched.size() > MAX_PAGES) {
            throw new PaginationRefusedException(what, "more than " + MAX_PAGES + " pages");
        }
        return url;
    }

    private URI onApi(String url) {
        URI target;
        try {
            target = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("an unreadable URL");
        }
        if (!target.isAbsolute() || target.getHost() == null || target.getRawUserInfo() != null
                || !target.getScheme().equalsIgnoreCase(api.getScheme())
                || !target.getHost().equalsIgnoreCase(api.getHost()) || port(target) != port(api)) {
            throw refused(origin(target));
        }
        String path = target.getPath() == null ? "" : target.getPath();
        boolean under = apiPath.isEmpty() ? path.isEmpty() || path.startsWith("/")
                : path.equals(apiPath) || path.startsWith(apiPath + "/");
        // Decoded, so an encoded dot segment (%2e%2e) cannot climb out of the API's path either.
        if (!under || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
            throw refused("a path outside " + (apiPath.isEmpty() ? "/" : apiPath) + " on " + origin(target));
        }
        return target;
    }

    private PaginationRefusedException refused(String where) {
        return new PaginationRefusedException(what, "it leads to " + where + ", not the GitHub API at " + origin(api));
    }

    /** Scheme, host and port only: never a path or query someone else wrote into our logs at length. */
    private static String origin(URI uri) {
        String host = uri.getHost() == null ? "(no host)" : uri.getHost();
        String text = uri.getScheme() + "://" + (host.length() > 100 ? host.substring(0, 100) + "…" : host);
        return uri.getPort() < 0 ? text : text + ":" + uri.getPort();
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : -1;
    }
}
