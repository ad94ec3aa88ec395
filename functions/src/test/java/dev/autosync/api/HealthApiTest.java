package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Resources;
import dev.autosync.store.JobStore;
import dev.autosync.store.SyncJob;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
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
    void deadLetters_degrade(AwsFixture aws) {
        ApiTestbed api = new ApiTestbed(aws, CLOCK);
        aws.sqs().sendMessage(b -> b.queueUrl(api.resources.syncTasksDeadLetterQueueUrl()).messageBody("{}"));
        aws.sqs().sendMessage(b -> b.queueUrl(api.resources.eventsDeadLetterQueueUrl()).messageBody("{}"));
        aws.sqs().sendMessage(b -> b.queueUrl(api.resources.eventsQueueUrl()).messageBody("{}"));

        JsonNode body = api.get("/api/sync/health").json();

        assertEquals("degraded", body.get("status").asText());
        assertEquals(2, body.get("queues").get("dead_letters").asLong());
        assertEquals(1, body.get("queues").get("events_backlog").asLong());
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

    private static JsonNode health(AwsClients clients, Resources resources, int expectedStatus) {
        ApiTestbed.Reply reply = new ApiTestbed(clients, resources, CLOCK).call("GET", "/api/sync/health", Map.of(), null);
        assertEquals(expectedStatus, reply.status(), reply.body());
        return reply.json();
    }
}
