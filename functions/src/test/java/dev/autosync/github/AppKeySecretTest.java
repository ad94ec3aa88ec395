package dev.autosync.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Json;
import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.RefreshingSecret;
import dev.autosync.common.aws.SecretUnreadableException;
import dev.autosync.github.internal.AppJwt;
import dev.autosync.sandbox.ManualClock;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The App's private key kept in Secrets Manager (a WireMock stub speaking its JSON protocol, read by the
 * real SDK client): nothing is read at init, the first use reads it, a rotated key is used after the
 * refresh interval, and an unreadable or malformed key is a retryable failure that never quotes the key.
 */
class AppKeySecretTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:autosync-app-key-AbCdEf";
    private static final String TARGET = "secretsmanager.GetSecretValue";

    private static WireMockServer server;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-02T03:04:05Z"));
    private Env env;

    @BeforeAll
    static void startStub() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopStub() {
        server.stop();
    }

    @BeforeEach
    void fresh() {
        server.resetAll();
        env = new Env(Map.of(EnvVars.GITHUB_APP_ID, "42", EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, ARN,
                EnvVars.AWS_ENDPOINT_URL, server.baseUrl(), EnvVars.GITHUB_API_URL, "http://127.0.0.1:9"));
    }

    @Test
    void initReadsNothing_theFirstUseReadsTheKey_andARotatedKeyIsUsedAfterTheRefresh() {
        serve(SandboxApp.app().privateKeyPkcs1Pem());
        GitHubConfig config = config();
        env.validate();
        assertEquals(0, calls());

        PrivateKey first = config.privateKey();
        AppJwt jwt = new AppJwt(config.jwtIssuer(), config.privateKeys(), clock);
        String signed = jwt.current();
        assertEquals(1, calls());

        serve(otherKeyPem());
        clock.advance(RefreshingSecret.TTL);
        PrivateKey rotated = config.privateKey();
        assertNotEquals(first, rotated);
        assertNotEquals(signed, jwt.current()); // re-signed with the new key at once
        assertEquals(2, calls());
    }

    @Test
    void aWrongArn_failsAtInit() {
        Env wrong = new Env(Map.of(EnvVars.GITHUB_APP_ID, "42", EnvVars.GITHUB_APP_PRIVATE_KEY_ARN, "autosync/app-key"));
        GitHubConfig.from(wrong, arn -> {
            throw new AssertionError("not read at init");
        });
        ConfigurationException e = assertThrows(ConfigurationException.class, wrong::validate);
        assertTrue(e.getMessage().contains(EnvVars.GITHUB_APP_PRIVATE_KEY_ARN), e.getMessage());
    }

    @Test
    void aMalformedKey_failsTheCallAsRetryable_withoutQuotingIt_thenRecovers() {
        String garbage = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END RSA PRIVATE KEY-----";
        serve(garbage);
        GitHubConfig config = config();
        GitHubClient client = GitHubClient.create(config, new InMemoryEtagStore(), RetryPolicy.DEFAULT,
                waited -> { }, clock);

        SecretUnreadableException unreadable = assertThrows(SecretUnreadableException.class, config::privateKey);
        assertFalse(unreadable.getMessage().contains("c2VjcmV0LWtleS1tYXRlcmlhbA"), unreadable.getMessage());
        clock.advance(RefreshingSecret.RETRY_INTERVAL);
        GitHubUnavailableException e = assertThrows(GitHubUnavailableException.class,
                () -> client.installation(new InstallationId(7)));
        assertTrue(e.getMessage().contains("private key"), e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0LWtleS1tYXRlcmlhbA"), e.getMessage());

        serve(SandboxApp.app().privateKeyPkcs8Pem());
        clock.advance(RefreshingSecret.RETRY_INTERVAL);
        config.privateKey(); // read again after a minute: the corrected secret is picked up without a redeploy
    }

    @Test
    void anUnreachableSecret_isRetryable_andALastGoodKeyIsKept() {
        server.stubFor(post(urlEqualTo("/")).willReturn(awsJson(400)
                .withBody("{\"__type\":\"DecryptionFailure\",\"message\":\"kms key disabled\"}")));
        GitHubConfig config = config();
        assertThrows(SecretUnreadableException.class, config::privateKey);

        serve(SandboxApp.app().privateKeyPkcs1Pem());
        clock.advance(RefreshingSecret.RETRY_INTERVAL);
        PrivateKey good = config.privateKey();
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500)));
        clock.advance(RefreshingSecret.TTL);
        assertEquals(good, config.privateKey());
    }

    private GitHubConfig config() {
        AwsClients aws = AwsClients.from(env);
        var secrets = aws.secretsManager();
        return GitHubConfig.from(env, arn -> secrets.getSecretValue(b -> b.secretId(arn)).secretString(), clock)
                .orElseThrow();
    }

    private static String otherKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void serve(String secretString) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .willReturn(awsJson(200).withBody(Json.write(Map.of(
                        "ARN", ARN, "Name", "autosync-app-key", "VersionId", "v1", "SecretString", secretString,
                        "CreatedDate", 1.7e9)))));
    }

    private static ResponseDefinitionBuilder awsJson(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1");
    }

    private static int calls() {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))).size();
    }
}
