package dev.autosync.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.autosync.common.Json;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.sandbox.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The real SDK client against a stub speaking Secrets Manager's JSON protocol. */
class SecretsManagerWebhookSecretsTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:autosync-webhook-AbCdEf";
    private static final String TARGET = "secretsmanager.GetSecretValue";

    private static WireMockServer server;
    private static SecretsManagerClient client;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-02T03:04:05Z"));
    private SecretsManagerWebhookSecrets secrets;

    @BeforeAll
    static void startStub() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = new AwsClients(Region.US_EAST_1, Optional.empty(), Optional.empty(),
                Optional.of(URI.create(server.baseUrl()))).secretsManager();
    }

    @AfterAll
    static void stopStub() {
        client.close();
        server.stop();
    }

    @BeforeEach
    void freshCache() {
        server.resetAll();
        secrets = new SecretsManagerWebhookSecrets(client, ARN, clock);
    }

    @Test
    void secret_isReadOnceAndCachedUntilItsTtlExpires() {
        serve("{\"current\":\"one\",\"previous\":\"zero\"}");

        assertEquals(SecretSet.of("one", "zero"), secrets.current());
        clock.advance(SecretsManagerWebhookSecrets.TTL.minusSeconds(1));
        serve("two");
        assertEquals(SecretSet.of("one", "zero"), secrets.current());
        assertEquals(1, calls());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(SecretSet.of("two"), secrets.current());
        assertEquals(2, calls());
    }

    @Test
    void mismatch_refreshesAtMostOncePerMinute() {
        // Without the limit, every forged delivery would cost a Secrets Manager call (and its bill).
        serve("one");
        secrets.current();
        serve("two");

        assertEquals(Optional.empty(), secrets.refreshAfterMismatch());
        assertEquals(1, calls());

        clock.advance(SecretsManagerWebhookSecrets.MIN_REFRESH_INTERVAL);
        assertEquals(Optional.of(SecretSet.of("two")), secrets.refreshAfterMismatch());
        assertEquals(Optional.empty(), secrets.refreshAfterMismatch());
        assertEquals(2, calls());
    }

    @Test
    void rotatedSecret_isPickedUpByTheServiceOnTheFirstMismatchAfterAMinute() {
        serve("old");
        WebhookService service = new WebhookService(secrets, message -> { }, (task, delay) -> { }, clock);
        String body = GitHubExamples.first("ping").payload();
        assertEquals(200, service.handle(signed(body, "old")).status());

        serve("{\"current\":\"new\",\"previous\":\"old\"}");
        clock.advance(Duration.ofSeconds(61));

        assertEquals(200, service.handle(signed(body, "new")).status());
        assertEquals(200, service.handle(signed(body, "old")).status());
        assertEquals(401, service.handle(signed(body, "other")).status());
        assertEquals(2, calls());
    }

    @Test
    void unreachableSecret_answers503UntilOneIsRead_thenAStaleOneIsKept() {
        server.stubFor(post(urlEqualTo("/")).willReturn(awsJson(400)
                .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such secret\"}")));
        WebhookService service = new WebhookService(secrets, message -> { }, (task, delay) -> { }, clock);
        String body = GitHubExamples.first("ping").payload();

        WebhookResponse response = service.handle(signed(body, "one"));
        assertEquals(503, response.status());
        assertTrue(response.body().contains("secret_unavailable"));

        serve("one");
        assertEquals(SecretSet.of("one"), secrets.current());
        server.resetAll();
        clock.advance(SecretsManagerWebhookSecrets.TTL.plusMinutes(1));
        assertEquals(SecretSet.of("one"), secrets.current());
    }

    private static WebhookRequest signed(String body, String secret) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new WebhookRequest("POST", Map.of(
                GitHubHeaders.SIGNATURE_256, WebhookSignature.sign(new WebhookSecret(secret), bytes),
                GitHubHeaders.EVENT, "ping",
                GitHubHeaders.DELIVERY, "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                GitHubHeaders.CONTENT_TYPE, GitHubHeaders.JSON), bytes);
    }

    private static void serve(String secretString) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(awsJson(200).withBody(Json.write(Map.of(
                        "ARN", ARN, "Name", "autosync-webhook", "VersionId", "v1", "SecretString", secretString,
                        "CreatedDate", 1.7e9)))));
    }

    private static ResponseDefinitionBuilder awsJson(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1");
    }

    private static int calls() {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))).size();
    }
}
