package dev.autosync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Log;
import dev.autosync.common.MetricNames;
import dev.autosync.testing.CapturedLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the GitHub sandbox: tokens, paging, ETags, rate limits, retries, not-found. */
class GitHubClientTest {

    private SandboxedClient it;
    private GitHubClient client;
    private InstallationId installation;
    private final RepoRef widgets = new RepoRef("acme", "widgets");

    @BeforeEach
    void seed() {
        it = new SandboxedClient();
        client = it.client;
        installation = new InstallationId(it.sandbox.install("acme", "Organization"));
        it.sandbox.createRepo(installation.value(), "widgets");
    }

    @AfterEach
    void stop() {
        it.close();
    }

    @Test
    void concurrentCallers_forOneInstallation_causeOneTokenExchange() throws Exception {
        // GIVEN 8 threads released at once
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Lookup<Repository>>> calls = IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> {
            start.await();
            return client.repository(installation, widgets);
        })).toList();

        // WHEN they all need a token
        start.countDown();
        for (Future<Lookup<Repository>> call : calls) {
            assertTrue(call.get().value().isPresent());
        }
        pool.shutdown();

        // THEN one exchange served them all
        assertEquals(1, it.sandbox.tokenExchanges());
    }

    @Test
    void token_isReusedUntil10MinutesBeforeExpiry_thenRefreshed() {
        client.repository(installation, widgets);
        it.clock.advance(Duration.ofMinutes(49));
        client.repository(installation, widgets);
        assertEquals(1, it.sandbox.tokenExchanges());

        // The sandbox's tokens live an hour: at 51 minutes the client must already have replaced it.
        it.clock.advance(Duration.ofMinutes(2));
        client.repository(installation, widgets);
        assertEquals(2, it.sandbox.tokenExchanges());
    }

    @Test
    void revokedCachedToken_isDropped_refreshed_andTheRequestRetriedOnce() {
        client.repository(installation, widgets);
        it.sandbox.revokeTokens(installation.value());

        Lookup<Repository> after = client.repository(installation, widgets);

        assertTrue(after.value().isPresent());
        assertEquals(2, it.sandbox.tokenExchanges());
    }

    @Test
    void unauthorizedAgainAfterTheRefresh_isNotRetriedFurther() {
        // Protects against a 401 loop: one refresh, then the failure is the caller's.
        client.repository(installation, widgets);
        long before = it.sandbox.requestCount();
        it.sandbox.faults().failures(2, 401);

        GitHubRejectedException e = assertThrows(GitHubRejectedException.class, () -> client.repository(installation, widgets));

        assertEquals(401, e.status());
        assertEquals(2, it.sandbox.requestCount() - before, "the request, then one token exchange");
        assertTrue(it.sleeps.isEmpty());
    }

    @Test
    void listing_walksLinkPages_of100_over250Repositories() {
        for (int i = 1; i < 250; i++) {
            it.sandbox.createRepo(installation.value(), "repo-" + i);
        }

        List<Page<Repository>> pages = client.repositories(installation).toList();

        assertEquals(List.of(100, 100, 50), pages.stream().map(p -> p.items().size()).toList());
        assertEquals(250, pages.stream().flatMap(p -> p.items().stream()).map(Repository::id).distinct().count());
        assertTrue(pages.get(2).rateLimit().isPresent());
    }

    @Test
    void unchangedListing_isAnswered304_andSpendsNoPoints() {
        for (int i = 1; i < 150; i++) {
            it.sandbox.createRepo(installation.value(), "repo-" + i);
        }
        client.repositories(installation).forEach(page -> { });
        long spent = it.sandbox.pointsSpent(installation.value());
        long requests = it.sandbox.requestCount();

        List<Page<Repository>> again = client.repositories(installation).toList();

        assertEquals(2, again.size());
        assertTrue(again.stream().allMatch(Page::notModified));
        assertEquals(spent, it.sandbox.pointsSpent(installation.value()));
        assertEquals(requests + 2, it.sandbox.requestCount());
    }

    @Test
    void changedPage_isFetchedInFull_despiteAnEarlierEtag() {
        client.issues(installation, widgets, Optional.empty()).forEach(page -> { });
        it.sandbox.openIssue("acme/widgets", "new");

        List<Page<Issue>> again = client.issues(installation, widgets, Optional.empty()).toList();

        assertFalse(again.get(0).notModified());
        assertEquals(1, again.get(0).items().size());
    }

    @Test
    void pageAbandonedMidway_keepsNoEtag_soItIsFetchedInFullNextTime() {
        // Protects against losing data: an ETag stored before the caller processed the page would make
        // the next sync skip a page it never handled.
        for (int i = 1; i < 150; i++) {
            it.sandbox.createRepo(installation.value(), "repo-" + i);
        }
        client.repositories(installation).findFirst();
        assertEquals(0, it.etags.size());

        client.repositories(installation).forEach(page -> { });
        assertEquals(2, it.etags.size());
    }

    @Test
    void spentPrimaryLimit_surfacesRateLimited_withGitHubsResetTime() {
        client.repository(installation, widgets);
        it.sandbox.setRateLimit(installation.value(), 1);
        client.repository(installation, widgets);

        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> client.repository(installation, widgets));

        assertEquals(it.sandbox.rateLimitReset(installation.value()), limited.resetAt());
        assertTrue(it.sleeps.isEmpty(), "a primary limit is handed back, never slept on");
    }

    @Test
    void secondaryLimit_waitsRetryAfter_thenSucceeds() {
        client.repository(installation, widgets);
        it.sandbox.faults().secondaryRateLimit(7);

        assertTrue(client.repository(installation, widgets).value().isPresent());
        assertEquals(List.of(Duration.ofSeconds(7)), it.sleeps);
    }

    @Test
    void secondaryLimitWithoutRetryAfter_waitsAMinute_andPersistentLimitIsHandedBack() {
        client.repository(installation, widgets);
        it.sandbox.faults().secondaryRateLimit(null).secondaryRateLimit(null);

        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> client.repository(installation, widgets));

        assertEquals(List.of(Duration.ofSeconds(60)), it.sleeps);
        // The second wait doubles (GitHub: back off exponentially), and is when the caller may retry.
        assertEquals(it.clock.instant().plus(Duration.ofSeconds(120)), limited.resetAt());
    }

    /** GitHub sends 429 only for rate limits: guards against a bare 429 failing work a minute's wait would save. */
    @Test
    void bare429_isASecondaryLimit_waitedOutAMinute() {
        client.repository(installation, widgets);
        it.sandbox.faults().failures(1, 429);

        assertTrue(client.repository(installation, widgets).value().isPresent());
        assertEquals(List.of(Duration.ofSeconds(60)), it.sleeps);
    }

    @Test
    void serverErrors_areRetriedWithBoundedJitteredBackoff() {
        client.repository(installation, widgets);
        it.sandbox.faults().serverErrors(2, 502);

        assertTrue(client.repository(installation, widgets).value().isPresent());
        assertEquals(2, it.sleeps.size());
        assertTrue(it.sleeps.get(0).toMillis() >= 50 && it.sleeps.get(0).toMillis() <= 100, it.sleeps.toString());
        assertTrue(it.sleeps.get(1).toMillis() >= 100 && it.sleeps.get(1).toMillis() <= 200, it.sleeps.toString());
    }

    @Test
    void persistentServerErrors_areGivenUpAfterMaxAttempts() {
        client.repository(installation, widgets);
        long before = it.sandbox.requestCount();
        it.sandbox.faults().serverErrors(10, 503);

        assertThrows(GitHubUnavailableException.class, () -> client.repository(installation, widgets));
        assertEquals(SandboxedClient.POLICY.maxAttempts(), it.sandbox.requestCount() - before);
    }

    @Test
    void connectionErrors_areRetried_thenReportedAsUnavailable() {
        GitHubConfig nowhere = new GitHubConfig(java.net.URI.create("http://127.0.0.1:9"), "1", Optional.empty(),
                dev.autosync.github.internal.PemKeys.parse(it.sandbox.app().privateKeyPkcs1Pem()));
        GitHubClient unreachable = new GitHubClient(nowhere, it.etags, java.net.http.HttpClient.newHttpClient(),
                SandboxedClient.POLICY, it.sleeps::add, it.clock);

        assertThrows(GitHubUnavailableException.class, () -> unreachable.repository(installation, widgets));
        assertEquals(SandboxedClient.POLICY.maxAttempts() - 1, it.sleeps.size());
    }

    @Test
    void missingRepository_isATypedNotFound_andItsListingsSayGone() {
        RepoRef missing = new RepoRef("acme", "missing");

        assertInstanceOf(Lookup.NotFound.class, client.repository(installation, missing));
        ResourceGoneException gone = assertThrows(ResourceGoneException.class,
                () -> client.commits(installation, missing, Optional.empty(), Optional.empty()).toList());
        assertEquals(404, gone.status());
    }

    @Test
    void forbidden_isNotRetried() {
        it.sandbox.suspend(installation.value());

        GitHubRejectedException e = assertThrows(GitHubRejectedException.class, () -> client.repository(installation, widgets));

        assertEquals(403, e.status());
        assertTrue(it.sleeps.isEmpty());
    }

    @Test
    void issuesListing_excludesPullRequests_oldestUpdateFirst() {
        it.sandbox.openIssue("acme/widgets", "bug one");
        it.sandbox.createBranch("acme/widgets", "topic", "main");
        it.sandbox.openPullRequest("acme/widgets", "a change", "topic", "main");
        it.sandbox.openIssue("acme/widgets", "bug two");

        List<Issue> issues = client.issues(installation, widgets, Optional.empty()).flatMap(p -> p.items().stream()).toList();
        List<PullRequest> pulls = client.pullRequests(installation, widgets).flatMap(p -> p.items().stream()).toList();

        // Oldest update first: a sync walk that stops part-way has everything before its cursor.
        assertEquals(List.of("bug one", "bug two"), issues.stream().map(Issue::title).toList());
        assertEquals(List.of("a change"), pulls.stream().map(PullRequest::title).toList());
    }

    @Test
    void commits_newestFirst_emptyRepositoryHasNone_andCompareFindsWhatIsAhead() {
        assertEquals(0, client.commits(installation, widgets, Optional.empty(), Optional.empty()).mapToLong(p -> p.items().size()).sum());
        it.sandbox.push("acme/widgets", "main", "one");
        it.sandbox.createBranch("acme/widgets", "feature/topic", "main");
        List<String> pushed = it.sandbox.push("acme/widgets", "feature/topic", "two", "three");

        List<Commit> commits = client.commits(installation, widgets, Optional.of("feature/topic"), Optional.empty())
                .flatMap(p -> p.items().stream()).toList();
        Comparison comparison = client.compare(installation, widgets, "main", "feature/topic").value().orElseThrow();

        assertEquals(List.of("three", "two", "one"), commits.stream().map(Commit::message).toList());
        assertEquals("ahead", comparison.status());
        assertEquals(pushed, comparison.commits().stream().map(Commit::sha).toList());
    }

    @Test
    void installations_andHookDeliveries_useTheAppJwt_andRedeliveryIsAccepted() {
        it.sandbox.webhooks().deliverTo(java.net.URI.create("http://127.0.0.1:9/unreachable"), "s");
        it.sandbox.openIssue("acme/widgets", "bug");

        List<Installation> installations = client.installations().flatMap(p -> p.items().stream()).toList();
        List<HookDelivery> deliveries = client.hookDeliveries().flatMap(p -> p.items().stream()).toList();

        assertEquals(List.of("acme"), installations.stream().map(Installation::accountLogin).toList());
        assertEquals("issues", deliveries.get(0).event());
        assertFalse(deliveries.get(0).succeeded());
        assertTrue(client.redeliver(deliveries.get(0).id()));
        assertFalse(client.redeliver(123));
        assertTrue(client.installation(installation).value().isPresent());
    }

    @Test
    void lambdaPolicy_handsASecondaryLimitBack_withoutSleeping() {
        // A Lambda must reschedule, not sleep GitHub's minute out of its 300 s.
        GitHubClient lambda = it.withPolicy(RetryPolicy.LAMBDA);
        lambda.repository(installation, widgets);
        it.sandbox.faults().secondaryRateLimit(30);

        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> lambda.repository(installation, widgets));

        assertTrue(it.sleeps.isEmpty(), it.sleeps.toString());
        assertEquals(it.clock.instant().plus(Duration.ofSeconds(30)), limited.resetAt());
    }

    @Test
    void pagesAndLookups_carryTheResponsesDate_evenWhenNotModified() {
        Lookup<Repository> lookup = client.repository(installation, widgets);
        List<Page<Repository>> first = client.repositories(installation).toList();
        List<Page<Repository>> unchanged = client.repositories(installation).toList();

        assertTrue(lookup.date().isPresent());
        assertTrue(first.get(0).date().isPresent());
        assertTrue(unchanged.get(0).notModified());
        assertTrue(unchanged.get(0).date().isPresent(), "a 304 is still GitHub's word on what exists at that time");
    }

    @Test
    void sandboxEntities_parseWithEveryNewField() {
        List<String> pushed = it.sandbox.push("acme/widgets", "main", "one");
        it.sandbox.openIssue("acme/widgets", "bug");
        it.sandbox.createBranch("acme/widgets", "topic", "main");
        it.sandbox.openPullRequest("acme/widgets", "a change", "topic", "main");

        Repository repository = client.repository(installation, widgets).value().orElseThrow();
        Commit commit = client.commits(installation, widgets, Optional.empty(), Optional.empty(), Optional.empty())
                .flatMap(p -> p.items().stream()).findFirst().orElseThrow();
        Issue issue = client.issues(installation, widgets, Optional.empty()).flatMap(p -> p.items().stream()).findFirst().orElseThrow();
        PullRequest pull = client.pullRequests(installation, widgets).flatMap(p -> p.items().stream()).findFirst().orElseThrow();

        assertTrue(repository.htmlUrl().endsWith("/acme/widgets"), repository.htmlUrl());
        assertFalse(repository.disabled());
        assertEquals(pushed.get(0), commit.sha());
        assertTrue(commit.htmlUrl().endsWith("/acme/widgets/commit/" + commit.sha()), commit.htmlUrl());
        assertTrue(commit.committerName().isPresent());
        assertEquals("bug", issue.title());
        assertTrue(issue.authorLogin() != null && !issue.authorLogin().isEmpty());
        assertEquals("a change", pull.title());
        assertEquals("topic", pull.headRef());
    }

    @Test
    void rateLimitGauge_namesTheInstallationWhoseTokenWasUsed_andNoneForTheAppsJwt() {
        try (CapturedLines out = new CapturedLines()) {
            client.repository(installation, widgets);

            List<JsonNode> lines = out.metric(MetricNames.GITHUB_RATE_LIMIT_REMAINING);
            assertEquals(2, lines.size(), "the token exchange (App JWT), then the lookup (installation token)");
            assertTrue(lines.get(0).path("installation_id").isMissingNode(), lines.get(0).toString());
            JsonNode lookup = lines.get(1);
            assertEquals(installation.value(), lookup.path("installation_id").asLong());
            assertEquals("core", lookup.path(MetricNames.RESOURCE).asText());
            double percent = lookup.path(MetricNames.GITHUB_RATE_LIMIT_REMAINING_PERCENT).asDouble(-1);
            assertTrue(percent > 0 && percent <= 100, lookup.toString());
            assertTrue(out.lines().stream().filter(l -> "github request".equals(l.path("message").asText()))
                    .anyMatch(l -> l.path("installation_id").asLong() == installation.value()), "the request's log line too");
        }
    }

    @Test
    void everyRequest_isLoggedOnce_withItsPathTemplate_andNeverAToken() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            client.repository(installation, widgets);
        } finally {
            Log.redirect(System.out);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().filter(l -> !l.startsWith("{\"_aws\"")).collect(Collectors.toList());

        assertEquals(2, lines.size(), log);
        assertTrue(lines.get(0).contains("\"path\":\"/app/installations/{installation_id}/access_tokens\""), log);
        assertTrue(lines.get(1).contains("\"path\":\"/repos/{owner}/{repo}\"") && lines.get(1).contains("\"rate_remaining\":4999"), log);
        assertFalse(log.contains("ghs_") || log.contains("eyJ"), "no token or JWT in logs");
    }
}
