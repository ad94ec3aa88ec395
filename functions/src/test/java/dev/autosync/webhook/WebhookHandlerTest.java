package dev.autosync.webhook;

import static dev.autosync.webhook.WebhookTestBench.json;
import static dev.autosync.webhook.WebhookTestBench.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.ExpectedHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookHandlerTest {

    private static final String SECRET = "current-webhook-secret";
    private static final Set<String> QUEUED_EVENTS = Set.of(
            "installation", "installation_repositories", "repository", "push", "issues", "pull_request");

    private final WebhookTestBench bench;
    private final WebhookHandler handler;

    WebhookHandlerTest(AwsFixture aws) {
        this.bench = new WebhookTestBench(aws);
        this.handler = bench.handler(WebhookSecrets.fixed(SecretSet.of(SECRET)));
    }

    @BeforeEach
    void emptyQueues() {
        bench.purge();
    }

    Stream<GitHubExamples.Example> queuedExamples() {
        return GitHubExamples.of(QUEUED_EVENTS).stream();
    }

    Stream<GitHubExamples.Example> pingExamples() {
        return GitHubExamples.of(Set.of("ping")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queuedExamples")
    void signedExample_isQueuedExactlyOnceWithItsBodyByteIdentical(GitHubExamples.Example example) {
        Deliveries delivery = Deliveries.json(example.event(), example.payload()).signedWith(SECRET);

        APIGatewayV2HTTPResponse response = post(handler, delivery.event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(ExpectedHeaders.JSON, response.getHeaders(), "nosniff, no-store, no-referrer");
        JsonNode answer = json(response.getBody());
        assertEquals(delivery.delivery(), answer.path("delivery").asText());
        assertEquals(example.event(), answer.path("event").asText());
        assertTrue(answer.path("queued").asBoolean());
        Message message = onlyMessage(bench.aws.drain(bench.resources.eventsQueueUrl()));
        assertEquals(example.payload(), message.body());
        assertEquals(example.event(), attribute(message, EventMessageCodec.ATTR_EVENT));
        assertEquals(delivery.delivery(), attribute(message, EventMessageCodec.ATTR_DELIVERY));
        assertEquals("12345", attribute(message, EventMessageCodec.ATTR_INSTALLATION_TARGET));
        assertEquals(WebhookTestBench.NOW.toString(), attribute(message, EventMessageCodec.ATTR_RECEIVED_AT));
        assertEquals(0, bench.aws.depth(bench.resources.syncTasksQueueUrl()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pingExamples")
    void ping_answers200WithZenAndQueuesNothing(GitHubExamples.Example example) {
        Deliveries delivery = Deliveries.json("ping", example.payload()).signedWith(SECRET);

        APIGatewayV2HTTPResponse response = post(handler, delivery.event());

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(ExpectedHeaders.JSON, response.getHeaders());
        JsonNode answer = json(response.getBody());
        assertEquals("ping", answer.path("event").asText());
        assertEquals(delivery.delivery(), answer.path("delivery").asText());
        assertEquals(json(example.payload()).path("zen").asText(), answer.path("zen").asText());
        assertFalse(answer.path("zen").asText().isEmpty());
        assertEquals(0, bench.queued());
    }

    // Reading such an id as a long threw, and a well-formed delivery was refused as "not valid JSON".
    @Test
    void idTooLargeForALong_isStillValidJson_andQueued() {
        String payload = "{\"action\":\"created\",\"repository\":{\"id\":123456789012345678901234567890}}";

        APIGatewayV2HTTPResponse response = post(handler, Deliveries.json("star", payload).signedWith(SECRET).event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(payload, onlyMessage(bench.aws.drain(bench.resources.eventsQueueUrl())).body());
    }

    @Test
    void base64EncodedBody_isDecodedBeforeVerifyingAndQueued() {
        String payload = GitHubExamples.first("push").payload();

        APIGatewayV2HTTPResponse response = post(handler,
                Deliveries.json("push", payload).signedWith(SECRET).base64().event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(payload, onlyMessage(bench.aws.drain(bench.resources.eventsQueueUrl())).body());
    }

    @Test
    void formEncodedBody_isVerifiedOverTheRawFormAndQueuesTheDecodedPayload() {
        String payload = GitHubExamples.first("issues").payload();
        String form = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);

        APIGatewayV2HTTPResponse response = post(handler, Deliveries.form("issues", form).signedWith(SECRET).event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(payload, onlyMessage(bench.aws.drain(bench.resources.eventsQueueUrl())).body());
    }

    @Test
    void headerNames_areMatchedWhateverTheirCase() {
        String payload = GitHubExamples.first("push").payload();
        Deliveries delivery = Deliveries.json("push", payload).signedWith(SECRET);
        String signature = WebhookSignature.sign(new WebhookSecret(SECRET), payload.getBytes(StandardCharsets.UTF_8));
        delivery.without(GitHubHeaders.SIGNATURE_256).without(GitHubHeaders.EVENT).without(GitHubHeaders.CONTENT_TYPE)
                .header("X-Hub-Signature-256", signature).header("X-GitHub-Event", "push")
                .header("Content-Type", "application/json; charset=utf-8");

        APIGatewayV2HTTPResponse response = post(handler, delivery.event());

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(1, bench.aws.drain(bench.resources.eventsQueueUrl()).size());
    }

    @Test
    void rotation_acceptsCurrentAndPreviousSecretButNoOther() {
        WebhookHandler rotating = bench.handler(WebhookSecrets.fixed(SecretSet.of("new-secret", "old-secret")));
        String payload = GitHubExamples.first("push").payload();

        int withNew = post(rotating, Deliveries.json("push", payload).signedWith("new-secret").event()).getStatusCode();
        int withOld = post(rotating, Deliveries.json("push", payload).signedWith("old-secret").event()).getStatusCode();
        APIGatewayV2HTTPResponse withOther = post(rotating,
                Deliveries.json("push", payload).signedWith("older-secret").event());

        assertEquals(202, withNew);
        assertEquals(202, withOld);
        assertEquals(401, withOther.getStatusCode());
        assertEquals("invalid_signature", json(withOther.getBody()).path("error").asText());
        assertEquals(2, bench.aws.drain(bench.resources.eventsQueueUrl()).size());
    }

    private static Message onlyMessage(List<Message> messages) {
        assertEquals(1, messages.size(), "messages on the queue");
        return messages.get(0);
    }

    private static String attribute(Message message, String name) {
        var value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }
}
