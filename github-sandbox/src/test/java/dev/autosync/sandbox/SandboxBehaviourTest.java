package dev.autosync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox enforces GitHub's rules that autosync's client depends on. */
class SandboxBehaviourTest {

    private GitHubSandbox sandbox;
    private SandboxClient client;
    private long installation;

    @BeforeEach
    void start() {
        sandbox = GitHubSandbox.start();
        client = new SandboxClient(sandbox);
        installation = sandbox.install("acme", "Organization");
        sandbox.createRepo(installation, "widgets");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void appJwt_isRefused_whenExpiredSignedByAnotherKeyOrTooLong() {
        Instant now = Instant.now();
        AppCredentials stranger = new AppCredentials(sandbox.app().appId(), sandbox.app().clientId(), "x");
        assertEquals(401, client.get("/app/installations", sandbox.app().jwt(now.minus(Duration.ofMinutes(11)))).statusCode());
        assertEquals(401, client.get("/app/installations", stranger.jwt(now)).statusCode());
        // iat is set 60 s back and exp 9 min ahead: valid only while now is within that window.
        assertEquals(401, client.get("/app/installations", sandbox.app().jwt(now.plus(Duration.ofMinutes(3)))).statusCode());
        assertEquals(200, client.get("/app/installations", sandbox.app().jwt(now)).statusCode());
    }

    @Test
    void installationToken_onlyOpensItsOwnInstallationsRepositories() {
        long other = sandbox.install("globex", "Organization");
        sandbox.createRepo(other, "secret");
        String token = client.token(installation);

        assertEquals(200, client.get("/repos/acme/widgets", token).statusCode());
        assertEquals(404, client.get("/repos/globex/secret", token).statusCode());
        assertEquals(401, client.get("/repos/acme/widgets", "ghs_not-a-token").statusCode());
    }

    @Test
    void installationToken_expiresAfterAnHour() {
        ManualClock clock = new ManualClock(Instant.now());
        try (GitHubSandbox timed = GitHubSandbox.start(clock)) {
            SandboxClient timedClient = new SandboxClient(timed);
            long id = timed.install("acme", "Organization");
            String token = timedClient.token(id);
            clock.advance(Duration.ofMinutes(59));
            assertEquals(200, timedClient.get("/installation/repositories", token).statusCode());
            clock.advance(Duration.ofMinutes(2));
            assertEquals(401, timedClient.get("/installation/repositories", token).statusCode());
        }
    }

    /** GitHub blocks a suspended installation's API access: a token issued before the suspension opens nothing. */
    @Test
    void suspendedInstallation_tokenIssuedBefore_isRefused_untilUnsuspended() {
        String token = client.token(installation);
        sandbox.suspend(installation);

        HttpResponse<String> refused = client.get("/repos/acme/widgets", token);
        assertEquals(403, refused.statusCode());
        assertTrue(SandboxClient.json(refused).path("message").asText().contains("suspended"), refused.body());
        sandbox.unsuspend(installation);
        assertEquals(200, client.get("/repos/acme/widgets", token).statusCode());
    }

    @Test
    void suspendedInstallation_getsNoToken_andUninstalledIsNotFound() {
        sandbox.suspend(installation);
        HttpResponse<String> suspended = client.send("POST", "/app/installations/" + installation + "/access_tokens", client.jwt(), Map.of());
        sandbox.uninstall(installation);
        HttpResponse<String> removed = client.send("POST", "/app/installations/" + installation + "/access_tokens", client.jwt(), Map.of());

        assertEquals(403, suspended.statusCode());
        assertEquals(404, removed.statusCode());
    }

    @Test
    void listing_isPagedWithLinkHeaders_andA304CostsNoPoints() {
        for (int i = 0; i < 4; i++) {
            sandbox.createRepo(installation, "repo-" + i);
        }
        String token = client.token(installation);
        HttpResponse<String> first = client.get("/installation/repositories?per_page=2", token);
        String next = first.headers().firstValue("Link").orElseThrow();
        long spent = sandbox.pointsSpent(installation);

        HttpResponse<String> again = client.send("GET", "/installation/repositories?per_page=2", token,
                Map.of("If-None-Match", first.headers().firstValue("ETag").orElseThrow()));

        assertTrue(next.contains("page=2>; rel=\"next\"") && next.contains("page=3>; rel=\"last\""), next);
        assertEquals(5, SandboxClient.json(first).get("total_count").asInt());
        assertEquals(304, again.statusCode());
        assertEquals(spent, sandbox.pointsSpent(installation));
        assertEquals("4999", again.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    @Test
    void etag_isSpecificToTheToken_soANewTokenGetsAFullAnswer() {
        // GitHub behaves so (ETags are per credential); a sandbox that 304'd across tokens would make
        // conditional requests look cheaper than they are for an App whose tokens rotate hourly.
        String etag = client.get("/installation/repositories", client.token(installation)).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> withNewToken = client.send("GET", "/installation/repositories", client.token(installation),
                Map.of("If-None-Match", etag));

        assertEquals(200, withNewToken.statusCode());
    }

    @Test
    void exhaustedBudget_answers403WithRemainingZero() {
        String token = client.token(installation);
        sandbox.setRateLimit(installation, 1);
        assertEquals(200, client.get("/repos/acme/widgets", token).statusCode());

        HttpResponse<String> limited = client.get("/repos/acme/widgets", token);

        assertEquals(403, limited.statusCode());
        assertEquals("0", limited.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertTrue(SandboxClient.json(limited).get("message").asText().startsWith("API rate limit exceeded"));
    }

    @Test
    void faults_areServedInOrder_thenNormalService() {
        String token = client.token(installation);
        sandbox.faults().serverErrors(1, 502).secondaryRateLimit(7);

        assertEquals(502, client.get("/repos/acme/widgets", token).statusCode());
        HttpResponse<String> secondary = client.get("/repos/acme/widgets", token);
        assertEquals(403, secondary.statusCode());
        assertEquals("7", secondary.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, client.get("/repos/acme/widgets", token).statusCode());
    }

    @Test
    void missedDelivery_isRecordedAsFailedWithoutSending_andCanBeRedelivered() throws InterruptedException {
        try (WebhookReceiver receiver = WebhookReceiver.start(200)) {
            sandbox.webhooks().deliverTo(receiver.url(), "s");
            sandbox.webhooks().missNext(1);
            int issue = sandbox.openIssue("acme/widgets", "missed");
            sandbox.closeIssue("acme/widgets", issue);
            Delivery missed = sandbox.webhooks().deliveries().get(0);
            assertEquals(Delivery.MISSED, missed.status());
            assertEquals(1, receiver.received().size());

            JsonNode listed = SandboxClient.json(client.get("/app/hook/deliveries?per_page=10", client.jwt()));
            assertEquals(2, listed.size());
            assertFalse(listed.get(1).path("status_code").asInt() == 200);

            HttpResponse<String> attempt = client.send("POST", "/app/hook/deliveries/" + missed.id() + "/attempts", client.jwt(), Map.of());
            assertEquals(202, attempt.statusCode());
            // The attempt is recorded once the receiver has answered, so wait for the record too.
            for (int i = 0; i < 100 && (receiver.received().size() < 2 || sandbox.webhooks().deliveries().size() < 3); i++) {
                Thread.sleep(20);
            }
            List<Delivery> all = sandbox.webhooks().deliveries();
            assertEquals(2, receiver.received().size());
            assertEquals(missed.guid(), all.get(2).guid());
            assertTrue(all.get(2).redelivery() && all.get(2).succeeded());
            assertEquals(missed.guid(), receiver.received().get(1).header("X-GitHub-Delivery"));
        }
    }

    @Test
    void compare_reportsCommitsAheadOfTheMergeBase() {
        sandbox.push("acme/widgets", "main", "one");
        sandbox.createBranch("acme/widgets", "topic", "main");
        List<String> ahead = sandbox.push("acme/widgets", "topic", "two", "three");
        sandbox.push("acme/widgets", "main", "four");
        JsonNode comparison = SandboxClient.json(client.get("/repos/acme/widgets/compare/main...topic", client.token(installation)));

        assertEquals("diverged", comparison.get("status").asText());
        assertEquals(2, comparison.get("ahead_by").asInt());
        assertEquals(1, comparison.get("behind_by").asInt());
        assertEquals(ahead.get(1), comparison.at("/commits/1/sha").asText());
    }
}
