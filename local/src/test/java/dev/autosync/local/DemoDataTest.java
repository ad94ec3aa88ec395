package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run command's demo: the sandbox's seeded organisation reaches the table only through signed
 * webhooks, the gateway, the queue and the processor — so this fails if any link of that chain breaks.
 */
class DemoDataTest {

    private static final String TOKEN = "demo-token-0123456789";

    @Test
    void seededOrganisation_arrivesThroughTheWebhookPath() throws Exception {
        try (LocalRunner runner = LocalRunner.start(Map.of("AUTOSYNC_PORT", "0", "AUTOSYNC_API_TOKENS", TOKEN))) {
            JsonNode api = new LocalApi(runner, TOKEN).awaitRepository("octo-demo/api", 4);

            assertEquals(2, api.path("contributor_count").asInt(), api.toString());
            assertEquals(1, api.path("open_issues_count").asInt(), api.toString());
            assertTrue(api.path("webhook_configured").asBoolean());
        }
    }
}
