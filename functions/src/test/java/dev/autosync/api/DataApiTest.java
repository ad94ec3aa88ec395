package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.JobProgress;
import dev.autosync.store.JobStore;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob;
import dev.autosync.store.TaskResult;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(AwsStandIns.class)
class DataApiTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String CAROL_EMAIL = "carol.private@example.com";
    private static final String REPO = "/api/repositories/1001";

    private ApiTestbed api;
    private ApiSeed seed;

    @BeforeEach
    void seed(AwsFixture aws) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        api = new ApiTestbed(aws, clock);
        seed = new ApiSeed(aws, api.resources.tableName(), clock);
        seed.installation(100, "octo-org", "Organization");
        seed.installation(200, "solo", "User");
        Repository repo = seed.repository(1001, 100, "octo-org/api");
        seed.repository(1002, 100, "octo-org/web");
        seed.repository(2001, 200, "solo/dotfiles");
        seed.commit(repo, "c1", "alice", "Alice", "alice@example.com", daysAgo(5), "main");
        seed.commit(repo, "c2", "bob", "Bob", "bob@example.com", daysAgo(4), "main");
        seed.commit(repo, "c3", "alice", "Alice", "alice@example.com", daysAgo(3), "dev");
        seed.commit(repo, "c4", null, "Carol", CAROL_EMAIL, daysAgo(2), "main");
        seed.commit(repo, "c5", "alice", "Alice", "alice@example.com", daysAgo(1), "main");
        seed.issue(1001, 1, daysAgo(9), null);
        seed.issue(1001, 2, daysAgo(8), daysAgo(7));
        seed.issue(1001, 3, daysAgo(6), null);
        seed.pull(1001, 1, daysAgo(5), daysAgo(4));
        seed.pull(1001, 2, daysAgo(3), null);
    }

    @Test
    void installations_byId_paginated() {
        JsonNode first = api.get("/api/installations/", Map.of("limit", "1")).json();
        assertEquals(List.of("100"), values(first, "installations", "id"));
        assertEquals("octo-org", first.get("installations").get(0).get("account_login").asText());

        JsonNode last = api.get("/api/installations", Map.of("limit", "1", "cursor", first.get("next_cursor").asText())).json();
        assertEquals(List.of("200"), values(last, "installations", "id"));
        assertTrue(last.get("next_cursor").isNull());
    }

    @Test
    void repositories_allOrOfAnInstallation() {
        assertEquals(List.of("1001", "1002", "2001"), values(api.get("/api/repositories").json(), "repositories", "github_id"));
        assertEquals(List.of("1001", "1002"),
                values(api.get("/api/repositories", Map.of("installation_id", "100")).json(), "repositories", "github_id"));
        assertEquals(List.of(), values(api.get("/api/repositories", Map.of("installation_id", "999")).json(), "repositories", "github_id"));
        assertEquals(List.of("1001", "1002", "2001"), walk("/api/repositories", Map.of("limit", "2"), "repositories", "github_id"));
    }

    @Test
    void oneRepository_withItsMetrics_or404() {
        JsonNode repo = api.get(REPO + "/").json();
        assertEquals("octo-org/api", repo.get("full_name").asText());
        assertEquals(100, repo.get("installation_id").asLong());
        assertEquals(5, repo.get("commit_count").asLong());

        assertEquals(404, api.get("/api/repositories/424242").status());
        assertEquals(400, api.get("/api/repositories/octo-org").status());
    }

    @Test
    void commits_newestFirst_withEveryFilter() {
        assertEquals(List.of("c5", "c4", "c3", "c2", "c1"), shas(Map.of()));
        assertEquals(List.of("c3"), shas(Map.of("branch", "dev")));
        assertEquals(List.of("c5", "c3", "c1"), shas(Map.of("author", "Alice")));
        assertEquals(List.of("c4", "c3"), shas(Map.of("since", daysAgo(3).toString(), "until", daysAgo(2).toString())));
        assertEquals(List.of("c5"), shas(Map.of("author", "alice", "branch", "main", "since", "2026-11-19")));
        assertEquals(List.of("c5", "c4", "c3", "c2", "c1"), walk(REPO + "/commits", Map.of("limit", "2"), "commits", "sha"));
    }

    // Found by the convergence soak (issue 11): after a rename the API linked every earlier commit under the old
    // name, which GitHub only redirects until another repository takes that name.
    @Test
    void commitsOfARenamedRepository_linkUnderItsCurrentName() {
        Repository web = seed.repository(1002, 100, "octo-org/web");
        seed.commit(web, "w1", "alice", "Alice", "alice@example.com", daysAgo(2), "main");
        seed.renamed(web, "octo-org/site", daysAgo(1));

        JsonNode commit = api.get("/api/repositories/1002/commits").json().at("/commits/0");

        assertEquals("https://github.com/octo-org/site/commit/w1", commit.get("html_url").asText());
    }

    @Test
    void commitsAndContributors_neverExposeAnEmailAddress() {
        String commits = api.get(REPO + "/commits").body();
        String contributors = api.get(REPO + "/contributors").body();

        for (String body : List.of(commits, contributors)) {
            assertFalse(body.contains("@example.com"), body);
            assertFalse(body.contains("email"), body);
        }
        assertTrue(commits.contains("\"author_name\":\"Carol\""), commits);
    }

    /**
     * A contributor GitHub could not match to an account is keyed by its e-mail address, and a page ending
     * there resumes from that key: guards against the cursor carrying the address in readable form.
     */
    @Test
    void cursors_neverRevealAnEmailAddress() {
        seed.commit(seed.repository(1001, 100, "octo-org/api"), "c6", "zoe", "Zoe", "zoe@example.com", daysAgo(1), "main");
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "1"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = api.get(REPO + "/contributors", query).json();
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            cursors.add(cursor);
        } while (cursor != null);

        assertEquals(4, cursors.size(), "pages: alice, bob, carol (keyed by address), zoe");
        for (String issued : cursors.subList(0, 3)) {
            for (String part : issued.split("\\.")) {
                String decoded = new String(java.util.Base64.getUrlDecoder().decode(part), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(decoded.contains("example.com") || decoded.contains("alice"), decoded);
            }
        }
    }

    @Test
    void issuesAndPulls_byState() {
        assertEquals(List.of("3", "1"), numbers(REPO + "/issues", "issues", "open"));
        assertEquals(List.of("2"), numbers(REPO + "/issues", "issues", "closed"));
        assertEquals(3, numbers(REPO + "/issues", "issues", "all").size());
        assertEquals(List.of("1"), numbers(REPO + "/pulls", "pulls", "merged"));
        assertEquals(List.of("2"), numbers(REPO + "/pulls", "pulls", "open"));
        assertEquals(List.of("1"), numbers(REPO + "/pulls", "pulls", "closed"));
        assertEquals(2, numbers(REPO + "/pulls", "pulls", "all").size());
        assertTrue(api.get(REPO + "/pulls", Map.of("state", "merged")).json().get("pulls").get(0).get("merged").asBoolean());
    }

    @Test
    void contributors_withTheirCommitCounts() {
        JsonNode contributors = api.get(REPO + "/contributors/").json().get("contributors");
        Map<String, Long> counts = new HashMap<>();
        contributors.forEach(c -> counts.put(c.get("login").isNull() ? c.get("name").asText() : c.get("login").asText(),
                c.get("commit_count").asLong()));
        assertEquals(Map.of("alice", 3L, "bob", 1L, "Carol", 1L), counts);
    }

    @Test
    void badInput_is400NamingTheParameter_neverA500() {
        Map<String, Map<String, String>> commitCases = Map.of(
                "since", Map.of("since", "last tuesday"),
                "until", Map.of("until", "2024-13-45"),
                "limit", Map.of("limit", "101"),
                "cursor", Map.of("cursor", "eyJsIjoiY29tbWl0cyJ9.bm90LWEtc2lnbmF0dXJl"));
        commitCases.forEach((parameter, query) -> ApiTestbed.assertBadParameter(api.get(REPO + "/commits", query), parameter));
        ApiTestbed.assertBadParameter(api.get(REPO + "/commits", Map.of("since", "2026-11-10", "until", "2026-11-01")), "since");
        ApiTestbed.assertBadParameter(api.get(REPO + "/issues", Map.of("state", "merged")), "state");
        ApiTestbed.assertBadParameter(api.get(REPO + "/pulls", Map.of("state", "draft")), "state");
        ApiTestbed.assertBadParameter(api.get("/api/repositories", Map.of("installation_id", "-3")), "installation_id");
        ApiTestbed.assertBadParameter(api.get("/api/repositories/12abc/issues"), "github_id");
        ApiTestbed.assertBadParameter(api.get("/api/installations", Map.of("limit", "lots")), "limit");
    }

    /**
     * Authors GitHub could not match to an account are indexed by e-mail address; guards against the
     * author filter answering "did this address commit here?" for an address the API never shows.
     */
    @Test
    void theAuthorFilter_takesOnlyGitHubLogins() {
        ApiTestbed.assertBadParameter(api.get(REPO + "/commits", Map.of("author", "email:" + CAROL_EMAIL)), "author");
        ApiTestbed.assertBadParameter(api.get(REPO + "/commits", Map.of("author", "name:carol")), "author");
        ApiTestbed.assertBadParameter(api.get(REPO + "/commits", Map.of("author", "a".repeat(40))), "author");
        assertEquals(List.of(), shas(Map.of("author", "dependabot[bot]")));
        assertEquals(List.of("c2"), shas(Map.of("author", "BOB")));
    }

    @Test
    void aCursor_isBoundToItsRepository() {
        String cursor = api.get(REPO + "/commits", Map.of("limit", "1")).json().get("next_cursor").asText();

        assertEquals(200, api.get(REPO + "/commits", Map.of("limit", "1", "cursor", cursor)).status());
        ApiTestbed.assertBadParameter(api.get("/api/repositories/1002/commits", Map.of("limit", "1", "cursor", cursor)), "cursor");
        ApiTestbed.assertBadParameter(api.get(REPO + "/commits", Map.of("limit", "1", "cursor", cursor, "branch", "dev")), "cursor");
    }

    @Test
    void repositorySync_recordsAManualJob_andQueuesTheRepository(AwsFixture aws) throws Exception {
        ApiTestbed.Reply reply = api.post(REPO.replace("repositories", "sync/repository") + "/");

        assertEquals(202, reply.status());
        String jobId = reply.json().get("job_id").asText();
        SyncJob job = new JobStore(aws.dynamoDb(), api.resources.tableName()).job(jobId).orElseThrow();
        assertEquals(SyncJob.Type.MANUAL_SYNC, job.jobType());
        assertEquals(SyncJob.Status.PENDING, job.status());
        assertEquals(1001L, job.repositoryId());
        List<Message> messages = aws.drain(api.resources.syncTasksQueueUrl());
        assertEquals(1, messages.size());
        SyncTask task = Json.mapper().readValue(messages.get(0).body(), SyncTask.class);
        assertEquals(SyncTask.Kind.SYNC_REPOSITORY, task.kind());
        assertEquals(jobId, task.jobId());
        assertEquals(1001L, task.repositoryId());
        assertEquals(100L, task.installationId());
        // The job expects exactly the task queued: its end (counted by task key) ends the job.
        assertEquals(1, job.details().get("tasks").get("expected").asInt());
        JobProgress progress = new JobProgress(aws.dynamoDb(), api.resources.tableName(), Clock.systemUTC());
        assertEquals(SyncJob.Status.COMPLETED, progress.finish(jobId, task.taskKey(),
                TaskResult.synced("acme/widgets", 1, 0, 0)).orElseThrow().status());
    }

    @Test
    void withoutTheRightToken_existingAndMissingRepositoriesLookTheSame() {
        for (String path : List.of(REPO, "/api/repositories/424242", REPO + "/commits", "/api/repositories/424242/commits",
                "/api/repositories/x/issues", "/api/installations", "/api/repositories")) {
            for (String token : new String[] {null, "wrong-token-0123456789abcdef", ""}) {
                ApiTestbed.Reply reply = api.call("GET", path, Map.of(), token);
                assertEquals(401, reply.status(), path);
                assertEquals("{\"error\":\"unauthorized\",\"message\":\"send Authorization: Bearer <api token>\"}", reply.body());
            }
        }
        assertEquals(401, api.call("POST", "/api/sync/repository/424242", Map.of(), null).status());
    }

    private List<String> shas(Map<String, String> query) {
        return values(api.get(REPO + "/commits", query).json(), "commits", "sha");
    }

    private List<String> numbers(String path, String list, String state) {
        return values(api.get(path, Map.of("state", state)).json(), list, "number");
    }

    /** Follows next_cursor to the end, checking that only the last page has none. */
    private List<String> walk(String path, Map<String, String> query, String list, String field) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> page = new HashMap<>(query);
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            JsonNode body = api.get(path, page).json();
            all.addAll(values(body, list, field));
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
            assertTrue(cursor == null || body.get(list).size() == Integer.parseInt(query.get("limit")));
        } while (cursor != null);
        return all;
    }


    private static List<String> values(JsonNode body, String list, String field) {
        List<String> values = new ArrayList<>();
        body.get(list).forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }
}
