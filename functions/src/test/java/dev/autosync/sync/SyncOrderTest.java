package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.github.HookDelivery;
import dev.autosync.github.Page;
import dev.autosync.sandbox.WebhookMode;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Webhooks and the sync engine writing the same changes, in both orders, store identical items — so
 * neither erases nor rolls back what the other wrote, and the counters agree — and a full run catches what
 * change detection cannot see.
 */
@ExtendWith(AwsStandIns.class)
class SyncOrderTest {

    /** One story of changes on GitHub: a push, an issue opened with a body and labels, edited and closed, a merged PR. */
    private static void story(SyncRig rig) {
        long installation = rig.sandbox.install("order", "Organization");
        String repo = rig.sandbox.createRepo(installation, "app");
        rig.sandbox.push(repo, "main", "one", "two", "three");
        int issue = rig.sandbox.openIssue(repo, "crash on start", "It crashes.", List.of("bug", "p1"));
        rig.clock.advance(Duration.ofMinutes(1));
        rig.sandbox.editIssue(repo, issue, "crash on start-up", "It crashes at once.", List.of("bug"));
        rig.sandbox.closeIssue(repo, issue);
        rig.sandbox.createBranch(repo, "fix", "main");
        rig.sandbox.push(repo, "fix", "the fix");
        int pull = rig.sandbox.openPullRequest(repo, "fix the crash", "fix", "main", "Fixes the crash.", false);
        rig.clock.advance(Duration.ofMinutes(1));
        rig.sandbox.mergePullRequest(repo, pull);
        rig.clock.advance(Duration.ofMinutes(1));
    }

    private static TreeMap<String, Map<String, AttributeValue>> run(AwsFixture aws, Consumer<SyncRig> order) {
        try (SyncRig rig = new SyncRig(aws)) {
            order.accept(rig);
            List<String> differences = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
            return rig.entities();
        }
    }

    @Test
    void webhooksThenSync_andSyncThenWebhooks_storeIdenticalItems(AwsFixture aws) {
        TreeMap<String, Map<String, AttributeValue>> webhooksFirst = run(aws, rig -> {
            story(rig);
            rig.runTasks();
            rig.periodicRun(); // the first scheduled run is a full one: every entity re-read and re-written
        });
        TreeMap<String, Map<String, AttributeValue>> syncFirst = run(aws, rig -> {
            rig.sandbox.webhookMode(WebhookMode.MISS);
            story(rig);
            rig.periodicRun();
            rig.sandbox.webhookMode(WebhookMode.DELIVER);
            // GitHub delivers every webhook late, after the sync wrote the same changes.
            for (Page<HookDelivery> page : (Iterable<Page<HookDelivery>>) rig.client.hookDeliveries()::iterator) {
                for (HookDelivery delivery : page.items()) {
                    rig.client.redeliver(delivery.id());
                }
            }
            rig.runTasks();
        });

        assertEquals(webhooksFirst.keySet(), syncFirst.keySet());
        StringBuilder differences = new StringBuilder();
        webhooksFirst.forEach((key, item) -> {
            if (!item.equals(syncFirst.get(key))) {
                differences.append(key).append("\n  webhooks first: ").append(item)
                        .append("\n  sync first:     ").append(syncFirst.get(key)).append('\n');
            }
        });
        assertTrue(differences.isEmpty(), differences::toString);
    }

    @Test
    void deletedIssueAndForcePushedCommits_areRepairedByTheNextFullRun(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            long installation = rig.sandbox.install("full", "Organization");
            String repo = rig.sandbox.createRepo(installation, "svc");
            rig.sandbox.push(repo, "main", "a", "b", "c", "d");
            int doomed = rig.sandbox.openIssue(repo, "to be deleted");
            rig.sandbox.openIssue(repo, "kept");
            rig.runTasks();
            rig.periodicRun(); // full (the first)

            // WHEN an issue is deleted and a force push drops two commits, with their webhooks never sent
            rig.clock.advance(Duration.ofMinutes(15));
            rig.sandbox.withWebhooks(WebhookMode.DROP, () -> {
                rig.sandbox.deleteIssue(repo, doomed);
                return rig.sandbox.forcePush(repo, "main", 2, "rewritten");
            });
            rig.clock.advance(Duration.ofMinutes(15));
            rig.periodicRun();

            // THEN an incremental run cannot see a deletion (search lists no deleted issue) ...
            List<String> afterIncremental = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertFalse(afterIncremental.isEmpty(), "an incremental run was expected to miss deletions");

            // ... and the next full run (due once a day) repairs both, with exact counts
            rig.clock.advance(Duration.ofHours(24));
            rig.periodicRun();
            List<String> afterFull = StoreVersusGitHub.differences(rig.sandboxState(), rig.queries);
            assertTrue(afterFull.isEmpty(), () -> String.join("\n", afterFull));
        }
    }
}
