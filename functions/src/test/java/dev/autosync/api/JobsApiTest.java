package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.JobStore;
import dev.autosync.store.SyncJob;
import dev.autosync.store.SyncJob.Status;
import dev.autosync.store.SyncJob.Type;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(AwsStandIns.class)
class JobsApiTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private ApiTestbed api;
    private JobStore jobs;

    @BeforeEach
    void seed(AwsFixture aws) {
        api = new ApiTestbed(aws, Clock.fixed(NOW, ZoneOffset.UTC));
        jobs = new JobStore(aws.dynamoDb(), api.resources.tableName());
        // Newest first: j1 (1 h ago) ... j5 (5 h ago); j6 is 8 days old, outside the stats window.
        job("j1", Type.PERIODIC_SYNC, Status.COMPLETED, null, 1, 60);
        job("j2", Type.MANUAL_SYNC, Status.FAILED, 7L, 2, 30);
        job("j3", Type.PERIODIC_SYNC, Status.FAILED, null, 3, 90);
        job("j4", Type.AUTO_IMPORT, Status.COMPLETED, 7L, 4, 120);
        job("j5", Type.MANUAL_SYNC, Status.PENDING, 8L, 5, 0);
        job("j6", Type.PERIODIC_SYNC, Status.COMPLETED, null, 8 * 24, 600);
    }

    @Test
    void list_isNewestFirst_withStatsOverTheLast7Days() {
        JsonNode body = api.get("/api/sync/jobs").json();

        assertEquals(List.of("j1", "j2", "j3", "j4", "j5", "j6"), ids(body));
        assertTrue(body.get("next_cursor").isNull());
        JsonNode stats = body.get("stats");
        assertEquals(5, stats.get("total").asInt()); // j6 is older than 7 days
        assertEquals(2, stats.get("by_status").get("completed").asInt());
        assertEquals(2, stats.get("by_status").get("failed").asInt());
        assertEquals(1, stats.get("by_status").get("pending").asInt());
        assertEquals(0.5, stats.get("success_rate").asDouble()); // 2 completed of 4 finished
        assertEquals(75.0, stats.get("avg_duration_seconds").asDouble()); // (60 + 30 + 90 + 120) / 4
    }

    @Test
    void filters_combine_andStatsFollowThem() {
        JsonNode body = api.get("/api/sync/jobs", Map.of("type", "periodic_sync", "status", "failed")).json();
        assertEquals(List.of("j3"), ids(body));
        assertEquals(1, body.get("stats").get("total").asInt());
        assertEquals(0.0, body.get("stats").get("success_rate").asDouble());

        assertEquals(List.of("j2", "j4"), ids(api.get("/api/sync/jobs", Map.of("installation_id", "7")).json()));
        assertEquals(List.of("j2"), ids(api.get("/api/sync/jobs/", Map.of("installation_id", "7", "status", "failed")).json()));
        assertEquals(List.of("j2", "j5"), ids(api.get("/api/sync/jobs", Map.of("type", "manual_sync", "type_ignored", "x")).json()));
        // Empty values mean "no filter", as the seed system's front end sends them.
        assertEquals(6, ids(api.get("/api/sync/jobs", Map.of("type", "", "status", "")).json()).size());
    }

    @Test
    void pagination_walksEveryJobOnce_andEndsWithANullCursor() {
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Map<String, String> query = Map.of("limit", "2");
        String cursor = null;
        do {
            Map<String, String> page = new java.util.HashMap<>(query);
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            JsonNode body = api.get("/api/sync/jobs", page).json();
            seen.addAll(ids(body));
            pageSizes.add(body.get("jobs").size());
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
        } while (cursor != null);

        assertEquals(List.of("j1", "j2", "j3", "j4", "j5", "j6"), seen);
        // 6 jobs in pages of 2 end exactly on a boundary: the third page must not promise a fourth.
        assertEquals(List.of(2, 2, 2), pageSizes);
    }

    @Test
    void filteredPagination_keepsTheFilter_andRefusesACursorUnderOtherFilters() {
        JsonNode first = api.get("/api/sync/jobs", Map.of("type", "periodic_sync", "limit", "2")).json();
        assertEquals(List.of("j1", "j3"), ids(first));
        String cursor = first.get("next_cursor").asText();

        JsonNode last = api.get("/api/sync/jobs", Map.of("type", "periodic_sync", "limit", "2", "cursor", cursor)).json();
        assertEquals(List.of("j6"), ids(last));
        assertTrue(last.get("next_cursor").isNull());

        ApiTestbed.Reply foreign = api.get("/api/sync/jobs", Map.of("type", "manual_sync", "cursor", cursor));
        assertEquals(400, foreign.status());
        assertTrue(foreign.json().get("message").asText().startsWith("cursor"), foreign.body());
    }

    /**
     * A status filter is a DynamoDB filter expression, applied after Limit: guards against the short or
     * empty pages (with a next cursor) that make a client stop before the matches run out.
     */
    @Test
    void sparseFilterMatches_fillEveryPageButTheLast() {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new java.util.HashMap<>(Map.of("status", "completed", "limit", "1"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode body = api.get("/api/sync/jobs", query).json();
            pages.add(ids(body));
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asText();
        } while (cursor != null);

        assertEquals(List.of(List.of("j1"), List.of("j4"), List.of("j6")), pages);
    }

    @Test
    void oneJob_withDetails_orA404() {
        JsonNode job = api.get("/api/sync/jobs/j2/").json();
        assertEquals("manual_sync", job.get("job_type").asText());
        assertEquals("failed", job.get("status").asText());
        assertEquals(7, job.get("installation_id").asLong());
        assertEquals("j2", job.get("details").get("note").asText());

        assertEquals(404, api.get("/api/sync/jobs/nope").status());
        assertEquals(400, api.get("/api/sync/jobs/bad%20id!").status());
    }

    @Test
    void periodicSync_recordsAPendingJob_andQueuesATaskNamingIt(AwsFixture aws) throws Exception {
        ApiTestbed.Reply reply = api.post("/api/sync/periodic/");

        assertEquals(202, reply.status());
        String jobId = reply.json().get("job_id").asText();
        SyncJob job = jobs.job(jobId).orElseThrow();
        assertEquals(Type.PERIODIC_SYNC, job.jobType());
        assertEquals(Status.PENDING, job.status());
        List<Message> messages = aws.drain(api.resources.syncTasksQueueUrl());
        assertEquals(1, messages.size());
        SyncTask task = Json.mapper().readValue(messages.get(0).body(), SyncTask.class);
        assertEquals(SyncTask.Kind.PERIODIC_SYNC, task.kind());
        assertEquals(jobId, task.jobId());
    }

    @Test
    void fullPeriodicSync_queuesAFullTask_andABadFlagIsRefusedWithNothingQueued(AwsFixture aws) throws Exception {
        ApiTestbed.Reply reply = api.call("POST", "/api/sync/periodic/", Map.of("full", "true"), ApiTestbed.TOKEN);

        assertEquals(202, reply.status());
        List<Message> messages = aws.drain(api.resources.syncTasksQueueUrl());
        assertEquals(1, messages.size());
        assertTrue(Json.mapper().readValue(messages.get(0).body(), SyncTask.class).fullRun());
        assertTrue(jobs.job(reply.json().get("job_id").asText()).orElseThrow().details().path("full").asBoolean());

        long queued = aws.depth(api.resources.syncTasksQueueUrl());
        ApiTestbed.Reply bad = api.call("POST", "/api/sync/periodic/", Map.of("full", "yes please"), ApiTestbed.TOKEN);
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("full"), bad.body());
        assertEquals(queued, aws.depth(api.resources.syncTasksQueueUrl()));
    }

    @Test
    void repositorySync_ofAnUnknownRepository_is404_andQueuesNothing(AwsFixture aws) {
        assertEquals(404, api.post("/api/sync/repository/424242/").status());
        assertEquals(400, api.post("/api/sync/repository/abc/").status());
        assertEquals(0, aws.depth(api.resources.syncTasksQueueUrl()));
    }

    @Test
    void badInput_is400NamingTheParameter() {
        Map<String, Map<String, String>> cases = Map.of(
                "limit", Map.of("limit", "0"),
                "type", Map.of("type", "nightly"),
                "status", Map.of("status", "done"),
                "installation_id", Map.of("installation_id", "seven"),
                "cursor", Map.of("cursor", "forged"));
        cases.forEach((parameter, query) -> ApiTestbed.assertBadParameter(api.get("/api/sync/jobs", query), parameter));
    }

    @Test
    void withoutTheRightToken_nothingIsReadOrCreated(AwsFixture aws) {
        for (String token : new String[] {null, "wrong-token-0123456789abcdef"}) {
            assertEquals(401, api.call("GET", "/api/sync/jobs", Map.of(), token).status());
            assertEquals(401, api.call("GET", "/api/sync/jobs/j1", Map.of(), token).status());
            assertEquals(401, api.call("GET", "/api/sync/jobs/nope", Map.of(), token).status());
            ApiTestbed.Reply post = api.call("POST", "/api/sync/periodic", Map.of(), token);
            assertEquals(401, post.status());
            assertEquals("Bearer realm=\"autosync\"", post.header("WWW-Authenticate"));
        }
        assertEquals(0, aws.depth(api.resources.syncTasksQueueUrl()));
        assertEquals(6, ids(api.get("/api/sync/jobs").json()).size());
    }

    private void job(String id, Type type, Status status, Long installation, long hoursAgo, long durationSeconds) {
        Instant created = NOW.minus(Duration.ofHours(hoursAgo));
        boolean finished = status != Status.PENDING && status != Status.RUNNING;
        jobs.create(new SyncJob(id, type, status, installation, null, 3, status == Status.FAILED ? 1 : 0,
                Json.mapper().createObjectNode().put("note", id), status == Status.FAILED ? "boom" : null, created,
                finished ? created : null, finished ? created.plusSeconds(durationSeconds) : null));
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("jobs").forEach(job -> ids.add(job.get("job_id").asText()));
        return ids;
    }
}
