package dev.autosync.github;

import java.util.Optional;

/**
 * Remembers the {@code ETag} of each listing page an installation fetched, so the next fetch can send
 * {@code If-None-Match} and an unchanged page costs no rate limit. Also remembers the page's
 * {@code next} link, so a listing can walk on past pages answered with {@code 304}.
 *
 * <p>GitHub's ETags are specific to the token that fetched the page, so an entry saves rate limit only
 * while the installation token that made it is in use (about 50 minutes in one container).
 */
public interface EtagStore {

    /** What autosync holds for one page URL. {@code nextUrl} is empty on the last page. */
    record Entry(String etag, Optional<String> nextUrl) {
    }

    Optional<Entry> find(InstallationId installation, String url);

    void put(InstallationId installation, String url, Entry entry);
}
