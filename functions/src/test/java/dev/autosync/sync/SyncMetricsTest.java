package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.CapturedLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sync function's metrics: jobs by type and status (and by each alone), repositories synced, redeliveries requested. */
@ExtendWith(AwsStandIns.class)
class SyncMetricsTest {

    @Test
    void aPeriodicRun_countsItsJobTheRepositoriesItSyncedAndTheRedeliveriesItAskedFor(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("metered", "Organization");
            for (int i = 0; i < 3; i++) {
                rig.sandbox.push(rig.sandbox.createRepo(installation, "m" + i), "main", "one");
            }
            rig.runTasks();
            rig.clock.advance(java.time.Duration.ofMinutes(15));
            try (CapturedLines out = new CapturedLines()) {
                SyncRig.SyncJobResult run = rig.periodicRun();

                String status = run.job().status().wireName();
                assertEquals(1, out.sum("SyncJobs", "type", "periodic_sync", "status", status), out.lines().toString());
                assertEquals(run.job().repositoriesProcessed(),
                        out.sum("RepositoriesSynced", "type", "periodic_sync", "status", status));
                assertTrue(out.metric("RedeliveriesRequested").size() >= 1, "the run checks for missed deliveries");
                // The full set, then the rollups the alarms select: SyncJobs {type=periodic_sync} ("no periodic run
                // in an hour") and SyncJobs {status=failed} ("a sync job failed") match no other dimension set.
                out.metric("SyncJobs").forEach(line -> assertEquals("[[\"status\",\"type\"],[\"type\"],[\"status\"]]",
                        line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString()));
            }
        }
    }
}
