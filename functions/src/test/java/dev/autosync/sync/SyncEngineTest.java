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

/**
 * The sync engine end to end over the sandbox, dynalite and ElasticMQ: a new installation is imported
 * in full, webhooks lost or never sent are repaired by the next periodic run, an idle run sends no
 * repository task, and every job ends once with true counts.
 */
@ExtendWith(AwsStandIns.class)
class SyncEngineTest {

    @Test
    void installationWhoseWebhookWasLost_isImportedInFullByTheNextPeriodicRun(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            // GIVEN an installation on 250 repositories, none of whose webhooks reached autosync
            rig.sandbox.webhooks().disable();
            long installation = rig.sandbox.install("acme", "Organization");
            for (int i = 0; i < 250; i++) {
                String repo = rig.sandbox.createRepo(installation, "repo-" + i);
                rig.sandbox.push(repo, "main", "first " + i, "second " + i);
                if (i % 25 == 0) {
                    int issue = rig.sandbox.openIssue(repo, "bug " + i);
                    rig.sandbox.closeIssue(repo, issue);
                    rig.sandbox.openIssue(repo, "open bug " + i);
                }
            }
            rig.clock.advance(Duration.ofMinutes(1));

            // WHEN the periodic run comes
            SyncRig.SyncJobResult run = rig.periodicRun();

            // THEN the run found the installation and its import job imported every repository
            assertEquals(SyncJob.Status.COMPLETED, run.job().status(), () -> run.job().toString());
            SyncJob imported = rig.jobs.jobs(new dev.autosync.store.JobFilter(java.util.Optional.of(SyncJob.Type.AUTO_IMPORT),
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()),
                    dev.autosync.store.PageRequest.first(10)).items().get(0);
            assertEquals(SyncJob.Status.COMPLETED, imported.status(), imported::toString);
            assertEquals(250, imported.repositoriesProcessed());
            assertEquals(0, imported.errorsCount());
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
        }
    }

    @Test
    void anIdleRun_sendsNoRepositoryTask_andMarksEveryRepositorySynced(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("quiet", "Organization");
            for (int i = 0; i < 5; i++) {
                rig.sandbox.push(rig.sandbox.createRepo(installation, "r" + i), "main", "one", "two");
            }
            rig.runTasks(); // the import the installation's webhook asked for
            rig.clock.advance(Duration.ofMinutes(15));
            rig.periodicRun();
            rig.clock.advance(Duration.ofMinutes(15));

            SyncRig.SyncJobResult idle = rig.periodicRun();

            assertEquals(SyncJob.Status.COMPLETED, idle.job().status());
            assertEquals(2, idle.tasksRun(), "the run's own task and the installation's, no repository task");
            assertEquals(5, idle.job().repositoriesProcessed());
            assertEquals(5, new dev.autosync.store.SyncMarks(aws.dynamoDb(), rig.resources.tableName())
                    .countSyncedSince(rig.clock.instant().minusSeconds(1), rig.clock.instant()));
        }
    }

    @Test
    void changesWhoseWebhooksWereMissedOrNeverSent_areRepairedByOnePeriodicRun(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            // GIVEN an installation the store holds completely
            long installation = rig.sandbox.install("octo", "Organization");
            long other = rig.sandbox.install("other-org", "Organization");
            List<String> repos = new java.util.ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String repo = rig.sandbox.createRepo(installation, "svc-" + i);
                rig.sandbox.push(repo, "main", "init " + i);
                repos.add(repo);
            }
            int issue = rig.sandbox.openIssue(repos.get(1), "flaky test");
            rig.sandbox.createBranch(repos.get(2), "feature", "main");
            rig.sandbox.push(repos.get(2), "feature", "feature work");
            int pull = rig.sandbox.openPullRequest(repos.get(2), "add feature", "feature", "main");
            rig.runTasks();
            rig.clock.advance(Duration.ofMinutes(15));
            rig.periodicRun();
            assertTrue(StoreVersusGitHub.differences(rig.sandboxState(), rig.queries).isEmpty());

            // WHEN changes happen whose webhooks fail (GitHub records them) or are never sent
            rig.clock.advance(Duration.ofMinutes(3));
            rig.sandbox.webhooks().missNext(3);
            rig.sandbox.push(repos.get(0), "main", "missed push 1", "missed push 2");
            rig.sandbox.closeIssue(repos.get(1), issue);
            rig.sandbox.mergePullRequest(repos.get(2), pull);
            rig.sandbox.webhooks().disable();
            rig.sandbox.renameRepo(repos.get(3), "svc-3-renamed");
            rig.sandbox.deleteRepo(repos.get(4));
            rig.sandbox.push(rig.sandbox.createRepo(installation, "svc-new"), "main", "brand new");
            rig.sandbox.push(repos.get(5), "main", "dropped push");
            rig.sandbox.editIssue(repos.get(1), issue, "flaky test (quarantined)");
            rig.sandbox.transferRepo(repos.get(6), other);
            rig.sandbox.archiveRepo(repos.get(7), true);
            rig.sandbox.removeRepoFromInstallation(installation, repos.get(8));
            rig.sandbox.webhooks().deliverTo(rig.receiverUrl(), "rig-secret");
            rig.clock.advance(Duration.ofMinutes(12));
            SyncRig.SyncJobResult run = rig.periodicRun();

            // THEN one run puts the store equal to GitHub, and each failed delivery was redelivered once
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
            assertEquals(SyncJob.Status.COMPLETED, run.job().status(), () -> run.job().toString());
            assertEquals(3, run.job().details().path("redeliveries").asInt(), () -> run.job().details().toString());
            List<dev.autosync.sandbox.Delivery> redelivered = rig.sandbox.webhooks().deliveries().stream()
                    .filter(d -> d.redelivery()).toList();
            assertEquals(3, redelivered.size());
            // ... and the processor processed each redelivery (the sync's note of asking must not block its claim)
            redelivered.forEach(d -> assertEquals("completed", rig.queries.delivery(d.guid()).orElseThrow().status().wireName(),
                    () -> "delivery " + d.guid() + " " + d.event()));

            // AND a second run asks for nothing again
            rig.clock.advance(Duration.ofMinutes(15));
            assertEquals(0, rig.periodicRun().job().details().path("redeliveries").asInt());
        }
    }

    @Test
    void aWebhooksResyncTask_getsAJobDerivedFromItsDelivery_thatARedeliveredTaskFindsAgain(AwsFixture aws) throws Exception {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("big-payloads", "Organization");
            String name = rig.sandbox.createRepo(installation, "huge");
            rig.runTasks();
            rig.sandbox.webhooks().disable();
            rig.sandbox.push(name, "main", "in a payload too large for SQS");
            long repositoryId = rig.queries.repositories(java.util.Optional.of(installation),
                    dev.autosync.store.PageRequest.first(10)).items().get(0).githubId();
            // GIVEN the task the webhook function queues for a payload SQS cannot carry (no job of its own)
            dev.autosync.queue.SyncTask task = dev.autosync.queue.SyncTask.of(dev.autosync.queue.SyncTask.Kind.SYNC_REPOSITORY)
                    .withInstallation(installation).withRepository(repositoryId, name).withBranch("main")
                    .withReason("payload_too_large", rig.clock.instant()).withDelivery("0f3c2a10-7a1b-11ef-8000-1234567890ab")
                    .withPayload("push", 2_100_000);
            String body = dev.autosync.common.Json.write(task);

            // WHEN it runs, and GitHub's redelivery of the same webhook queues it again
            assertTrue(rig.engine.handleMessage("first", body, java.util.Optional.empty(), java.util.Optional.of(Duration.ofMinutes(5))));
            assertTrue(rig.engine.handleMessage("second", body, java.util.Optional.empty(), java.util.Optional.of(Duration.ofMinutes(5))));

            // THEN one webhook_triggered job, completed once, and the push is in the store
            List<SyncJob> jobs = rig.jobs.jobs(new dev.autosync.store.JobFilter(java.util.Optional.of(SyncJob.Type.WEBHOOK_TRIGGERED),
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()),
                    dev.autosync.store.PageRequest.first(10)).items();
            assertEquals(1, jobs.size(), jobs::toString);
            assertEquals(SyncJob.Status.COMPLETED, jobs.get(0).status());
            assertEquals("0f3c2a10-7a1b-11ef-8000-1234567890ab", jobs.get(0).details().path("delivery_id").asText());
            assertEquals(1, jobs.get(0).repositoriesProcessed());
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
            // AND the delivery it stands in for is listed and archived as metadata, naming what re-read it
            dev.autosync.store.DeliveryEntry entry = new dev.autosync.store.DeliveryArchive(aws.dynamoDb(),
                    rig.resources.tableName(), Duration.ZERO).entry("0f3c2a10-7a1b-11ef-8000-1234567890ab").orElseThrow();
            assertEquals("push", entry.ledger().event());
            assertEquals(dev.autosync.store.Delivery.Status.COMPLETED, entry.ledger().status());
            assertEquals(2_100_000, entry.sizeBytes());
            assertEquals(1, entry.ledger().attempts(), "recorded once, though the task ran twice");
            dev.autosync.store.DeliveryEntry.Archived archived = entry.archive().orElseThrow();
            assertTrue(!archived.payloadArchived() && archived.payload().isEmpty());
            assertEquals(java.util.Optional.of("sync_repository:" + repositoryId), archived.coveredBy());
            // AND it is counted once in the hour the webhook received it, as the dashboard's chart shows deliveries
            List<dev.autosync.store.DeliveryHours.Hour> hours = new dev.autosync.store.DeliveryHours(aws.dynamoDb(),
                    rig.resources.tableName()).hours(rig.clock.instant(), rig.clock.instant());
            // (the installation's and the repository's webhooks count there too; the push's was never sent)
            assertEquals(1L, hours.get(0).byEvent().get("push"), hours::toString);
            assertEquals(java.util.Map.of("processed", hours.get(0).deliveries()), hours.get(0).byOutcome());
        }
    }

    @Test
    void aChangeInTheSameSecondAsTheLastSync_isStillSeenByTheNextRun(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("same-second", "Organization");
            String repo = rig.sandbox.createRepo(installation, "app");
            int issue = rig.sandbox.openIssue(repo, "opened");
            rig.runTasks(); // the import reads the issue in the same second it was opened (the clock stands still)

            // WHEN the issue is closed in that very second, its webhook dropped
            rig.sandbox.withWebhooks(dev.autosync.sandbox.WebhookMode.DROP, () -> {
                rig.sandbox.closeIssue(repo, issue);
                return null;
            });
            rig.clock.advance(Duration.ofMinutes(15));
            rig.periodicRun();

            // THEN GitHub's whole-second times did not hide it from change detection
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
        }
    }
}
