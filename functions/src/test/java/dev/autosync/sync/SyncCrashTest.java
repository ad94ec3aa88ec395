package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.Json;
import dev.autosync.github.InstallationId;
import dev.autosync.github.RepoRef;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.JobProgress;
import dev.autosync.store.SyncJob;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.CrashAfterWrites;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository task that dies after any number of writes, retried after GitHub moved on (new commits, so
 * the retry lists other pages than the dead attempt), leaves exact counts: every commit once in the
 * repository's and its authors' counts.
 */
@ExtendWith(AwsStandIns.class)
class SyncCrashTest {

    @ParameterizedTest(name = "crash after {0} writes")
    @ValueSource(ints = {2, 45, 130, 210})
    void aTaskCrashedMidHistory_andRetriedOnOtherPages_countsEveryCommitOnce(int writes, AwsFixture aws) throws Exception {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("crashy", "Organization"); // its webhook records the installation
            rig.sandbox.webhooks().disable();
            String name = rig.sandbox.createRepo(installation, "big");
            rig.sandbox.actingAs("alice").push(name, "main", messages("a", 120));
            rig.sandbox.actingAs("bob").push(name, "main", messages("b", 110));
            long repositoryId = rig.client.repository(new InstallationId(installation), RepoRef.parse(name)).value().orElseThrow().id();
            SyncTask task = SyncTask.of(SyncTask.Kind.SYNC_REPOSITORY).withJob("crash-job").withInstallation(installation)
                    .withRepository(repositoryId, name).withReason("test", rig.clock.instant());
            new JobProgress(aws.dynamoDb(), rig.resources.tableName(), rig.clock).create(
                    SyncJob.pending("crash-job", SyncJob.Type.MANUAL_SYNC, installation, repositoryId, null, rig.clock.instant()),
                    List.of(task.taskKey()));
            String body = Json.write(task);

            // WHEN the first attempt dies after `writes` writes
            SyncEngine dying = SyncWiring.create(rig.client, CrashAfterWrites.client(aws.dynamoDb(), writes), rig.resources.tableName(),
                    (t, d) -> { }, SyncSettings.defaults(), rig.clock);
            assertFalse(dying.handleMessage("m1", body, Optional.empty(), Optional.of(Duration.ofMinutes(5))), "the dead attempt asks for a retry");
            // ... GitHub moves on, and SQS delivers the task again after the lease has expired
            rig.sandbox.actingAs("carol").push(name, "main", messages("c", 35));
            rig.clock.advance(RepositorySync.LEASE.plusMinutes(1));
            assertTrue(rig.engine.handleMessage("m1", body, Optional.empty(), Optional.of(Duration.ofMinutes(5))));
            rig.runTasks();

            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
        }
    }

    private static String[] messages(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new);
    }
}
