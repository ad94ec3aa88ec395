package dev.autosync.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookWiringTest {

    // Before, a malformed GITHUB_WEBHOOK_SECRET escaped as an IllegalArgumentException with a stack trace,
    // and "a,b,c" silently dropped "c" so deliveries signed with it failed with no hint why.
    @Test
    void malformedLocalSecret_isReportedWithEveryOtherProblem_withoutQuotingIt() {
        for (String secret : List.of("s3cr3t-one,", "s3cr3t-one,s3cr3t-two,s3cr3t-three")) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> WebhookWiring.service(new Env(Map.of(EnvVars.GITHUB_WEBHOOK_SECRET, secret))));

            assertTrue(e.getMessage().contains(EnvVars.GITHUB_WEBHOOK_SECRET), e.getMessage());
            assertTrue(e.getMessage().contains(EnvVars.EVENTS_QUEUE_URL), e.getMessage());
            assertTrue(e.getMessage().contains(EnvVars.SYNC_TASKS_QUEUE_URL), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t"), "the secret never appears in the message");
        }
    }

    @Test
    void noSecretAtAll_namesBothWaysToSetOne() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> WebhookWiring.service(new Env(Map.of(
                EnvVars.EVENTS_QUEUE_URL, "http://127.0.0.1:1/q", EnvVars.SYNC_TASKS_QUEUE_URL, "http://127.0.0.1:1/s"))));

        assertTrue(e.getMessage().contains(EnvVars.GITHUB_WEBHOOK_SECRET_ARN), e.getMessage());
    }
}
