package dev.autosync.github.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.github.PaginationRefusedException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Which next-page URLs a walk follows. Every page is fetched with the installation token or the App JWT, so a
 * URL off the configured API would hand a credential to whoever wrote the {@code Link} header.
 */
class PageWalkTest {

    private static final URI GITHUB = URI.create("https://api.github.com");
    private static final URI GHES = URI.create("https://ghe.example.com/api/v3/");

    @ParameterizedTest
    @ValueSource(strings = {
            "https://api.github.com/repositories/1/commits?page=2",
            "https://API.GitHub.com:443/installation/repositories?per_page=100&page=3",
            "HTTPS://api.github.com/search/issues?q=x&page=2"})
    void urlOnTheApi_isAdmitted(String url) {
        assertEquals(url, new PageWalk(GITHUB, "GET /x").admit(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example/repositories/1/commits?page=2",
            "http://api.github.com/repositories/1/commits?page=2",
            "https://api.github.com:8443/repositories/1/commits?page=2",
            "https://api.github.com.evil.example/x",
            "https://token@api.github.com/x",
            "https://api.github.com/x/../../y",
            "//api.github.com/x",
            "/repositories/1/commits?page=2",
            "not a url"})
    void urlOffTheApi_isRefused(String url) {
        PaginationRefusedException refused = assertThrows(PaginationRefusedException.class,
                () -> new PageWalk(GITHUB, "GET /repos/{owner}/{repo}/commits").admit(url));

        assertTrue(refused.getMessage().startsWith("GET /repos/{owner}/{repo}/commits: not following"), refused.getMessage());
        assertEquals(0, refused.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://ghe.example.com/admin/users?page=2",
            "https://ghe.example.com/api/v30/x",
            "https://ghe.example.com/api/v3/../../admin",
            "https://ghe.example.com/api/v3/%2e%2e/admin"})
    void enterpriseServer_onlyUnderTheApiPath(String url) {
        PageWalk walk = new PageWalk(GHES, "GET /installation/repositories");

        assertEquals("https://ghe.example.com/api/v3/installation/repositories?page=2",
                walk.admit("https://ghe.example.com/api/v3/installation/repositories?page=2"));
        assertThrows(PaginationRefusedException.class, () -> walk.admit(url));
    }

    @Test
    void pageFetchedBefore_isRefused() {
        PageWalk walk = new PageWalk(GITHUB, "GET /installation/repositories");
        walk.admit("https://api.github.com/installation/repositories?page=1");
        walk.admit("https://api.github.com/installation/repositories?page=2");

        PaginationRefusedException refused = assertThrows(PaginationRefusedException.class,
                () -> walk.admit("https://api.github.com/installation/repositories?page=1"));
        assertTrue(refused.getMessage().contains("already read"), refused.getMessage());
    }

    @Test
    void walkPastTheCap_isRefused() {
        PageWalk walk = new PageWalk(GITHUB, "GET /installation/repositories");
        for (int page = 1; page <= PageWalk.MAX_PAGES; page++) {
            walk.admit("https://api.github.com/installation/repositories?page=" + page);
        }

        assertThrows(PaginationRefusedException.class,
                () -> walk.admit("https://api.github.com/installation/repositories?page=" + (PageWalk.MAX_PAGES + 1)));
    }
}
