package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.store.Delivery;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GIVEN a signed body GitHub sent for one event, WHEN it arrives again under another event's name (the
 * signature covers the body, not the {@code X-GitHub-Event} header), THEN it is rejected and changes nothing.
 */
@ExtendWith(AwsStandIns.class)
class ReplayedBodyTest {

    private static final long REPOSITORY = 77;

    // Protects against the replay that uninstalled a whole installation: issues.deleted carries action
    // "deleted", the installation and the repository — all that installation.deleted and repository.deleted
    // read — so only the issue it carries shows it is not theirs.
    @Test
    void issuesDeletedBodyReplayedAsInstallationOrRepository_isRejectedAndChangesNothing(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        List<History.Delivery> script = new History()
                .installationCreated(REPOSITORY)
                .issue("opened", REPOSITORY, 1, "open", "first")
                .issue("opened", REPOSITORY, 2, "open", "second")
                .issue("deleted", REPOSITORY, 2, "open", "second")
                .deliveries();
        for (History.Delivery delivery : script) {
            assertTrue(ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload()));
        }
        History.Delivery captured = script.get(script.size() - 1);
        var before = rig.dump();

        for (String event : List.of("installation", "repository")) {
            String replay = "replay-as-" + event;
            assertTrue(ProcessorRig.deliver(processor, event, replay, captured.payload()), "acknowledged, not retried");

            Delivery recorded = rig.queries.delivery(replay).orElseThrow();
            assertEquals(Delivery.Status.REJECTED, recorded.status());
            assertEquals(event, recorded.event());
            // The reason names the first key (alphabetically) the event never has: 'issue' or one before it.
            assertTrue(recorded.error().matches("UnreadablePayloadException: the payload does not match its event "
                    + event + ": it carries '[a-z_]+', which " + event + " payloads never have"), recorded.error());
        }
        assertEquals("", ProcessorRig.differences(before, rig.dump()));
        assertTrue(rig.queries.installation(History.INSTALLATION).isPresent());
        assertTrue(rig.queries.repository(REPOSITORY).isPresent());
    }
}
