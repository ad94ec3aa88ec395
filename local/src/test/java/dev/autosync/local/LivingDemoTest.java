package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.EnvVars;
import dev.autosync.sandbox.WebhookMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run command's living demo ({@code AUTOSYNC_DEMO_ACTIVITY=busy}): the demo organisation keeps changing
 * with a share of its webhooks missed or dropped; once it stops, one periodic run makes the API agree with
 * the sandbox again — redelivering what GitHub recorded as failed and finding what was never sent.
 */
class LivingDemoTest {

    private static final String TOKEN = "living-demo-token-0123456789";
    /** Bounds on waits for a busy CI machine; each normally ends within seconds. */
    private static final long CHANGES_TIMEOUT_MS = 120_000;
    private static final long RUN_TIMEOUT_MS = 180_000;
    private static final long AGREEMENT_TIMEOUT_MS = 60_000;
    private static final int CHANGES = 40;

    @Test
    void theBusyDemo_keepsChanging_andAPeriodicRunRepairsEveryFailedWebhook() throws Exception {
        // The schedule's first run an hour away: this test starts the run itself once the demo has stopped.
        try (LocalRunner runner = LocalRunner.start(Map.of(EnvVars.AUTOSYNC_PORT, "0", EnvVars.AUTOSYNC_API_TOKENS, TOKEN,
                EnvVars.AUTOSYNC_DEMO_ACTIVITY, "busy"), Duration.ofHours(1))) {
            assertTrue(runner.readyLine().contains(" demo_activity=busy"), runner.readyLine());
            DemoActivity activity = runner.demoActivity().orElseThrow();
            LocalApi api = new LocalApi(runner, TOKEN);
            URI control = URI.create(LocalRunner.readyFields(runner.readyLine()).get("github"));

            long deadline = System.currentTimeMillis() + CHANGES_TIMEOUT_MS;
            while (!enough(activity.tally()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            activity.close();
            Map<WebhookMode, Integer> tally = activity.tally();
            assertTrue(enough(tally), "the demo made " + CHANGES + " changes, some missed and some dropped: " + tally);

            String job = api.post("/api/sync/periodic", 202).path("job_id").asText();
            JsonNode finished = awaitFinished(api, job);
            assertEquals("completed", finished.path("status").asText(), finished.toString());
            assertTrue(finished.path("details").path("redeliveries").asInt() >= 1,
                    "the run asked GitHub to redeliver the missed webhooks: " + finished);
            // Redelivered webhooks reach the processor after the run's own repairs; both write the same.
            long agreeBy = System.currentTimeMillis() + AGREEMENT_TIMEOUT_MS;
            // The soak's checker: every field the API serves, against the sandbox's state.
            java.time.Instant since = java.time.Instant.now().minus(Duration.ofDays(90));
            List<String> differences = ConvergenceChecker.differences(api, DemoDataTest.sandboxState(control), since);
            while (!differences.isEmpty() && System.currentTimeMillis() < agreeBy) {
                Thread.sleep(250);
                differences = ConvergenceChecker.differences(api, DemoDataTest.sandboxState(control), since);
            }
            assertEquals(List.of(), differences, "after " + tally + " the API agrees with /_sandbox/state");
        }
    }

    private static boolean enough(Map<WebhookMode, Integer> tally) {
        int total = tally.values().stream().mapToInt(Integer::intValue).sum();
        return total >= CHANGES && tally.getOrDefault(WebhookMode.MISS, 0) >= 1 && tally.getOrDefault(WebhookMode.DROP, 0) >= 1;
    }

    private static JsonNode awaitFinished(LocalApi api, String jobId) throws Exception {
        long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MS;
        JsonNode job = api.get("/api/sync/jobs/" + jobId);
        while (Map.of("pending", 0, "running", 0).containsKey(job.path("status").asText())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            job = api.get("/api/sync/jobs/" + jobId);
        }
        return job;
    }
}
