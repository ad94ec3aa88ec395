package dev.autosync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.ConfigurationException;
import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.sandbox.GitHubSandbox;
import dev.autosync.sandbox.WebhookMode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The living demo's changes, against the sandbox itself (its webhooks recorded, sent nowhere). */
class DemoActivityTest {

    @Test
    void manySteps_makeEveryKindOfChange_withAShareOfWebhooksMissedOrDropped() {
        try (GitHubSandbox sandbox = GitHubSandbox.start()) {
            DemoActivity activity = seeded(sandbox, true);
            Set<DemoActivity.Kind> kinds = EnumSet.noneOf(DemoActivity.Kind.class);
            Map<WebhookMode, Integer> modes = new EnumMap<>(WebhookMode.class);
            int steps = 600;
            for (int i = 0; i < steps; i++) {
                DemoActivity.Change change = activity.step();
                kinds.add(change.kind());
                modes.merge(change.webhooks(), 1, Integer::sum);
                assertTrue(activity.repositories().contains(change.repository()),
                        "the changed repository is one the demo knows: " + change);
            }
            assertEquals(EnumSet.allOf(DemoActivity.Kind.class), kinds, "every kind of change happened");
            assertEquals(modes, activity.tally());
            int missed = modes.getOrDefault(WebhookMode.MISS, 0);
            int dropped = modes.getOrDefault(WebhookMode.DROP, 0);
            // 8 % and 4 % of 600: 48 and 24 expected; the bounds are far out so a seed change cannot flake.
            assertTrue(missed >= 20 && missed <= 90, "missed: " + modes);
            assertTrue(dropped >= 6 && dropped <= 50, "dropped: " + modes);
            assertTrue(activity.repositories().size() <= DemoActivity.MAX_REPOSITORIES, activity.repositories().toString());
            // Every name the demo holds is one the sandbox has (renames are followed).
            activity.repositories().forEach(sandbox::defaultBranch);
        }
    }

    @Test
    void withoutARepair_everyWebhookIsDelivered() {
        try (GitHubSandbox sandbox = GitHubSandbox.start()) {
            DemoActivity activity = seeded(sandbox, false);
            for (int i = 0; i < 200; i++) {
                assertEquals(WebhookMode.DELIVER, activity.step().webhooks());
            }
        }
    }

    @Test
    void aRepositoryDeletedBehindTheDemosBack_isForgottenAndTheDemoGoesOn() {
        try (GitHubSandbox sandbox = GitHubSandbox.start()) {
            DemoActivity activity = seeded(sandbox, false);
            sandbox.deleteRepo(activity.repositories().get(0));
            int failures = 0;
            for (int i = 0; i < 100; i++) {
                try {
                    activity.step();
                } catch (RuntimeException e) {
                    failures++;
                    activity.forgetVanished();
                }
            }
            assertTrue(failures >= 1, "a change hit the deleted repository");
            assertTrue(activity.repositories().stream().noneMatch(r -> r.endsWith("/api")), activity.repositories().toString());
        }
    }

    @Test
    void thePace_isOffGentleOrBusy_andAnythingElseIsAClearError() {
        assertEquals(DemoActivity.Pace.GENTLE, pace(Map.of()));
        assertEquals(DemoActivity.Pace.BUSY, pace(Map.of(EnvVars.AUTOSYNC_DEMO_ACTIVITY, "Busy")));
        assertEquals(DemoActivity.Pace.OFF, pace(Map.of(EnvVars.AUTOSYNC_DEMO_ACTIVITY, "off")));
        Env env = new Env(Map.of(EnvVars.AUTOSYNC_DEMO_ACTIVITY, "frantic"));
        DemoActivity.Pace.from(env);
        Executable validate = env::validate;
        ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class, validate);
        assertTrue(e.getMessage().contains(EnvVars.AUTOSYNC_DEMO_ACTIVITY + " must be off, gentle or busy, not 'frantic'"),
                e.getMessage());
    }

    private static DemoActivity.Pace pace(Map<String, String> variables) {
        Env env = new Env(variables);
        DemoActivity.Pace pace = DemoActivity.Pace.from(env);
        env.validate();
        return pace;
    }

    private static DemoActivity seeded(GitHubSandbox sandbox, boolean failSomeWebhooks) {
        long installation = sandbox.install(DemoGitHub.DEMO_ORG, "Organization");
        String api = sandbox.createRepo(installation, "api");
        String web = sandbox.createRepo(installation, "web");
        sandbox.push(api, "main", "Initial commit");
        sandbox.push(web, "main", "Initial commit");
        return new DemoActivity(sandbox, installation, List.of(api, web), DemoActivity.Pace.BUSY, failSomeWebhooks,
                new Random(20261202));
    }
}
