package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.Commit;
import dev.autosync.store.CommitFilter;
import dev.autosync.store.Delivery;
import dev.autosync.store.Issue;
import dev.autosync.store.IssueState;
import dev.autosync.store.JobFilter;
import dev.autosync.store.JobStore;
import dev.autosync.store.PageRequest;
import dev.autosync.store.PullRequest;
import dev.autosync.store.PullState;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GIVEN each of GitHub's own example payloads of the events autosync keeps, WHEN processed (on its own
 * ids), THEN it is accepted and the items it describes are stored as the payload says.
 */
@ExtendWith(AwsStandIns.class)
class ExamplePayloadsTest {

    private static final List<String> EVENTS = List.of("installation", "installation_repositories", "repository",
            "push", "issues", "pull_request", "ping");

    @TestFactory
    Stream<DynamicTest> everyExamplePayload_processesIntoTheItemsItDescribes(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        int[] sequence = {0};
        return EVENTS.stream().flatMap(event -> Examples.of(event).stream().map(template -> {
            int n = ++sequence[0];
            JsonNode example = isolated(template, n);
            String action = example.path("action").asText("-");
            return DynamicTest.dynamicTest(event + "." + action + " #" + n, () -> {
                String delivery = "example-" + n;
                assertTrue(ProcessorRig.deliver(processor, event, delivery, example), "accepted");
                Delivery recorded = rig.queries.delivery(delivery).orElseThrow();
                assertEquals(Delivery.Status.COMPLETED, recorded.status(), recorded.toString());
                assertEquals("ping".equals(event), recorded.outcome().startsWith("ignored"), recorded.outcome());
                check(rig, event, action, example);
            });
        }));
    }

    /**
     * The examples reuse ids (one repository, one installation); shifting them per example lets every
     * example be checked on its own in one table.
     */
    private static JsonNode isolated(JsonNode template, int n) {
        ObjectNode example = template.deepCopy();
        long offset = n * 1_000_000_000L;
        for (String field : List.of("repository", "installation")) {
            if (example.path(field).path("id").canConvertToLong()) {
                ((ObjectNode) example.path(field)).put("id", example.path(field).path("id").asLong() + offset);
            }
        }
        for (String list : List.of("repositories", "repositories_added", "repositories_removed")) {
            example.path(list).forEach(r -> ((ObjectNode) r).put("id", r.path("id").asLong() + offset));
        }
        return example;
    }

    private static void check(ProcessorRig rig, String event, String action, JsonNode payload) {
        switch (event) {
            case "installation" -> checkInstallation(rig, action, payload);
            case "installation_repositories" -> {
                payload.path("repositories_added").forEach(r ->
                        assertTrue(rig.queries.repository(r.path("id").asLong()).isPresent()));
                payload.path("repositories_removed").forEach(r ->
                        assertTrue(rig.queries.repository(r.path("id").asLong()).isEmpty()));
            }
            case "repository" -> {
                long id = payload.path("repository").path("id").asLong();
                if ("deleted".equals(action)) {
                    assertTrue(rig.queries.repository(id).isEmpty());
                } else {
                    assertEquals(payload.path("repository").path("full_name").asText(),
                            rig.queries.repository(id).orElseThrow().fullName());
                }
            }
            case "push" -> checkPush(rig, payload);
            case "issues" -> checkIssue(rig, action, payload);
            case "pull_request" -> checkPull(rig, payload);
            default -> { } // ping: completed as ignored, checked below
        }
    }

    private static void checkInstallation(ProcessorRig rig, String action, JsonNode payload) {
        long id = payload.path("installation").path("id").asLong();
        if ("deleted".equals(action)) {
            assertTrue(rig.queries.installation(id).isEmpty());
            return;
        }
        assertEquals(payload.path("installation").path("account").path("login").asText(),
                rig.queries.installation(id).orElseThrow().accountLogin());
        assertEquals(!payload.path("installation").path("suspended_at").isNull(),
                rig.queries.installation(id).orElseThrow().suspended());
        if ("created".equals(action)) {
            payload.path("repositories").forEach(r -> assertTrue(rig.queries.repository(r.path("id").asLong()).isPresent()));
            SyncJob job = new JobStore(rig.aws.dynamoDb(), rig.resources.tableName())
                    .jobs(new JobFilter(Optional.empty(), Optional.empty(), Optional.of(id), Optional.empty()),
                            PageRequest.first(10)).items().get(0);
            assertEquals(SyncJob.Type.AUTO_IMPORT, job.jobType());
            assertEquals(SyncJob.Status.PENDING, job.status());
            boolean queued = rig.aws.drain(rig.resources.syncTasksQueueUrl()).stream()
                    .map(m -> read(m.body())).anyMatch(t -> t.kind() == SyncTask.Kind.IMPORT_INSTALLATION
                            && job.jobId().equals(t.jobId()) && t.installationId() == id);
            assertTrue(queued, "an import request naming the job is queued");
        }
    }

    private static void checkPush(ProcessorRig rig, JsonNode payload) {
        long repositoryId = payload.path("repository").path("id").asLong();
        Repository repository = rig.queries.repository(repositoryId).orElseThrow();
        assertEquals(payload.path("repository").path("pushed_at").asLong(), repository.pushedAt().getEpochSecond());
        List<Commit> stored = rig.queries.commits(repositoryId, CommitFilter.none(), PageRequest.first(100)).items();
        boolean branch = payload.path("ref").asText().startsWith("refs/heads/") && !payload.path("deleted").asBoolean();
        assertEquals(branch ? payload.path("commits").size() : 0, stored.size());
        assertEquals(stored.size(), repository.commitCount());
        for (Commit commit : stored) {
            assertTrue(commit.branches().contains(payload.path("ref").asText().substring("refs/heads/".length())));
        }
    }

    private static void checkIssue(ProcessorRig rig, String action, JsonNode payload) {
        long repositoryId = payload.path("repository").path("id").asLong();
        List<Issue> issues = rig.queries.issues(repositoryId, IssueState.ALL, PageRequest.first(10)).items();
        if ("deleted".equals(action) || "transferred".equals(action)) {
            assertTrue(issues.isEmpty());
            return;
        }
        Issue issue = issues.get(0);
        assertEquals(payload.path("issue").path("number").asLong(), issue.number());
        // Two examples (pinned, unpinned) leave out the state: it is derived from closed_at.
        assertEquals(payload.path("issue").path("state").asText(Payloads.state(payload.path("issue"), "issue")), issue.state());
        assertEquals(payload.path("issue").path("title").asText(), issue.title());
        assertEquals(issue.open() ? 1 : 0, rig.queries.repository(repositoryId).orElseThrow().openIssuesCount());
    }

    private static void checkPull(ProcessorRig rig, JsonNode payload) {
        long repositoryId = payload.path("repository").path("id").asLong();
        PullRequest pull = rig.queries.pulls(repositoryId, PullState.ALL, PageRequest.first(10)).items().get(0);
        assertEquals(payload.path("pull_request").path("state").asText(Payloads.state(payload.path("pull_request"), "pull_request")),
                pull.state());
        assertEquals(payload.path("pull_request").path("merged").asBoolean(false), pull.merged());
        assertEquals(pull.open() ? 1 : 0, rig.queries.repository(repositoryId).orElseThrow().openPullCount());
        List<PullRequest> merged = rig.queries.pulls(repositoryId, PullState.MERGED, PageRequest.first(10)).items();
        assertFalse(pull.merged() != (merged.size() == 1));
    }

    private static SyncTask read(String body) {
        try {
            return Json.mapper().readValue(body, SyncTask.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
