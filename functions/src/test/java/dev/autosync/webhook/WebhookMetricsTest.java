package dev.autosync.webhook;

import static dev.autosync.webhook.WebhookTestBench.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.CapturedLines;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The webhook function's metrics: deliveries by event and outcome, signature failures. */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookMetricsTest {

    private static final String SECRET = "metrics-webhook-secret";

    private final WebhookTestBench bench;
    private final WebhookHandler handler;

    WebhookMetricsTest(AwsFixture aws) {
        this.bench = new WebhookTestBench(aws);
        this.handler = bench.handler(WebhookSecrets.fixed(SecretSet.of(SECRET)));
    }

    @Test
    void deliveries_areCountedByEventAndOutcome_andSignatureFailuresOnTheirOwn() {
        String push = GitHubExamples.first("push").payload();
        try (CapturedLines out = new CapturedLines()) {
            assertEquals(202, post(handler, Deliveries.json("push", push).signedWith(SECRET).event()).getStatusCode());
            assertEquals(401, post(handler, Deliveries.json("push", push).signedWith("wrong-secret").event()).getStatusCode());
            assertEquals(401, post(handler, Deliveries.json("push", push).event()).getStatusCode());

            assertEquals(1, out.sum("WebhookDeliveries", "event", "push", "outcome", "queued"));
            assertEquals(1, out.sum("WebhookDeliveries", "event", "push", "outcome", "invalid_signature"));
            assertEquals(1, out.sum("WebhookDeliveries", "event", "push", "outcome", "missing_signature"));
            assertEquals(2, out.sum("SignatureFailures"));
            for (JsonNode line : out.metric("WebhookDeliveries")) {
                assertEquals("[[\"event\",\"outcome\"]]",
                        line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString());
            }
        }
    }

    @Test
    void anUnsignedDeliveryOfAnInventedEvent_isCountedAsOther() {
        try (CapturedLines out = new CapturedLines()) {
            for (int i = 0; i < 20; i++) {
                post(handler, Deliveries.json("made_up_event_" + i, "{}").event());
            }
            List<JsonNode> lines = out.metric("WebhookDeliveries");
            assertEquals(20, lines.size());
            assertTrue(lines.stream().allMatch(line -> "other".equals(line.path("event").asText())), lines.toString());
        }
    }

    @Test
    void everyLineOfAnInvocation_carriesItsRequestIdAndColdStartFlag() {
        APIGatewayV2HTTPEvent event = Deliveries.json("push", GitHubExamples.first("push").payload())
                .signedWith(SECRET).event();
        try (CapturedLines out = new CapturedLines()) {
            handler.handleRequest(event, dev.autosync.common.TestContexts.context("webhook-req-1"));
            handler.handleRequest(event, dev.autosync.common.TestContexts.context("webhook-req-2"));

            List<JsonNode> lines = out.lines();
            assertFalse(lines.isEmpty());
            for (JsonNode line : lines) {
                assertTrue(line.path("request_id").asText().startsWith("webhook-req-"), line.toString());
                assertTrue(line.path("cold_start").isBoolean(), line.toString());
            }
            assertTrue(lines.stream().filter(l -> "webhook-req-2".equals(l.path("request_id").asText()))
                    .noneMatch(l -> l.path("cold_start").asBoolean()), "a second invocation is warm");
        }
    }

    @Test
    void aBodyThatIsNotBase64_isCountedToo() {
        APIGatewayV2HTTPEvent event = Deliveries.json("issues", "{}").event();
        event.setIsBase64Encoded(true);
        event.setBody("%%% not base64 %%%");
        event.setHeaders(new HashMap<>(event.getHeaders()));
        try (CapturedLines out = new CapturedLines()) {
            assertEquals(400, post(handler, event).getStatusCode());
            assertEquals(1, out.sum("WebhookDeliveries", "event", "issues", "outcome", "invalid_body_encoding"));
        }
    }
}
