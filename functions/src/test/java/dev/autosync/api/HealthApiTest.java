package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Json;
import dev.autosync.common.SyncInterval;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import dev.autosync.queue.SqsQueueDepths;
import dev.autosync.store.JobStore;
import dev.autosync.store.StoreQueries;
import dev.autosync.store.SyncMarks;
import dev.autosync.store.SyncJob;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsStandIns.class)
class HealthApiTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:07:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void emptySystem_isHealthy_andNeedsNoToken(AwsFixture aws) {
        ApiTestbed api = new ApiTestbed(aws, CLOCK);

        ApiTestbed.Reply reply = api.call("GET", "/api/sync/health/", Map.of(), null);

        assertEquals(200, reply.status());
        JsonNode body = reply.json();
        assertEquals("healthy", body.get("status").asText());
        assertEquals(0, body.get("system").get("total_repositories").asLong());
        assertEquals(100.0, body.get("system").get("sync_coverage").asDouble());
        assertTrue(body.get("last_periodic_sync").isNull());
        assertEquals(0, body.get("queues").get("dead_letters").asLong());
    }

    @Test
    void coverage_countsRepositoriesSyncedWithinTwoIntervals_andUnder90PercentDegrades(AwsFixture aws) {
        ApiTestbed api = new ApiTestbed(aws, CLOCK);
        ApiSeed seed = new ApiSeed(aws, api.resources.tableName(), CLOCK);
        seed.installation(1, "org", "Organization");
        for (long id = 1; id <= 10; id++) {
            seed.repository(id, 1, "org/repo-" + id);
        }
        // 9 of 10 synced within 30 minutes (one exactly 30 minutes ago, in the previous hour's partition).
        for (long id = 1; id <= 8; id++) {
            seed.synced(id, NOW.minus(Duration.ofMinutes(id)));
        }
        seed.synced(9, NOW.minus(HealthCheck.syncedWithin(SyncInterval.DEFAULT)));
        seed.synced(10, NOW.minus(Duration.ofMinutes(31)));

        JsonNode healthy = api.get("/api/sync/health").json();
        assertEquals("healthy", healthy.get("status").asText(), healthy.toString());
        assertEquals(9, healthy.get("system").get("synced_repositories").asLong());
        assertEquals(90.0, healthy.get("system").get("sync_coverage").asDouble());

        // An older result arriving late must not move a repository's sync time backwards. (Each later look is
        // another container's: a container serves its last report for a few seconds, and this clock stands still.)
        seed.synced(9, NOW.minus(Duration.ofHours(3)));
        JsonNode degraded = anotherContainer(aws, api).get("/api/sync/health").json();
        assertEquals(9, degraded.get("system").get("synced_repositories").asLong());
        seed.repository(11, 1, "org/repo-11");
        degraded = anotherContainer(aws, api).get("/api/sync/health").json();
        assertEquals("degraded", degraded.get("status").asText());
        assertEquals(11, degraded.get("system").get("total_repositories").asLong());
        assertEquals(81.8, degraded.get("system").get("sync_coverage").asDouble()); // 9 / 11, truncated
        assertEquals(1, degraded.get("system").get("total_installations").asLong());
    }

    // Before, the window was a hard-coded 2 × 15 minutes: with the schedule at an hour, every repository
    // fell out of coverage between runs and health was degraded most of the time.
    @Test
    void coverage_followsTheConfiguredInterval(AwsFixture aws) {
        Resources resources = aws.provision();
        ApiSeed seed = new ApiSeed(aws, resources.tableName(), CLOCK);
        seed.installation(1, "org", "Organization");
        for (long id = 1; id <= 4; id++) {
            seed.repository(id, 1, "org/repo-" + id);
        }
        seed.synced(1, NOW.minus(Duration.ofMinutes(10)));
        seed.synced(2, NOW.minus(Duration.ofMinutes(59)));
        seed.synced(3, NOW.minus(Duration.ofMinutes(119)));
        seed.synced(4, NOW.minus(Duration.ofMinutes(121)));
        ApiWiring hourly = new ApiWiring(aws.dynamoDb(), aws.sqs(), resources, Set.of(ApiTestbed.TOKEN),
                ApiTestbed.CURSOR_KEY, CLOCK, Duration.ofHours(1));

        JsonNode system = health(hourly.handler()).get("system");
        JsonNode byDefault = new ApiTestbed(aws.dynamoDb(), aws.sqs(), resources, CLOCK).get("/api/sync/health").json();

        assertEquals(3, system.get("synced_repositories").asLong(), system.toString()); // within 2 h
        assertEquals(75.0, system.get("sync_coverage").asDouble());
        assertEquals(1, byDefault.get("system").get("synced_repositories").asLong()); // within 30 min
    }

    @Test
    void theIntervalComesFromAutosyncSyncInterval_andAMalformedOneIsAConfigurationProblem(AwsFixture aws) {
        Resources resources = aws.provision();
        Map<String, String> vars = new HashMap<>(resources.asEnvironment());
        vars.put(EnvVars.AWS_ENDPOINT_URL_DYNAMODB, aws.backend().dynamoDbEndpoint().toString());
        vars.put(EnvVars.AWS_ENDPOINT_URL_SQS, aws.backend().sqsEndpoint().toString());
        vars.put(EnvVars.AUTOSYNC_API_TOKENS, ApiTestbed.TOKEN);

        vars.put(EnvVars.AUTOSYNC_SYNC_INTERVAL, "1h");
        assertEquals(Duration.ofHours(1), ApiConfig.from(new Env(vars)).syncInterval().effective());
        // off (webhook-only, locally) still judges coverage by the default interval.
        vars.put(EnvVars.AUTOSYNC_SYNC_INTERVAL, "off");
        assertEquals(SyncInterval.DEFAULT, ApiConfig.from(new Env(vars)).syncInterval().effective());

        vars.put(EnvVars.AUTOSYNC_SYNC_INTERVAL, "every so often");
        vars.remove(EnvVars.TABLE_NAME);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ApiWiring.from(new Env(vars)));
        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_SYNC_INTERVAL) && e.getMessage().contains(EnvVars.TABLE_NAME),
                e.getMessage());
    }

    @Test
    void deadLetters_degrade_andEachQueueIsCounted(AwsFixture aws) {
        ApiTestbed api = new ApiTestbed(aws, CLOCK);
        JsonNode empty = api.get("/api/sync/health").json().get("queues");
        assertEquals("{\"events\":0,\"sync_tasks\":0}", empty.get("dead_letters_by_queue").toString());
        aws.sqs().sendMessage(b -> b.queueUrl(api.resources.syncTasksDeadLetterQueueUrl()).messageBody("{}"));
        aws.sqs().sendMessage(b -> b.queueUrl(api.resources.eventsDeadLetterQueueUrl()).messageBody("{}"));
        aws.sqs().sendMessage(b -> b.queueUrl(api.resources.syncTasksDeadLetterQueueUrl()).messageBody("{}"));
        aws.sqs().sendMessage(b -> b.queueUrl(api.resources.eventsQueueUrl()).messageBody("{}"));

        JsonNode body = anotherContainer(aws, api).get("/api/sync/health").json();

        assertEquals("degraded", body.get("status").asText());
        assertEquals(3, body.get("queues").get("dead_letters").asLong());
        assertEquals(1, body.get("queues").get("dead_letters_by_queue").get("events").asLong());
        assertEquals(2, body.get("queues").get("dead_letters_by_queue").get("sync_tasks").asLong());
        assertEquals(1, body.get("queues").get("events_backlog").asLong());
        assertTrue(body.get("problems").toString().contains("3 message(s) wait in dead-letter queues (events 1, sync_tasks 2)."),
                body.get("problems").toString());
    }

    @Test
    void failedLastPeriodicSync_degrades_andIsReported(AwsFixture aws) {
        ApiTestbed api = new ApiTestbed(aws, CLOCK);
        JobStore jobs = new JobStore(aws.dynamoDb(), api.resources.tableName());
        jobs.create(SyncJob.pending("older", SyncJob.Type.PERIODIC_SYNC, null, null, null, NOW.minusSeconds(1800)));
        jobs.finished("older", SyncJob.Status.COMPLETED, 4, 0, null, NOW.minusSeconds(1700));
        jobs.create(SyncJob.pending("latest", SyncJob.Type.PERIODIC_SYNC, null, null, null, NOW.minusSeconds(900)));
        jobs.finished("latest", SyncJob.Status.FAILED, 2, 1, "GitHub said no", NOW.minusSeconds(800));

        JsonNode body = api.get("/api/sync/health").json();

        assertEquals("degraded", body.get("status").asText());
        JsonNode last = body.get("last_periodic_sync");
        assertEquals("latest", last.get("job_id").asText());
        assertEquals("failed", last.get("status").asText());
        assertEquals(2, last.get("repos_processed").asLong());
        assertEquals(NOW.minusSeconds(800).toString(), last.get("time").asText());
    }

    @Test
    void unreachableDynamoDb_orSqs_isUnhealthy503(AwsFixture aws) throws IOException {
        Resources resources = aws.provision();
        URI closed = ApiTestbed.closedPort();
        AwsClients noDynamo = AwsClients.local(closed, aws.backend().sqsEndpoint());
        AwsClients noSqs = AwsClients.local(aws.backend().dynamoDbEndpoint(), closed);

        JsonNode withoutDynamo = health(noDynamo, resources, 503);
        assertEquals("unhealthy", withoutDynamo.get("status").asText());
        assertTrue(withoutDynamo.get("system").isNull());
        assertEquals(0, withoutDynamo.get("queues").get("dead_letters").asLong());

        JsonNode withoutSqs = health(noSqs, resources, 503);
        assertEquals("unhealthy", withoutSqs.get("status").asText());
        assertTrue(withoutSqs.get("queues").isNull());
        assertEquals(0, withoutSqs.get("system").get("total_repositories").asLong());
    }

    @Test
    void aDynamoDbThatNeverAnswers_isUnhealthyAtTheDeadline(AwsFixture aws) throws IOException {
        Resources resources = aws.provision();
        // A listening socket that never accepts: connections open, requests go unanswered (a silent drop).
        try (ServerSocket silent = new ServerSocket(0)) {
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            var dynamoDb = ApiTestbed.dynamoDbWithoutRetries(endpoint);
            HealthCheck check = new HealthCheck(new StoreQueries(dynamoDb, resources.tableName()),
                    new SyncMarks(dynamoDb, resources.tableName()), new JobStore(dynamoDb, resources.tableName()),
                    new SqsQueueDepths(aws.sqs(), resources.eventsQueueUrl(),
                            SqsQueueDepths.deadLetterQueues(resources.eventsDeadLetterQueueUrl(), "")),
                    CLOCK, SyncInterval.DEFAULT, Duration.ofMillis(300));

            long started = System.nanoTime();
            HealthReport report = check.check();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(HealthReport.Status.UNHEALTHY, report.status());
            assertEquals(null, report.system());
            assertEquals(0, report.queues().deadLetters());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered in " + took); // the SDK alone would wait 10 s
        }
    }

    private static ApiTestbed anotherContainer(AwsFixture aws, ApiTestbed api) {
        return new ApiTestbed(aws.dynamoDb(), aws.sqs(), api.resources, CLOCK);
    }

    /** GET /api/sync/health (public) through a handler, as API Gateway would call it. */
    private static JsonNode health(ApiHandler handler) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRawPath("/api/sync/health")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath("/api/sync/health").build())
                        .build())
                .build();
        try {
            return Json.mapper().readTree(handler.handleRequest(event, null).getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode health(AwsClients clients, Resources resources, int expectedStatus) {
        ApiTestbed.Reply reply = new ApiTestbed(clients, resources, CLOCK).call("GET", "/api/sync/health", Map.of(), null);
        assertEquals(expectedStatus, reply.status(), reply.body());
        return reply.json();
    }
}
