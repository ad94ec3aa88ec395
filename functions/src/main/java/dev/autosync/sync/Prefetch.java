package dev.autosync.sync;

import dev.autosync.github.GitHubUnavailableException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Reads the next page of a GitHub listing while the current one is written: a history's import then takes
 * about the longer of GitHub's time and the store's, not their sum. A page is fetched ahead only while
 * {@code wanted} says the caller will still take it (a task about to checkpoint fetches nothing it would
 * throw away). The listing itself is only ever touched by one thread at a time.
 */
final class Prefetch<T> implements Iterator<T> {

    private static final ExecutorService FETCHERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "github-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    private final Iterator<T> pages;
    private final BooleanSupplier wanted;
    private CompletableFuture<Optional<T>> ahead;

    Prefetch(Iterator<T> pages, BooleanSupplier wanted) {
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
        return CompletableFuture.supplyAsync(() -> pages.hasNext() ? Optional.of(pages.next()) : Optional.empty(), FETCHERS);
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
