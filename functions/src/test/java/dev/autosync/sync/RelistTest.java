package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.sandbox.WebhookMode;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A repository the store lost while GitHub's listing did not change (found by the convergence soak, issue 11):
 * the listing page answers 304, and the run must still bring the repository back.
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
}
