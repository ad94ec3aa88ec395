package dev.autosync.webhook;

import static dev.autosync.webhook.WebhookTestBench.json;
import static dev.autosync.webhook.WebhookTestBench.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.ExpectedHeaders;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input: the right status and error code, a message, and nothing on any queue. */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookRejectionTest {

    private static final String SECRET = "current-webhook-secret";
    private static final String PUSH = GitHubExamples.first("push").payload();

    private final WebhookTestBench bench;
    private final WebhookHandler handler;

    WebhookRejectionTest(AwsFixture aws) {
        this.bench = new WebhookTestBench(aws);
        this.handler = bench.handler(WebhookSecrets.fixed(SecretSet.of(SECRET)));
    }

    @BeforeEach
    void emptyQueues() {
        bench.purge();
    }

    static Stream<Arguments> badDeliveries() {
        String hex64 = "0".repeat(64);
        return Stream.of(
                bad("no signature", 401, "missing_signature", () -> push().event()),
                bad("sha1 signature alone", 401, "unsupported_signature_algorithm",
                        () -> push().header(GitHubHeaders.SIGNATURE_256, "sha1=" + "0".repeat(40)).event()),
                bad("signature without algorithm", 401, "malformed_signature",
                        () -> push().header(GitHubHeaders.SIGNATURE_256, hex64).event()),
                bad("signature too short", 401, "malformed_signature",
                        () -> push().header(GitHubHeaders.SIGNATURE_256, "sha256=abc123").event()),
                // A 65th digit must not be ignored: a prefix match would accept a forged suffix.
                bad("signature too long", 401, "malformed_signature",
                        () -> push().signedWith(SECRET).header(GitHubHeaders.SIGNATURE_256,
                                WebhookSignature.sign(new WebhookSecret(SECRET), PUSH.getBytes()) + "0").event()),
                bad("signature not hex", 401, "malformed_signature",
                        () -> push().header(GitHubHeaders.SIGNATURE_256, "sha256=" + "z".repeat(64)).event()),
                bad("signature under another secret", 401, "invalid_signature",
                        () -> push().signedWith("another-secret").event()),
                bad("signature of another body", 401, "invalid_signature",
                        () -> Deliveries.json("push", PUSH + " ").header(GitHubHeaders.SIGNATURE_256,
                                WebhookSignature.sign(new WebhookSecret(SECRET), PUSH.getBytes())).event()),
                bad("no event header", 400, "missing_event",
                        () -> push().without(GitHubHeaders.EVENT).signedWith(SECRET).event()),
                bad("event header with spaces", 400, "invalid_event",
                        () -> push().header(GitHubHeaders.EVENT, "push; rm -rf").signedWith(SECRET).event()),
                bad("no delivery header", 400, "missing_delivery",
                        () -> push().without(GitHubHeaders.DELIVERY).signedWith(SECRET).event()),
                bad("delivery of 65 characters", 400, "invalid_delivery",
                        () -> push().header(GitHubHeaders.DELIVERY, "a".repeat(65)).signedWith(SECRET).event()),
                bad("delivery with a slash", 400, "invalid_delivery",
                        () -> push().header(GitHubHeaders.DELIVERY, "../etc").signedWith(SECRET).event()),
                bad("text/plain body", 415, "unsupported_media_type",
                        () -> push().header(GitHubHeaders.CONTENT_TYPE, "text/plain").signedWith(SECRET).event()),
                bad("no content type", 415, "unsupported_media_type",
                        () -> push().without(GitHubHeaders.CONTENT_TYPE).signedWith(SECRET).event()),
                bad("body that is not JSON", 400, "invalid_json",
                        () -> Deliveries.json("push", "{\"ref\": nope").signedWith(SECRET).event()),
                bad("JSON array body", 400, "invalid_json",
                        () -> Deliveries.json("push", "[1, 2]").signedWith(SECRET).event()),
                bad("two JSON values", 400, "invalid_json",
                        () -> Deliveries.json("push", "{} {}").signedWith(SECRET).event()),
                bad("empty body", 400, "invalid_json",
                        () -> Deliveries.json("push", "").signedWith(SECRET).event()),
                bad("form without payload field", 400, "missing_payload_field",
                        () -> Deliveries.form("push", "other=1&payloads=2").signedWith(SECRET).event()),
                bad("form with broken escapes", 400, "malformed_form",
                        () -> Deliveries.form("push", "payload=%7").signedWith(SECRET).event()),
                bad("form payload that is not JSON", 400, "invalid_json",
                        () -> Deliveries.form("push", "payload=hello").signedWith(SECRET).event()),
                bad("GET", 405, "method_not_allowed", () -> push().signedWith(SECRET).event("GET")),
                bad("PUT", 405, "method_not_allowed", () -> push().signedWith(SECRET).event("PUT")),
                bad("body marked base64 that is not", 400, "invalid_body_encoding",
                        () -> withBody(push().signedWith(SECRET).base64().event(), "not base64!")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDeliveries")
    void badDelivery_isRefusedWithItsCodeAndQueuesNothing(String name, int status, String code,
                                                          Supplier<APIGatewayV2HTTPEvent> request) {
        APIGatewayV2HTTPResponse response = post(handler, request.get());

        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(ExpectedHeaders.JSON, response.getHeaders(), "JSON, nosniff, no-store, no-referrer");
        JsonNode error = json(response.getBody());
        assertEquals(code, error.path("error").asText());
        assertFalse(error.path("message").asText().isBlank());
        assertEquals(0, bench.queued());
    }

    private static Arguments bad(String name, int status, String code, Supplier<APIGatewayV2HTTPEvent> request) {
        return Arguments.of(name, status, code, request);
    }

    private static Deliveries push() {
        return Deliveries.json("push", PUSH);
    }

    private static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body) {
        event.setBody(body);
        return event;
    }
}
