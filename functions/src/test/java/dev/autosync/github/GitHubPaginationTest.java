package dev.autosync.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.autosync.github.internal.PemKeys;
import dev.autosync.sandbox.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a stub whose {@code Link} headers are hostile: a next page on another host, outside
 * GitHub Enterprise Server's {@code /api/v3}, or back to a page already read. Each page is fetched with a
 * credential, so a followed link would hand the installation token or the App JWT to whoever wrote it.
 */
class GitHubPaginationTest {

    private static final InstallationId INSTALLATION = new InstallationId(42);

    private static WireMockServer github;
    /** Another origin (same address, another port): it must never be asked anything. */
    private static WireMockServer elsewhere;

    @BeforeAll
    static void startStubs() {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        elsewhere.start();
    }

    @AfterAll
    static void stopStubs() {
        github.stop();
        elsewhere.stop();
    }

    @BeforeEach
    void reset() {
        github.resetAll();
        elsewhere.resetAll();
        github.stubFor(post(urlPathEqualTo("/app/installations/42/access_tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"ghs_stub\",\"expires_at\":\"2026-01-05T11:00:00Z\"}")));
        github.stubFor(post(urlPathEqualTo("/api/v3/app/installations/42/access_tokens")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"ghs_stub\",\"expires_at\":\"2026-01-05T11:00:00Z\"}")));
        elsewhere.stubFor(get(urlPathEqualTo("/installation/repositories")).willReturn(repositories(null)));
        elsewhere.stubFor(get(urlPathEqualTo("/app/hook/deliveries")).willReturn(json("[]", null)));
    }

    private static GitHubClient client(String api) {
        GitHubConfig config = new GitHubConfig(URI.create(api), "1", Optional.empty(),
                PemKeys.parse(SandboxApp.app().privateKeyPkcs1Pem()));
        return new GitHubClient(config, new InMemoryEtagStore(), HttpClient.newHttpClient(), SandboxedClient.POLICY,
                d -> { }, new ManualClock(Instant.parse("2026-01-05T10:00:00Z")));
    }

    private static ResponseDefinitionBuilder json(String body, String next) {
        ResponseDefinitionBuilder response = aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
        return next == null ? response : response.withHeader("Link", "<" + next + ">; rel=\"next\"");
    }

    private static ResponseDefinitionBuilder repositories(String next) {
        return json("{\"total_count\":0,\"repositories\":[]}", next);
    }

    private static <T> void walk(Stream<Page<T>> pages) {
        pages.forEach(page -> { });
    }

    @Test
    void nextPageOnAnotherHost_isRefused_andTheInstallationTokenNeverLeaves() {
        String hostile = elsewhere.baseUrl() + "/installation/repositories?per_page=100&page=2";
        github.stubFor(get(urlPathEqualTo("/installation/repositories")).willReturn(repositories(hostile)));

        PaginationRefusedException refused = assertThrows(PaginationRefusedException.class,
                () -> walk(client(github.baseUrl()).repositories(INSTALLATION)));

        assertTrue(refused.getMessage().contains(elsewhere.baseUrl()), refused.getMessage());
        assertEquals(0, elsewhere.getAllServeEvents().size(), "nothing, so no token, went to the other host");
        github.verify(1, getRequestedFor(urlPathEqualTo("/installation/repositories")));
    }

    @Test
    void nextPageOnAnotherHost_isRefused_andTheAppJwtNeverLeaves() {
        github.stubFor(get(urlPathEqualTo("/app/hook/deliveries"))
                .willReturn(json("[]", elsewhere.baseUrl() + "/app/hook/deliveries?page=2")));

        assertThrows(PaginationRefusedException.class, () -> walk(client(github.baseUrl()).hookDeliveries()));

        assertEquals(0, elsewhere.getAllServeEvents().size());
    }

    @Test
    void searchNextPageOnAnotherHost_isRefused() {
        github.stubFor(get(urlPathEqualTo("/search/issues"))
                .willReturn(json(RestExamples.SEARCH_ISSUES, elsewhere.baseUrl() + "/search/issues?q=x&page=2")));

        assertThrows(GitHubRejectedException.class, () -> client(github.baseUrl()).searchIssues(INSTALLATION, "org:acme"));

        assertEquals(0, elsewhere.getAllServeEvents().size());
    }

    @Test
    void enterpriseServer_followsPagesUnderItsApiPath_only() {
        String api = github.baseUrl() + "/api/v3";
        github.stubFor(get(urlPathEqualTo("/api/v3/installation/repositories"))
                .withQueryParam("page", equalTo("2")).willReturn(repositories(github.baseUrl() + "/admin/repositories?page=3")));
        github.stubFor(get(urlPathEqualTo("/api/v3/installation/repositories")).atPriority(10)
                .willReturn(repositories(api + "/installation/repositories?per_page=100&page=2")));

        assertThrows(PaginationRefusedException.class, () -> walk(client(api).repositories(INSTALLATION)));

        github.verify(2, getRequestedFor(urlPathEqualTo("/api/v3/installation/repositories")));
        assertEquals(List.of(), github.findAll(getRequestedFor(urlPathEqualTo("/admin/repositories"))));
    }

    @Test
    void nextPageReadBefore_endsTheWalkWithAnError_insteadOfLooping() {
        String first = github.baseUrl() + "/installation/repositories?per_page=100";
        github.stubFor(get(urlPathEqualTo("/installation/repositories")).withQueryParam("page", equalTo("2"))
                .willReturn(repositories(first)));
        github.stubFor(get(urlPathEqualTo("/installation/repositories")).atPriority(10)
                .willReturn(repositories(github.baseUrl() + "/installation/repositories?per_page=100&page=2")));

        PaginationRefusedException refused = assertThrows(PaginationRefusedException.class,
                () -> walk(client(github.baseUrl()).repositories(INSTALLATION)));

        assertTrue(refused.getMessage().contains("already read"), refused.getMessage());
        github.verify(2, getRequestedFor(urlPathEqualTo("/installation/repositories")));
    }
}
