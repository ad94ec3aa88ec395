package dev.autosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.autosync.api.Route.Access;
import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Json;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.RefreshingSecret;
import dev.autosync.sandbox.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The api's token secret through the real SDK client against a stub speaking Secrets Manager's JSON protocol:
 * nothing is read at init (SnapStart), the first request reads it, rotation takes effect after the refresh
 * interval, and an unreadable secret is a 503 JSON answer until it can be read.
 */
class ApiTokenSecretTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:autosync-api-AbCdEf";
    private static final String TARGET = "secretsmanager.GetSecretValue";
    private static final String OLD = "old-token-0123456789abcdef";
    private static final String NEW = "new-token-0123456789abcdef";
    private static final String KEY = "c".repeat(40);

    private static WireMockServer server;
    private static SecretsManagerClient client;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-02T03:04:05Z"));
    private ApiCredentials credentials;
    private Router router;

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
    void fresh() {
        server.resetAll();
        credentials = ApiCredentials.fromSecret(client, ARN, Optional.empty(), clock);
        router = new Router(List.of(
                Route.get("/api/private", Access.TOKEN, "private", call -> ApiResponse.ok(Map.of("ok", true))),
                Route.get("/api/public", Access.PUBLIC, "public", call -> ApiResponse.ok(Map.of("ok", true)))),
                credentials::authenticator);
    }

    @Test
    void nothingIsReadAtInit_theFirstRequestReadsTheSecret_andItIsCached() {
        serve(json(List.of(OLD), KEY));
        assertEquals(0, calls());
        assertEquals(200, router.handle(get("/api/public", null)).status());
        assertEquals(0, calls()); // public routes never need the secret

        assertEquals(200, router.handle(get("/api/private", OLD)).status());
        assertEquals(401, router.handle(get("/api/private", NEW)).status());
        assertEquals(1, calls());
    }

    @Test
    void rotation_takesEffectAfterTheRefreshInterval_withoutARedeploy() {
        serve(json(List.of(OLD), KEY));
        assertEquals(200, router.handle(get("/api/private", OLD)).status());
        String cursor = credentials.cursors().issue("l", Map.of(), TextNode.valueOf("p"));

        serve(json(List.of(NEW), KEY));
        clock.advance(RefreshingSecret.TTL.minusSeconds(1));
        assertEquals(200, router.handle(get("/api/private", OLD)).status());
        assertEquals(401, router.handle(get("/api/private", NEW)).status());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, router.handle(get("/api/private", NEW)).status());
        assertEquals(401, router.handle(get("/api/private", OLD)).status());
        assertEquals(2, calls());
        // The same cursor key after the refresh: cursors issued before it still open.
        assertEquals("p", credentials.cursors().open(cursor, "l", Map.of()).asText());
    }

    @Test
    void unreadableSecret_is503Json_retriedAtMostOncePerMinute_thenRecovers() {
        server.stubFor(post(urlEqualTo("/")).willReturn(awsJson(400)
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed to decrypt\"}")));

        ApiResponse response = router.handle(get("/api/private", OLD));
        assertEquals(503, response.status());
        assertTrue(response.body().contains("secret_unavailable"), response.body());
        assertEquals("application/json", response.headers().get("Content-Type").split(";")[0]);
        assertEquals(200, router.handle(get("/api/public", null)).status());
        int afterFirst = calls();
        assertEquals(503, router.handle(get("/api/private", OLD)).status());
        assertEquals(afterFirst, calls()); // no second call within the minute

        serve(json(List.of(OLD), KEY));
        assertEquals(503, router.handle(get("/api/private", OLD)).status());
        clock.advance(RefreshingSecret.RETRY_INTERVAL);
        assertEquals(200, router.handle(get("/api/private", OLD)).status());
    }

    @Test
    void aFailedRefresh_keepsTheLastGoodTokens() {
        serve(json(List.of(OLD), KEY));
        assertEquals(200, router.handle(get("/api/private", OLD)).status());

        serve("{\"tokens\": [\"short\"]}"); // malformed: refused, never quoted, last good value kept
        clock.advance(RefreshingSecret.TTL);
        assertEquals(200, router.handle(get("/api/private", OLD)).status());
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500)));
        clock.advance(RefreshingSecret.RETRY_INTERVAL);
        assertEquals(200, router.handle(get("/api/private", OLD)).status());
    }

    // The stack creates the secret as one generated token, with no cursor_key. A key generated per process made
    // a next_cursor fail with a 400 whenever the next request reached another Lambda instance.
    @Test
    void aPlainTokenSecret_givesEveryInstanceTheSameCursorKey() {
        String token = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4"; // 48 alphanumerics, as the stack generates
        serve(token);
        ApiCredentials first = ApiCredentials.fromSecret(client, ARN, Optional.empty(), clock);
        ApiCredentials second = ApiCredentials.fromSecret(client, ARN, Optional.empty(), clock);

        String cursor = first.cursors().issue("l", Map.of("q", "x"), TextNode.valueOf("p"));

        assertTrue(second.authenticator().accepts(Optional.of("Bearer " + token)));
        assertEquals("p", second.cursors().open(cursor, "l", Map.of("q", "x")).asText());
    }

    @Test
    void config_validatesTheArnShapeAtInit_withoutReadingTheSecret() {
        Map<String, String> vars = new HashMap<>(Map.of("TABLE_NAME", "autosync",
                "EVENTS_QUEUE_URL", "http://localhost/q/events", "SYNC_TASKS_QUEUE_URL", "http://localhost/q/sync",
                EnvVars.AWS_ENDPOINT_URL, server.baseUrl()));
        vars.put(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, "autosync-api-tokens");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ApiConfig.from(new Env(vars)));
        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN), e.getMessage());

        // A partial ARN (no random suffix) is a valid shape; a KMS-encrypted or malformed value is not known yet.
        vars.put(EnvVars.AUTOSYNC_API_TOKENS_SECRET_ARN, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autosync/api");
        server.stubFor(post(urlEqualTo("/")).willReturn(awsJson(400)
                .withBody("{\"__type\":\"DecryptionFailure\",\"message\":\"kms\"}")));
        ApiWiring wiring = ApiWiring.from(new Env(vars));
        assertEquals(0, calls());
        assertEquals(503, wiring.router().handle(get("/api/sync/jobs", OLD)).status());
    }

    private static ApiRequest get(String path, String token) {
        return new ApiRequest("GET", path, Map.of(), token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static String json(List<String> tokens, String cursorKey) {
        return Json.write(Map.of("tokens", tokens, "cursor_key", cursorKey));
    }

    private static void serve(String secretString) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(awsJson(200).withBody(Json.write(Map.of(
                        "ARN", ARN, "Name", "autosync-api", "VersionId", "v1", "SecretString", secretString,
                        "CreatedDate", 1.7e9)))));
    }

    private static ResponseDefinitionBuilder awsJson(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1");
    }

    private static int calls() {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))).size();
    }
}
