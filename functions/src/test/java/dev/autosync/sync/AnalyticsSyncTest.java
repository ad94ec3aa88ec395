package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sync engine tells analytics about what flips no counter: an issue it imports already closed, and a
 * pull request already merged, change the figures of the day they were done, so its cursor writes bump those
 * days' generations (on the repository's sync state).
 */
@ExtendWith(AwsStandIns.class)
class AnalyticsSyncTest {

    @Test
    void anIssueImportedAlreadyClosed_bumpsItsCloseDay_onTheCursorWrite(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            // GIVEN an issue opened and closed on GitHub while no webhook reached autosync
            rig.sandbox.webhooks().disable();
            long installation = rig.sandbox.install("closers", "Organization");
            String repo = rig.sandbox.createRepo(installation, "tracker");
            rig.sandbox.closeIssue(repo, rig.sandbox.openIssue(repo, "done before autosync saw it"));
            rig.clock.advance(Duration.ofMinutes(1));

            // WHEN the periodic run imports it (written closed: no counter flips)
            rig.periodicRun();

            // THEN the repository's sync state holds a generation for the day it was closed
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            aws.dynamoDb().scanPaginator(b -> b.tableName(rig.resources.tableName())).items().forEach(items::add);
            Map<String, AttributeValue> issue = items.stream()
                    .filter(i -> i.get("sk").s().startsWith("ISSUE#")).findFirst().orElseThrow();
            assertEquals("closed", issue.get("state").s());
            String day = Instant.parse(issue.get("closed_at").s()).atZone(ZoneOffset.UTC).toLocalDate().toString();
            Map<String, AttributeValue> sync = items.stream()
                    .filter(i -> i.get("pk").s().equals(issue.get("pk").s()) && i.get("sk").s().equals("SYNC"))
                    .findFirst().orElseThrow();
            assertTrue(sync.containsKey("rgd#" + day), () -> "the sync state: " + sync.keySet());
        }
    }
}
