package dev.autosync.sync;

import dev.autosync.common.Workers;
import dev.autosync.github.GitHubUnavailableException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * Reads the next page of a GitHub listing while the current one is written: a history's import then takes
 * about the longer of GitHub's time and the store's, not their sum. A page is fetched ahead only while
 * {@code wanted} says the caller will still take it (a task about to checkpoint fetches nothing it would
 * throw away). The listing itself is only ever touched by one thread at a time.
 */
final class Prefetch<T> implements Iterator<T> {

    private final Workers fetchers;
    private final Iterator<T> pages;
    private final BooleanSupplier wanted;
    private CompletableFuture<Optional<T>> ahead;

    /** @param fetchers the caller's threads ({@link CommitSync}'s), on which the next page is read */
    Prefetch(Workers fetchers, Iterator<T> pages, BooleanSupplier wanted) {
        this.fetchers = fetchers;
        this.pages = pages;
        this.wanted = wanted;
        this.ahead = fetch();
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            ahead = CompletableFuture.completedFuture(pages.hasNext() ? Optional.of(pages.next()) : Optional.empty());
        }
        return join(ahead).isPresent();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T page = join(ahead).orElseThrow();
        ahead = wanted.getAsBoolean() ? fetch() : null;
        return page;
    }

    /** False only when the listing is known to be over; an unfetched next page may exist. Never fetches. */
    boolean mayHaveMore() {
        return ahead == null || !ahead.isDone() || ahead.isCompletedExceptionally() || ahead.join().isPresent();
    }

    private CompletableFuture<Optional<T>> fetch() {
        return fetchers.supply(() -> pages.hasNext() ? Optional.of(pages.next()) : Optional.empty());
    }

    /** The fetch's own exception (a rate limit, a gone repository), as if the caller had fetched. */
    private static <V> V join(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new GitHubUnavailableException("fetching a page failed", e.getCause());
        }
    }
}
