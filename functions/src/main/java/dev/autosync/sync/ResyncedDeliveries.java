package dev.autosync.sync;

import dev.autosync.common.Log;
import dev.autosync.common.Metrics;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.Delivery;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryHours;
import dev.autosync.store.DeliveryLedger;
import java.util.Map;

/**
 * A webhook delivery whose payload SQS could not carry (over 1 MiB) never reaches the processor: the webhook
 * queued the sync that re-reads what it said instead. When that task first runs, this records the delivery as
 * the processor records the others — in the ledger's list of deliveries, completed, in the archive as
 * metadata ({@code payload_archived: false}, {@code covered_by} the task), and in its hour's count
 * ({@link DeliveryHours}) — so every accepted delivery can be found and is counted, and a replay of it is
 * refused with what covers it.
 */
final class ResyncedDeliveries {

    private static final Log LOG = Log.of(ResyncedDeliveries.class);

    private final DeliveryLedger ledger;
    private final DeliveryArchive archive;
    private final DeliveryHours hours;

    ResyncedDeliveries(DeliveryLedger ledger, DeliveryArchive archive, DeliveryHours hours) {
        this.ledger = ledger;
        this.archive = archive;
        this.hours = hours;
    }

    /** Records the delivery a webhook's resync task stands in for, once; any other task is left alone. */
    void record(SyncTask task, String jobId) {
        if (task.deliveryId() == null || task.event() == null || task.requestedAt() == null) {
            return;
        }
        String covered = SyncTask.resyncOf(task.installationId(), task.repositoryId()).orElse(task.taskKey());
        long size = task.payloadBytes() == null ? 0 : task.payloadBytes();
        DeliveryLedger.Claimed claim = ledger.claim(new DeliveryLedger.Receipt(task.deliveryId(), task.event(), null,
                task.requestedAt(), task.installationId(), task.repositoryId(), size));
        if (claim.attempt() == null) {
            return; // recorded before (a re-sent task), or recorded by another worker right now
        }
        archive.archiveMetadata(task.deliveryId(), task.requestedAt(), size, covered);
        ledger.complete(claim.attempt(), Delivery.Result.PROCESSED, "payload of " + size + " bytes too large to queue ("
                + task.reason() + "): re-read by " + covered + ", job " + jobId);
        // Counted by the attempt that settled it, as the processor counts the others: at most once.
        hours.record(task.deliveryId(), Metrics.event(task.event()), DeliveryHours.PROCESSED, task.requestedAt());
        LOG.info("delivery too large to queue recorded", Map.of("delivery", task.deliveryId(), "covered_by", covered));
    }
}
