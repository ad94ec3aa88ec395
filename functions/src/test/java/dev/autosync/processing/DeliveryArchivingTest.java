package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.store.Delivery;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryEntry;
import dev.autosync.store.DeliveryFilter;
import dev.autosync.store.PageRequest;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The processor archives every delivery it takes, exactly as it came, and records what became of it where
 * the operator's list finds it: processed, stale, ignored, rejected (its unreadable payload kept too), and
 * the duplicates that arrived after it was done.
 */
@ExtendWith(AwsStandIns.class)
class DeliveryArchivingTest {

    @Test
    void everyDelivery_isArchivedAsSent_withItsOutcome(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        DeliveryArchive archive = new DeliveryArchive(aws.dynamoDb(), rig.resources.tableName(), Duration.ofDays(30));
        List<History.Delivery> script = ConvergenceTest.script();
        History.Delivery installation = script.get(0);
        History.Delivery issueOpened = script.get(5);
        History.Delivery issueEdited = script.get(7);
        for (History.Delivery delivery : List.of(installation, issueEdited, issueOpened)) {
            assertTrue(ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload()));
        }
        // The same delivery again (GitHub's retry, or SQS's at-least-once).
        assertTrue(ProcessorRig.deliver(processor, issueEdited.event(), issueEdited.id(), issueEdited.payload()));
        assertTrue(processor.processMessage("m-bad", "{\"action\": \"opened\", \"issue\": 42",
                ProcessorRig.attributes("issues", "d-unreadable")));

        DeliveryEntry edited = archive.entry(issueEdited.id()).orElseThrow();
        assertEquals(Optional.of(issueEdited.payload().toString()), edited.archive().flatMap(DeliveryEntry.Archived::payload));
        assertEquals(Optional.of(Delivery.Result.PROCESSED), edited.result());
        assertEquals(1, edited.progress().duplicates());
        assertEquals(issueEdited.payload().toString().length(), edited.sizeBytes());
        assertTrue(edited.subject().repositoryId().isPresent() && edited.subject().installationId().isPresent(),
                edited.subject().toString());
        // Delivered after the edit, the opening's older issue is stale: nothing changed.
        assertEquals(Optional.of(Delivery.Result.STALE), archive.entry(issueOpened.id()).orElseThrow().result());

        DeliveryEntry unreadable = archive.entry("d-unreadable").orElseThrow();
        assertEquals(Delivery.Status.REJECTED, unreadable.ledger().status());
        assertEquals(Optional.of("{\"action\": \"opened\", \"issue\": 42"),
                unreadable.archive().flatMap(DeliveryEntry.Archived::payload), "kept as it came, for a replay after a fix");

        Instant received = Instant.parse("2026-01-01T00:00:00Z");
        DeliveryFilter rejected = new DeliveryFilter(Optional.of(DeliveryFilter.Status.REJECTED), Optional.empty(),
                Optional.empty(), Optional.empty(), received.minusSeconds(60), received.plusSeconds(60));
        assertEquals(List.of("d-unreadable"), archive.list(rejected, PageRequest.first(10)).items().stream()
                .map(e -> e.ledger().deliveryId()).toList());
        DeliveryFilter duplicates = new DeliveryFilter(Optional.of(DeliveryFilter.Status.DUPLICATE), Optional.empty(),
                Optional.empty(), Optional.empty(), received.minusSeconds(60), received.plusSeconds(60));
        assertEquals(List.of(issueEdited.id()), archive.list(duplicates, PageRequest.first(10)).items().stream()
                .map(e -> e.ledger().deliveryId()).toList());
    }
}
