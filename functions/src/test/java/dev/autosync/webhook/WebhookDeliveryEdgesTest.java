package dev.autosync.webhook;

import static dev.autosync.webhook.WebhookTestBench.json;
import static dev.autosync.webhook.WebhookTestBench.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.queue.Queues;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Oversized payloads, an unreachable queue, and what the function logs. */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryEdgesTest {

    private static final String SECRET = "current-webhook-secret";

    private final WebhookTestBench bench;
    private final WebhookHandler handler;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    WebhookDeliveryEdgesTest(AwsFixture aws) {
        this.bench = new WebhookTestBench(aws);
        this.handler = bench.handler(WebhookSecrets.fixed(SecretSet.of(SECRET)));
    }

    @BeforeEach
    void emptyQueuesAndCaptureLogs() {
        bench.purge();
        logs.reset();
        Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLogs() {
        Log.redirect(System.out);
    }

    @Test
    void twoMegabytePush_queuesARepositoryResyncInsteadOfThePayload() {
        ObjectNode push = (ObjectNode) json(GitHubExamples.first("push").payload());
        push.put("ref", "refs/heads/main");
        String payload = inflatedPush(push, 2 * 1024 * 1024);

        APIGatewayV2HTTPResponse response = post(handler, Deliveries.json("push", payload).signedWith(SECRET).event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals("sync_repository", json(response.getBody()).path("sync_task").asText());
        assertEquals(0, bench.aws.depth(bench.resources.eventsQueueUrl()));
        JsonNode task = onlyTask();
        assertEquals("sync_repository", task.path("kind").asText());
        assertEquals("payload_too_large", task.path("reason").asText());
        assertEquals(push.path("installation").path("id").asLong(), task.path("installation_id").asLong());
        assertEquals(push.path("repository").path("id").asLong(), task.path("repository_id").asLong());
        assertEquals(push.path("repository").path("full_name").asText(), task.path("repository_full_name").asText());
        assertEquals("main", task.path("branch").asText());
        // What the sync engine needs to list and archive the delivery (as metadata) when it runs the task.
        assertEquals("push", task.path("event").asText());
        assertEquals(payload.getBytes(StandardCharsets.UTF_8).length, task.path("payload_bytes").asLong());
    }

    @Test
    void oversizedPayloadNamingNoRepository_queuesAnInstallationResync() {
        String payload = "{\"action\":\"created\",\"installation\":{\"id\":42},\"pad\":\""
                + "x".repeat(Queues.MAX_MESSAGE_BYTES) + "\"}";

        APIGatewayV2HTTPResponse response = post(handler,
                Deliveries.json("installation", payload).signedWith(SECRET).event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        JsonNode task = onlyTask();
        assertEquals("sync_installation", task.path("kind").asText());
        assertEquals(42, task.path("installation_id").asLong());
        assertTrue(task.path("repository_id").isMissingNode());
    }

    @Test
    void bodyThatFitsAloneButNotWithItsAttributes_becomesAResync() {
        // SQS counts attributes against the 1 MiB limit; checking the body alone would let SendMessage fail
        // and turn an acceptable delivery into a 503 that every redelivery repeats.
        String head = "{\"installation\":{\"id\":7},\"repository\":{\"id\":8,\"full_name\":\"o/r\"},\"pad\":\"";
        String tail = "\"}";
        String payload = head + "x".repeat(Queues.MAX_MESSAGE_BYTES - 10 - head.length() - tail.length()) + tail;

        APIGatewayV2HTTPResponse response = post(handler, Deliveries.json("push", payload).signedWith(SECRET).event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(0, bench.aws.depth(bench.resources.eventsQueueUrl()));
        assertEquals(8, onlyTask().path("repository_id").asLong());
    }

    @Test
    void payloadWithCharactersSqsRefuses_becomesAResyncInsteadOfEndless503s() {
        // Valid JSON, but SQS refuses U+FFFF: sending it would fail on every redelivery and lose the event.
        String payload = "{\"installation\":{\"id\":7},\"repository\":{\"id\":8,\"full_name\":\"o/r\"},"
                + "\"issue\":{\"title\":\"odd \uFFFF char\"}}";
        assertThrows(SqsException.class, () -> bench.aws.sqs().sendMessage(b -> b
                .queueUrl(bench.resources.eventsQueueUrl()).messageBody(payload)));

        APIGatewayV2HTTPResponse response = post(handler, Deliveries.json("issues", payload).signedWith(SECRET).event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        JsonNode task = onlyTask();
        assertEquals("payload_not_queueable", task.path("reason").asText());
        assertEquals(8, task.path("repository_id").asLong());
    }

    @Test
    void unreachableQueue_answers503AndNeverSuccess() throws Exception {
        WebhookHandler cutOff;
        try (SqsClient closed = AwsClients.local(bench.aws.backend().dynamoDbEndpoint(), closedPort()).sqs()) {
            cutOff = bench.handler(WebhookSecrets.fixed(SecretSet.of(SECRET)), closed);
            String push = GitHubExamples.first("push").payload();

            APIGatewayV2HTTPResponse response = post(cutOff, Deliveries.json("push", push).signedWith(SECRET).event());

            assertEquals(503, response.getStatusCode(), response.getBody());
            assertEquals("queue_unavailable", json(response.getBody()).path("error").asText());
        }
    }

    // A queue endpoint that accepts connections and never answers: with the SDK's default budget the call
    // outlived the function's 10 s timeout, so API Gateway answered 500 instead of this 503.
    @Test
    void silentQueue_answers503BeforeGitHubGivesUp() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            WebhookService service = WebhookWiring.service(new Env(Map.of(
                    EnvVars.AWS_ENDPOINT_URL_SQS, endpoint,
                    EnvVars.EVENTS_QUEUE_URL, endpoint + "/000000000000/events",
                    EnvVars.SYNC_TASKS_QUEUE_URL, endpoint + "/000000000000/sync-tasks",
                    EnvVars.GITHUB_WEBHOOK_SECRET, SECRET)));
            WebhookHandler stalled = new WebhookHandler(service);
            String push = GitHubExamples.first("push").payload();

            APIGatewayV2HTTPResponse response = assertTimeoutPreemptively(Duration.ofSeconds(8),
                    () -> post(stalled, Deliveries.json("push", push).signedWith(SECRET).event()));

            assertEquals(503, response.getStatusCode(), response.getBody());
            JsonNode line = json(logs.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("{\"_aws\"")).reduce((a, b) -> b).orElseThrow());
            assertEquals("queue_unavailable", line.path("outcome").asText());
            assertEquals("ApiCallTimeoutException", line.path("cause").asText(), "the operator sees why");
        }
    }

    @Test
    void deletedQueue_answers503() {
        WebhookTestBench doomed = new WebhookTestBench(bench.aws);
        WebhookHandler orphan = doomed.handler(WebhookSecrets.fixed(SecretSet.of(SECRET)));
        bench.aws.sqs().deleteQueue(b -> b.queueUrl(doomed.resources.eventsQueueUrl()));

        APIGatewayV2HTTPResponse response = post(orphan,
                Deliveries.json("push", GitHubExamples.first("push").payload()).signedWith(SECRET).event());

        assertEquals(503, response.getStatusCode(), response.getBody());
    }

    @Test
    void everyDelivery_logsOneStructuredLineWithoutBodySecretOrExpectedSignature() {
        String payload = GitHubExamples.first("issues").payload();
        String expected = WebhookSignature.sign(new WebhookSecret(SECRET), payload.getBytes(StandardCharsets.UTF_8));
        Deliveries good = Deliveries.json("issues", payload).signedWith(SECRET);
        Deliveries forged = Deliveries.json("issues", payload).signedWith("forger");

        APIGatewayV2HTTPResponse accepted = post(handler, good.event());
        APIGatewayV2HTTPResponse refused = post(handler, forged.event());

        // Metric (EMF) lines are printed beside the log lines; WebhookMetricsTest covers them.
        List<String> lines = logs.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("{\"_aws\"")).toList();
        assertEquals(2, lines.size(), lines.toString());
        JsonNode line = json(lines.get(0));
        JsonNode issue = json(payload);
        assertEquals(good.delivery(), line.path("delivery").asText());
        assertEquals("issues", line.path("event").asText());
        assertEquals(issue.path("action").asText(), line.path("action").asText());
        assertEquals(issue.path("installation").path("id").asLong(), line.path("installation").asLong());
        assertEquals(issue.path("repository").path("full_name").asText(), line.path("repository").asText());
        assertEquals("queued", line.path("outcome").asText());
        assertTrue(line.path("latency_ms").isNumber());
        assertEquals("invalid_signature", json(lines.get(1)).path("outcome").asText());
        for (String output : List.of(logs.toString(StandardCharsets.UTF_8), accepted.getBody(), refused.getBody())) {
            assertFalse(output.contains(SECRET), "secret leaked");
            assertFalse(output.contains(expected.substring(7)), "expected signature leaked");
            assertFalse(output.contains(issue.path("issue").path("title").asText()), "body leaked");
        }
    }

    // The action is payload text: one GitHub never sends for the event is not logged.
    @Test
    void anActionGitHubDoesNotDefine_isLoggedAsOther() {
        ObjectNode issue = (ObjectNode) json(GitHubExamples.first("issues").payload());
        issue.put("action", "words-of-the-sender");

        post(handler, Deliveries.json("issues", Json.write(issue)).signedWith(SECRET).event());

        String log = logs.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("words-of-the-sender"), log);
        assertEquals("other", json(log.lines().filter(l -> !l.startsWith("{\"_aws\"")).findFirst().orElseThrow())
                .path("action").asText());
    }

    private JsonNode onlyTask() {
        List<Message> tasks = bench.aws.drain(bench.resources.syncTasksQueueUrl());
        assertEquals(1, tasks.size());
        return json(tasks.get(0).body());
    }

    /** A push whose commit list is repeated until the payload exceeds {@code bytes}. */
    private static String inflatedPush(ObjectNode push, int bytes) {
        ArrayNode commits = (ArrayNode) push.withArray("commits");
        ObjectNode commit = push.objectNode().put("id", "0".repeat(40)).put("message", "m".repeat(4000));
        while (Json.write(push).length() <= bytes) {
            for (int i = 0; i < 100; i++) {
                commits.add(commit.deepCopy());
            }
        }
        return Json.write(push);
    }

    private static URI closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
