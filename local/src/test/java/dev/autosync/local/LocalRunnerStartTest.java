package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalRunnerStartTest {

    // Before, the configuration was validated only after the gateway and the poller had started, and a
    // failed start left them running: the port stayed taken and the poller kept consuming.
    @Test
    void malformedConfiguration_failsBeforeServing_andLeavesThePortFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LocalRunner.start(Map.of(
                EnvVars.AUTOSYNC_PORT, Integer.toString(port), EnvVars.AUTOSYNC_DEMO_DATA, "perhaps")));

        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_DEMO_DATA), e.getMessage());
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(port));
        }
    }

    // The interval is read with the runner's other settings, before the stand-ins start: a typo is one
    // line naming every problem (exit 2 from main), not a system that half starts and then stops.
    @Test
    void malformedSyncInterval_isReportedWithTheOtherSettings_beforeAnythingStarts() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> LocalRunner.start(Map.of(
                EnvVars.AUTOSYNC_PORT, "seventy", EnvVars.AUTOSYNC_SYNC_INTERVAL, "every so often")));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_SYNC_INTERVAL + " must be"), e.getMessage());
        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_PORT), e.getMessage());
        assertThrows(ConfigurationException.class, () -> LocalRunner.Settings.from(Map.of(
                EnvVars.AUTOSYNC_SYNC_INTERVAL, "30s")), "under EventBridge's one minute");
        assertEquals("90s", LocalRunner.Settings.from(Map.of(EnvVars.AUTOSYNC_SYNC_INTERVAL, "90s")).syncIntervalText());
        assertEquals("15m", LocalRunner.Settings.from(Map.of()).syncIntervalText());
        assertEquals("off", LocalRunner.Settings.from(Map.of(EnvVars.AUTOSYNC_SYNC_INTERVAL, "OFF")).syncIntervalText());
    }

    // Whatever the sync engine does with it (in this branch it is a skeleton that throws), the first
    // periodic run comes shortly after start, ends in one log line, and the system keeps serving.
    @Test
    void firstPeriodicRun_comesShortlyAfterStart_andNeverStopsTheRunner() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Log.redirect(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (LocalRunner runner = LocalRunner.start(Map.of(EnvVars.AUTOSYNC_PORT, "0",
                EnvVars.AUTOSYNC_DEMO_DATA, "false", EnvVars.AUTOSYNC_SYNC_INTERVAL, "1h"), Duration.ofMillis(200))) {
            assertTrue(runner.readyLine().contains(" sync_interval=60m "), runner.readyLine());
            long deadline = System.currentTimeMillis() + 20_000;
            while (!periodicRunLogged(captured) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(periodicRunLogged(captured), captured.toString(StandardCharsets.UTF_8));

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + runner.port() + "/api/sync/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
        } finally {
            Log.redirect(System.out);
        }
    }

    // The ready line is printed, pasted and kept in terminal logs: a secret the user set appears there only as
    // its variable's name, while one the runner generated must be printed (nowhere else can it be learnt).
    @Test
    void readyLine_printsGeneratedSecretsOnly_andNamesTheVariablesOfSuppliedOnes() {
        String secret = "a-webhook-secret-the-user-chose";
        try (LocalRunner runner = LocalRunner.start(Map.of(EnvVars.AUTOSYNC_PORT, "0", EnvVars.AUTOSYNC_DEMO_DATA, "false",
                EnvVars.AUTOSYNC_SYNC_INTERVAL, "off", EnvVars.GITHUB_WEBHOOK_SECRET, secret))) {
            String line = runner.readyLine();

            assertTrue(line.contains(" secret=$GITHUB_WEBHOOK_SECRET "), line);
            assertFalse(line.contains(secret), line);
            String token = runner.environment().get(EnvVars.AUTOSYNC_API_TOKENS);
            assertTrue(line.contains(" api_token=" + token + " ") && token.length() >= 32, "generated, so printed: " + line);
            assertTrue(line.contains(" webhook=http://localhost:" + runner.port() + "/api/github/webhook "), line);
        }
    }

    // Before, only seeding the demo pointed the sandbox's webhooks at the gateway: with AUTOSYNC_DEMO_DATA=false the
    // control API's actions sent nothing (a miss was recorded, a delivery silently went nowhere), so only sync ever
    // saw them. With sync off nothing but the webhook can bring this installation in.
    @Test
    void withoutDemoData_theControlApisWebhooksStillReachTheGateway() throws Exception {
        String token = "start-test-token-0123456789";
        try (LocalRunner runner = LocalRunner.start(Map.of(EnvVars.AUTOSYNC_PORT, "0", EnvVars.AUTOSYNC_DEMO_DATA, "false",
                EnvVars.AUTOSYNC_SYNC_INTERVAL, "off", EnvVars.AUTOSYNC_API_TOKENS, token))) {
            SandboxControl github = new SandboxControl(URI.create(LocalRunner.readyFields(runner.readyLine()).get("github")));

            long installation = github.act(Map.of("type", "install", "account", "quiet-org", "repositories", 1))
                    .path("installation_id").asLong();

            LocalApi api = new LocalApi(runner, token);
            for (int attempt = 0; attempt < 300 && api.get("/api/installations").path("installations").isEmpty(); attempt++) {
                Thread.sleep(100);
            }
            assertEquals(installation, api.get("/api/installations").at("/installations/0/id").asLong(),
                    "the installation webhook was delivered and processed");
        }
    }

    // The gateway takes webhooks and serves the API: by default only this machine may reach it.
    @Test
    void gateway_listensOnLoopbackByDefault_andTheSettingWidensIt() {
        assertEquals("127.0.0.1", LocalRunner.Settings.from(Map.of()).bindAddress().getHostAddress());
        assertTrue(LocalRunner.Settings.from(Map.of(EnvVars.AUTOSYNC_BIND_ADDRESS, "0.0.0.0")).bindAddress()
                .isAnyLocalAddress());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LocalRunner.Settings.from(Map.of(EnvVars.AUTOSYNC_BIND_ADDRESS, "1::2::3")));
        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_BIND_ADDRESS), e.getMessage());
    }

    private static boolean periodicRunLogged(ByteArrayOutputStream captured) {
        String lines = captured.toString(StandardCharsets.UTF_8);
        return lines.contains("\"periodic sync started\"") || lines.contains("\"periodic sync run failed");
    }
}
