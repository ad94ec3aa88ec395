package dev.autosync.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.autosync.common.Json;
import dev.autosync.github.internal.PemKeys;
import dev.autosync.sandbox.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a stub serving GitHub's documented responses, for what the sandbox does not (yet)
 * serve or cannot be made to send: {@code GET /repositories/{id}}, {@code /search/issues} and its
 * limits, {@code Date} headers present, absent and malformed, commits' {@code until}.
 */
class GitHubRestStubTest {

    private static final InstallationId INSTALLATION = new InstallationId(42);
    private static final String DATE = "Mon, 05 Jan 2026 10:00:07 GMT";
    private static final String QUERY = "org:acme updated:>=2026-01-05T09:00:00Z";

    private static WireMockServer server;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startStub() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopStub() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(post("/app/installations/42/access_tokens").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"ghs_stub\",\"expires_at\":\"2026-01-05T11:00:00Z\"}")));
    }

    private GitHubClient client(RetryPolicy policy) {
        GitHubConfig config = new GitHubConfig(URI.create(server.baseUrl()), "1", Optional.empty(),
                PemKeys.parse(SandboxApp.app().privateKeyPkcs1Pem()));
        return new GitHubClient(config, new InMemoryEtagStore(), HttpClient.newHttpClient(), policy, sleeps::add, clock);
    }

    private GitHubClient client() {
        return client(SandboxedClient.POLICY);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "4999")
                .withHeader("x-ratelimit-reset", "1767610800").withBody(body);
    }

    // ---- Date ----

    @Test
    void lookup_carriesTheResponsesDate() {
        server.stubFor(get("/repositories/1296269").willReturn(json(200, RestExamples.REPOSITORY).withHeader("Date", DATE)));

        Lookup<Repository> found = client().repositoryById(INSTALLATION, 1296269);

        assertEquals(Optional.of(Instant.parse("2026-01-05T10:00:07Z")), found.date());
    }

    @Test
    void listingPage_carriesTheResponsesDate() {
        server.stubFor(get(urlPathEqualTo("/repos/octocat/Hello-World/commits"))
                .willReturn(json(200, "[" + RestExamples.COMMIT + "]").withHeader("Date", DATE)));

        Page<Commit> page = client().commits(INSTALLATION, new RepoRef("octocat", "Hello-World"),
                Optional.empty(), Optional.empty()).findFirst().orElseThrow();

        assertEquals(Optional.of(Instant.parse("2026-01-05T10:00:07Z")), page.date());
        assertEquals(1, page.items().size());
    }

    @Test
    void absentOrMalformedDate_isEmpty_notAnError() {
        // WireMock's server adds no Date header of its own unless the stub sets one.
        server.stubFor(get("/repositories/1").willReturn(json(200, RestExamples.REPOSITORY)));
        server.stubFor(get("/repositories/2").willReturn(json(200, RestExamples.REPOSITORY).withHeader("Date", "yesterday")));

        Lookup<Repository> absent = client().repositoryById(INSTALLATION, 1);
        Lookup<Repository> malformed = client().repositoryById(INSTALLATION, 2);

        assertTrue(absent.value().isPresent() && malformed.value().isPresent());
        assertEquals(Optional.empty(), absent.date());
        assertEquals(Optional.empty(), malformed.date());
    }

    // ---- repositories by id ----

    @Test
    void repositoryById_found_isTheFullRepository() {
        server.stubFor(get("/repositories/1296269").willReturn(json(200, RestExamples.REPOSITORY)));

        Repository repository = client().repositoryById(INSTALLATION, 1296269).value().orElseThrow();

        assertEquals(new RepoRef("octocat", "Hello-World"), repository.ref());
        assertEquals("https://github.com/octocat/Hello-World", repository.htmlUrl());
        assertEquals(Optional.of("Java"), repository.language());
        server.verify(getRequestedFor(urlPathEqualTo("/repositories/1296269"))
                .withHeader("Authorization", equalTo("Bearer ghs_stub")));
    }

    @Test
    void repositoryById_gone_isNotFound_datedByGitHub() {
        // The date versions the removal the sync records, so it must survive on a 404 too.
        server.stubFor(get("/repositories/7").willReturn(json(404,
                "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#get-a-repository\",\"status\":\"404\"}")
                .withHeader("Date", DATE)));

        Lookup<Repository> gone = client().repositoryById(INSTALLATION, 7);

        Lookup.NotFound<Repository> notFound = assertInstanceOf(Lookup.NotFound.class, gone);
        assertEquals(404, notFound.status());
        assertEquals(Optional.of(Instant.parse("2026-01-05T10:00:07Z")), gone.date());
    }

    // ---- commits ----

    @Test
    void commits_sendSinceAndUntil_asIsoTimes() {
        server.stubFor(get(urlPathEqualTo("/repos/octocat/Hello-World/commits")).willReturn(json(200, "[]")));

        client().commits(INSTALLATION, new RepoRef("octocat", "Hello-World"), Optional.of("main"),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.of(Instant.parse("2026-01-02T00:00:00Z"))).toList();

        server.verify(getRequestedFor(urlPathEqualTo("/repos/octocat/Hello-World/commits"))
                .withQueryParam("sha", equalTo("main"))
                .withQueryParam("since", equalTo("2026-01-01T00:00:00Z"))
                .withQueryParam("until", equalTo("2026-01-02T00:00:00Z"))
                .withQueryParam("per_page", equalTo("100")));
    }

    @Test
    void commits_withoutUntil_sendNone() {
        server.stubFor(get(urlPathEqualTo("/repos/octocat/Hello-World/commits")).willReturn(json(200, "[]")));

        client().commits(INSTALLATION, new RepoRef("octocat", "Hello-World"), Optional.empty(),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z"))).toList();

        server.verify(getRequestedFor(urlPathEqualTo("/repos/octocat/Hello-World/commits"))
                .withQueryParam("since", equalTo("2026-01-01T00:00:00Z"))
                .withQueryParam("until", absent()).withQueryParam("sha", absent()));
    }

    // ---- search ----

    @Test
    void search_sendsTheQuerySortedByUpdate_andReadsHits() {
        server.stubFor(search(null).willReturn(json(200, RestExamples.SEARCH_ISSUES)));

        SearchResults results = client().searchIssues(INSTALLATION, QUERY);

        assertEquals(280, results.totalCount());
        assertTrue(results.incomplete());
        assertEquals(List.of(true, false), results.items().stream().map(IssueActivity::pullRequest).toList());
        assertEquals(new RepoRef("batterseapower", "pinyin-toolkit"), results.items().get(0).repository());
        server.verify(getRequestedFor(urlPathEqualTo("/search/issues"))
                .withQueryParam("q", equalTo(QUERY)).withQueryParam("sort", equalTo("updated"))
                .withQueryParam("order", equalTo("desc")).withQueryParam("per_page", equalTo("100")));
    }

    @Test
    void search_followsNextLinks_butNeverPastTheTenthPage() {
        // GitHub serves only the first 1,000 results; page 11 would be a 422 that fails the whole search.
        for (int page = 1; page <= 12; page++) {
            server.stubFor(search(page == 1 ? null : page).willReturn(json(200, searchPage(1500, false, page, 100))
                    .withHeader("Link", links(page + 1, 12))));
        }

        SearchResults results = client().searchIssues(INSTALLATION, QUERY);

        assertEquals(1500, results.totalCount());
        assertFalse(results.incomplete());
        assertEquals(1000, results.items().size());
        server.verify(10, getRequestedFor(urlPathEqualTo("/search/issues")));
    }

    @Test
    void search_stopsAtTheLastPage_mergesIncompleteness_andListsAHitOnce() {
        server.stubFor(search(null).willReturn(json(200, searchPage(150, false, 1, 100)).withHeader("Link", links(2, 2))));
        // A hit updated while paging moves up a place, so page 2 repeats page 1's last hit.
        server.stubFor(search(2).willReturn(json(200, searchPage(150, true, 1.99, 51))));

        SearchResults results = client().searchIssues(INSTALLATION, QUERY);

        assertTrue(results.incomplete(), "one incomplete page makes the whole search incomplete");
        assertEquals(150, results.items().size());
        assertEquals(150, results.items().stream().map(IssueActivity::number).distinct().count());
        server.verify(2, getRequestedFor(urlPathEqualTo("/search/issues")));
    }

    @Test
    void search_ofNothing_isEmpty() {
        server.stubFor(search(null).willReturn(json(200, "{\"total_count\":0,\"incomplete_results\":false,\"items\":[]}")));

        assertEquals(new SearchResults(0, false, List.of()), client().searchIssues(INSTALLATION, QUERY));
    }

    @Test
    void search_unprocessable_isRejected() {
        server.stubFor(search(null).willReturn(json(422, """
                {"message":"Validation Failed","errors":[{"message":"The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.","resource":"Search","field":"q","code":"invalid"}],"documentation_url":"https://docs.github.com/v3/search/","status":"422"}""")));

        GitHubRejectedException e = assertThrows(GitHubRejectedException.class, () -> client().searchIssues(INSTALLATION, QUERY));

        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("Validation Failed"), e.getMessage());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void search_spentSearchBudget_isRateLimited_untilGitHubsReset() {
        server.stubFor(search(null).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withHeader("x-ratelimit-limit", "30").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "30").withHeader("x-ratelimit-resource", "search")
                .withHeader("x-ratelimit-reset", "1767607260")
                .withBody("{\"message\":\"API rate limit exceeded for installation ID 42.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\",\"status\":\"403\"}")));

        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> client().searchIssues(INSTALLATION, QUERY));

        assertEquals(Instant.ofEpochSecond(1767607260), limited.resetAt());
        assertTrue(sleeps.isEmpty(), "a spent limit is handed back, never slept on");
        server.verify(1, getRequestedFor(urlPathEqualTo("/search/issues")));
    }

    // ---- the Lambda retry policy ----

    @Test
    void lambdaPolicy_neverSleepsASecondaryLimit_butHandsItBackWithGitHubsWait() {
        // Protects the sync's 300 s budget: GitHub asks for a minute or more, which a Lambda must not sleep.
        server.stubFor(get("/repositories/1").willReturn(json(403,
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}")
                .withHeader("retry-after", "90")));

        RateLimitedException limited = assertThrows(RateLimitedException.class,
                () -> client(RetryPolicy.LAMBDA).repositoryById(INSTALLATION, 1));

        assertTrue(sleeps.isEmpty());
        assertEquals(clock.instant().plusSeconds(90), limited.resetAt());
        server.verify(1, getRequestedFor(urlPathEqualTo("/repositories/1")));
    }

    @Test
    void lambdaPolicy_retriesServerErrorsBriefly() {
        server.stubFor(get("/repositories/1").willReturn(json(502, "{\"message\":\"Server Error\"}")));

        assertThrows(GitHubUnavailableException.class, () -> client(RetryPolicy.LAMBDA).repositoryById(INSTALLATION, 1));

        server.verify(3, getRequestedFor(urlPathEqualTo("/repositories/1")));
        assertEquals(2, sleeps.size());
        assertTrue(sleeps.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(4)) <= 0), sleeps.toString());
    }

    // ---- helpers ----

    private static MappingBuilder search(Object page) {
        return get(urlPathEqualTo("/search/issues")).withQueryParam("page", page == null ? absent() : equalTo(page.toString()));
    }

    private static String links(int next, int last) {
        String base = server.baseUrl() + "/search/issues?q=org%3Aacme&sort=updated&order=desc&per_page=100&page=";
        return next > last ? "<" + base + "1>; rel=\"first\"" : "<" + base + next + ">; rel=\"next\", <" + base + last + ">; rel=\"last\"";
    }

    /** {@code count} hits numbered from {@code (page - 1) * 100 + 1}; a fractional page starts mid-page. */
    private static String searchPage(int total, boolean incomplete, double page, int count) {
        try {
            ObjectNode example = (ObjectNode) Json.mapper().readTree(RestExamples.SEARCH_ISSUES);
            ObjectNode hit = (ObjectNode) example.get("items").get(1);
            ArrayNode items = example.putArray("items");
            int first = (int) Math.round((page - 1) * 100) + 1;
            for (int i = 0; i < count; i++) {
                ObjectNode item = hit.deepCopy();
                item.put("number", first + i).put("id", 10_000 + first + i);
                items.add(item);
            }
            example.put("total_count", total).put("incomplete_results", incomplete);
            return Json.mapper().writeValueAsString(example);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
