package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.sandbox.WebhookMode;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Repositories the store lost while they stayed in an installation (found by the convergence soak, issue 11): on
 * a listing page that answers 304, and to a task that looked one up under the installation it had left.
 */
@ExtendWith(AwsStandIns.class)
class RelistTest {

    // Before, a 304 page's repositories were taken from the store, so one removed there by a stale event (here a
    // removal webhook held back and delivered after it was added back) stayed missing through every run, full ones
    // included, until something else on its listing page changed.
    @Test
    void repositoryRemovedByALateWebhook_onAnUnchangedListingPage_isBroughtBackByTheNextRun(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("relist", "Organization");
            String repo = rig.sandbox.createRepo(installation, "kept");
            rig.sandbox.push(repo, "main", "one", "two");
            rig.runTasks();
            rig.periodicRun(); // the listing page is read, and its ETag kept
            // GIVEN the repository taken out of the installation and added back, the removal's webhook delivered last
            rig.sandbox.withWebhooks(WebhookMode.HOLD, () -> {
                rig.sandbox.removeRepoFromInstallation(installation, repo);
                return null;
            });
            rig.sandbox.addRepoToInstallation(installation, repo);
            rig.clock.advance(Duration.ofMinutes(1));
            rig.sandbox.webhooks().release(dev.autosync.sandbox.Webhooks.Order.FIFO, 0);
            rig.runTasks();

            // WHEN the next run lists the installation, whose listing page is as it was
            rig.clock.advance(Duration.ofMinutes(20));
            rig.periodicRun();

            // THEN the repository is back, with its commits
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
        }
    }

    // Before, a task queued for a repository under the installation it was then transferred out of found it 404 by
    // id and deleted it; when that came after the new installation's run had listed it, it stayed gone.
    @Test
    void taskUnderTheInstallationARepositoryLeft_doesNotDeleteIt(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            long from = rig.sandbox.install("from-org", "Organization");
            long to = rig.sandbox.install("to-org", "Organization");
            String repo = rig.sandbox.createRepo(from, "moving");
            rig.sandbox.push(repo, "main", "one");
            rig.runTasks();
            long id = rig.queries.repositories(java.util.Optional.of(from), dev.autosync.store.PageRequest.first(10))
                    .items().get(0).githubId();
            // GIVEN the repository transferred, the store knowing it under its new installation
            rig.clock.advance(Duration.ofMinutes(1));
            rig.sandbox.transferRepo(repo, to);
            rig.runTasks();

            // WHEN a task queued before the transfer runs, under the installation the repository left
            new dev.autosync.queue.SqsSyncTaskQueue(rig.aws.sqs(), rig.resources.syncTasksQueueUrl(), rig.clock)
                    .send(dev.autosync.queue.SyncTask.of(dev.autosync.queue.SyncTask.Kind.SYNC_REPOSITORY)
                            .withInstallation(from).withRepository(id, repo).withReason("stale", rig.clock.instant()));
            rig.runTasks();

            // THEN the repository is still there, under its new installation
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
        }
    }

    // Before, a 304 listing page stood for whatever ids its record held, though two walks of one installation
    // could leave the record of one read beside the ETag of another (each records its page, then keeps its ETag
    // when it asks for the next). A repository removed with its webhook dropped then stayed in the store through
    // every run, full ones included, as long as the page did not change again (the long convergence soak's
    // soak-3/new-737). Now a record must be of the version GitHub found unchanged, and a full run reads every page.
    @Test
    void listingRecordOfAnotherRead_doesNotHideARemoval(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("stale-record", "Organization");
            rig.sandbox.createRepo(installation, "kept");
            String removed = rig.sandbox.createRepo(installation, "removed");
            rig.runTasks();
            rig.periodicRun(); // the listing page read and recorded, its ETag kept
            // GIVEN the repository taken out of the installation, its webhook lost
            rig.sandbox.withWebhooks(WebhookMode.DROP, () -> {
                rig.sandbox.removeRepoFromInstallation(installation, removed);
                return null;
            });
            // ... and another walk that read the page since and kept its ETag, but whose record lost to the first's
            rig.client.repositories(new dev.autosync.github.InstallationId(installation)).forEach(page -> { });
            assertEquals(2, new dev.autosync.store.SyncState(aws.dynamoDb(), rig.resources.tableName())
                    .listingPages(installation).get(0).repositoryIds().size(), "the record is still of the first read");

            // WHEN the next run lists the installation (not a full run), GitHub answering 304 for the page
            rig.clock.advance(Duration.ofMinutes(20));
            rig.periodicRun();

            // THEN the repository is gone from the store, as from the installation
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
        }
    }
}
