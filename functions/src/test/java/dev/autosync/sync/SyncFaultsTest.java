package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.store.SyncJob;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rate limits, long histories and force pushes: the engine waits, continues and repairs, never loses or doubles. */
@ExtendWith(AwsStandIns.class)
class SyncFaultsTest {

    @Test
    void rateLimitSpentMidImport_waitsForTheReset_andResumesWithNothingLostOrDoubled(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            rig.sandbox.webhooks().disable();
            long installation = rig.sandbox.install("busy", "Organization");
            for (int i = 0; i < 12; i++) {
                rig.sandbox.push(rig.sandbox.createRepo(installation, "r" + i), "main", "a" + i, "b" + i, "c" + i);
            }
            // GIVEN an installation token that can make only a few requests this hour
            rig.sandbox.setRateLimit(installation, 15);

            SyncRig.SyncJobResult run = rig.periodicRun();

            SyncJob imported = rig.jobs.jobs(new dev.autosync.store.JobFilter(java.util.Optional.of(SyncJob.Type.AUTO_IMPORT),
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()),
                    dev.autosync.store.PageRequest.first(10)).items().get(0);
            assertEquals(SyncJob.Status.COMPLETED, imported.status(), imported::toString);
            assertEquals(12, imported.repositoriesProcessed());
            assertTrue(imported.details().path("waits").asInt() >= 1, () -> imported.details().toString());
            assertTrue(rig.sleeps.stream().allMatch(s -> s.compareTo(Duration.ofSeconds(10)) <= 0),
                    () -> "slept inside the function: " + rig.sleeps);
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
            assertEquals(SyncJob.Status.COMPLETED, run.job().status());
        }
    }

    @Test
    void longHistory_checkpointsPageByPage_andCountsEveryCommitOnce(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("history", "User");
            String repo = rig.sandbox.createRepo(installation, "monolith");
            String[] messages = new String[450];
            for (int i = 0; i < messages.length; i++) {
                messages[i] = "commit " + i;
            }
            rig.sandbox.webhooks().disable();
            rig.sandbox.push(repo, "main", messages);

            // WHEN every task invocation has time for only one page of commits
            rig.invocationTime(Duration.ofSeconds(30));
            int tasks = rig.runTasks() + rig.periodicRun().tasksRun();

            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
            assertTrue(tasks >= 5, "450 commits at 100 a page: the repository task continued at least 4 times, ran " + tasks);
        }
    }
}
