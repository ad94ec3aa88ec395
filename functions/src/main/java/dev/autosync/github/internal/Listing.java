package dev.autosync.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.github.EtagStore;
import dev.autosync.github.GitHubRejectedException;
import dev.autosync.github.InstallationId;
import dev.autosync.github.Page;
import dev.autosync.github.ResourceGoneException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A listing walked page by page along {@code Link: rel="next"}, fetching a page only when the caller
 * asks for it. When conditional, each page is requested with the ETag held for its URL, and a page's
 * new ETag is stored only once the caller moves past it — so a page the caller failed to process is
 * fetched in full next time instead of being skipped as unchanged. Every page, the first included, is admitted
 * by a {@link PageWalk} before it is fetched: on the API, never twice, at most {@link PageWalk#MAX_PAGES}.
 */
public final class Listing<T> implements Iterator<Page<T>> {

    /** Performs an authenticated GET of an absolute URL with extra headers. */
    @FunctionalInterface
    public interface Fetch {
        RestTransport.Response get(String url, Map<String, String> headers);
    }

    /**
     * Where a listing keeps its ETags: the store and the installation they belong to. {@code ask} false reads
     * every page whatever ETag is held (a walk that must see everything) and still keeps the ETags it is
     * given, so the next conditional walk asks with the ETag of what was last read.
     */
    public record Conditional(EtagStore store, InstallationId installation, boolean ask) {

        public Conditional(EtagStore store, InstallationId installation) {
            this(store, installation, true);
        }
    }

    private final String what;
    private final PageWalk walk;
    private final Fetch fetch;
    private final Optional<Conditional> conditional;
    private final Function<JsonNode, List<T>> items;
    private final boolean emptyOnConflict;
    private Optional<String> next;
    private Runnable pendingEtag = () -> { };

    /**
     * @param api             the configured API root: the only place pages are fetched from
     * @param emptyOnConflict treat 409 as an empty listing (GitHub's answer for commits of an empty repository)
     */
    public Listing(URI api, String firstUrl, String what, Fetch fetch, Optional<Conditional> conditional,
                   Function<JsonNode, List<T>> items, boolean emptyOnConflict) {
        this.next = Optional.of(firstUrl);
        this.what = what;
        this.walk = new PageWalk(api, what);
        this.fetch = fetch;
        this.conditional = conditional;
        this.items = items;
        this.emptyOnConflict = emptyOnConflict;
    }

    public Stream<Page<T>> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        pendingEtag.run();
        pendingEtag = () -> { };
        return next.isPresent();
    }

    @Override
    public Page<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String url = walk.admit(next.get());
        Optional<EtagStore.Entry> held = conditional.filter(Conditional::ask)
                .flatMap(c -> c.store().find(c.installation(), url));
        RestTransport.Response response = fetch.get(url, held.map(e -> Map.of("If-None-Match", e.etag())).orElse(Map.of()));
        int status = response.status();
        if (status == 304 && held.isPresent()) {
            next = held.get().nextUrl();
            return new Page<>(List.of(), true, response.rateLimit(), response.date(), Optional.of(held.get().etag()));
        }
        if (status == 200) {
            next = LinkHeader.next(response.header("link"));
            Optional<String> following = next;
            Optional<String> etag = conditional.flatMap(c -> response.header("etag"));
            conditional.ifPresent(c -> etag.ifPresent(e ->
                    pendingEtag = () -> c.store().put(c.installation(), url, new EtagStore.Entry(e, following))));
            return new Page<>(items.apply(parse(response.body())), false, response.rateLimit(), response.date(), etag);
        }
        if (status == 404 || status == 410) {
            throw new ResourceGoneException(status, what);
        }
        if (status == 409 && emptyOnConflict) {
            next = Optional.empty();
            return new Page<>(List.of(), false, response.rateLimit(), response.date());
        }
        throw new GitHubRejectedException(status, what, response.gitHubMessage());
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("GitHub sent a listing that is not JSON", e);
        }
    }
}
