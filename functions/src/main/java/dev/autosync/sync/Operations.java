package dev.autosync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.queue.DeadLetters;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessage;
import dev.autosync.queue.EventQueue;
import dev.autosync.queue.QueueUnavailableException;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryEntry;
import dev.autosync.store.JobStore;
import dev.autosync.store.JobStore.OperationCount;
import dev.autosync.store.OperationState;
import dev.autosync.store.Page;
import dev.autosync.store.PageKey;
import dev.autosync.store.PageRequest;
import dev.autosync.store.SyncJob;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's operations on deliveries, run as jobs on the sync-task queue: a {@code replay} re-queues
 * archived deliveries with the replay mark (the processor applies each once per replay job, and its order
 * guards and op-scoped counters make a replay change nothing already applied); a {@code redrive} moves dead
 * letters back to their source queue.
 *
 * <p>What to do and how far it got is the job's state ({@code details}); the work goes in steps, each
 * claimed on the job before it is done ({@link JobStore#claimStep}), so a duplicated task message never does
 * a step twice, and counted after ({@link JobStore#count}). A step is a page of deliveries (or a batch of dead
 * letters); steps go on in one invocation until its deadline, then the task is sent again to continue.
 */
public final class Operations {

    /** Deliveries per replay step: a page of the list, then one read and one send each (well under a second). */
    static final int REPLAY_PAGE = 25;
    /** Dead letters per redrive step. */
    static final int REDRIVE_BATCH = 50;
    private static final Log LOG = Log.of(Operations.class);

    /** Where the operations send: the events queue (replays) and each dead-letter queue by its wire name. */
    public record Queues(Optional<EventQueue> events, Map<String, DeadLetters> deadLetters) {

        public static Queues none() {
            return new Queues(Optional.empty(), Map.of());
        }
    }

    private final JobStore jobs;
    private final DeliveryArchive archive;
    private final Queues queues;
    private final SyncTaskQueue tasks;
    private final Clock clock;

    Operations(JobStore jobs, DeliveryArchive archive, Queues queues, SyncTaskQueue tasks, Clock clock) {
        this.jobs = jobs;
        this.archive = archive;
        this.queues = queues;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** What a step came to. */
    private enum Step {
        /** More to do. */
        MORE,
        /** The operation is done. */
        DONE,
        /** Another worker claimed this step (a duplicated task): this one stops. */
        TAKEN
    }

    /**
     * Runs the job's steps until it ends or {@code deadline} is near, then sends the task again.
     *
     * @return false to have the message delivered again (the store or a queue was unreachable)
     */
    boolean run(SyncTask task, Instant deadline) {
        Optional<JobStore.Operation> found = jobs.operation(task.jobId());
        if (found.isEmpty()) {
            LOG.warn("operation task without its job: dropped", Map.of("job_id", String.valueOf(task.jobId())));
            return true;
        }
        SyncJob job = found.get().job();
        if (finished(job)) {
            return true;
        }
        long step = found.get().steps();
        ObjectNode state = (ObjectNode) job.details();
        // A redrive's progress is what it counted; a replay's is the deliveries it claimed (its state's "done").
        long failed = state.path(OperationCount.FAILED.wireName()).asLong(0);
        long done = task.kind() == SyncTask.Kind.REPLAY_DELIVERIES ? state.path(OperationState.DONE).asLong(0)
                : state.path(OperationCount.MOVED.wireName()).asLong(0) + failed;
        try {
            while (clock.instant().isBefore(deadline)) {
                Map<OperationCount, Long> counts = new EnumMap<>(OperationCount.class);
                ObjectNode next = state.deepCopy();
                Step result = task.kind() == SyncTask.Kind.REPLAY_DELIVERIES
                        ? replayStep(job.jobId(), state, next, done, counts, step)
                        : redriveStep(job.jobId(), state, next, done, counts, step);
                if (result == Step.TAKEN) {
                    return true;
                }
                failed += counts.getOrDefault(OperationCount.FAILED, 0L);
                done = next.path(OperationState.DONE).asLong(done);
                if (result == Step.DONE) {
                    SyncJob.Status status = failed > 0 ? SyncJob.Status.COMPLETED_WITH_ERRORS : SyncJob.Status.COMPLETED;
                    jobs.finishOperation(job.jobId(), status, null, clock.instant());
                    LOG.info("operation finished", Map.of("job_id", job.jobId(), "status", status.wireName(), "done", done));
                    return true;
                }
                state = next;
                step++;
            }
            tasks.send(task);
            return true;
        } catch (QueueUnavailableException | dev.autosync.store.StoreUnavailableException e) {
            LOG.warn("operation step will be retried", Map.of("job_id", job.jobId(), "error", e.getClass().getSimpleName()));
            return false;
        }
    }

    /**
     * One page of a replay: claims it (the state's cursor and count move past it), then sends each archived
     * delivery on it with the replay mark.
     */
    private Step replayStep(String jobId, ObjectNode state, ObjectNode next, long done, Map<OperationCount, Long> counts,
                            long step) {
        long limit = state.path(OperationState.LIMIT).asLong(1);
        List<DeliveryEntry> entries;
        Optional<PageKey> after;
        if (state.hasNonNull(OperationState.DELIVERY_ID)) {
            entries = done > 0 ? List.of() : archive.entry(state.path(OperationState.DELIVERY_ID).asText()).stream().toList();
            after = Optional.empty();
        } else {
            int size = (int) Math.min(REPLAY_PAGE, limit - done);
            if (size <= 0) {
                return Step.DONE;
            }
            Page<DeliveryEntry> page = archive.list(OperationState.filter(state.path(OperationState.FILTER)), new PageRequest(size, cursor(state)));
            entries = page.items();
            after = page.next();
        }
        next.put(OperationState.DONE, done + entries.size());
        after.ifPresentOrElse(key -> next.set(OperationState.CURSOR, Json.mapper().valueToTree(key.attributes())),
                () -> next.putNull(OperationState.CURSOR));
        if (!jobs.claimStep(jobId, step, next, clock.instant())) {
            return Step.TAKEN;
        }
        for (DeliveryEntry listed : entries) {
            replay(jobId, listed, counts);
        }
        if (!counts.isEmpty()) {
            jobs.count(jobId, counts);
        }
        return after.isEmpty() || done + entries.size() >= limit ? Step.DONE : Step.MORE;
    }

    private void replay(String jobId, DeliveryEntry listed, Map<OperationCount, Long> counts) {
        String id = listed.ledger().deliveryId();
        Optional<DeliveryEntry> entry = listed.archive().isPresent() ? Optional.of(listed) : archive.entry(id);
        Optional<String> payload = entry.flatMap(DeliveryEntry::archive).flatMap(DeliveryEntry.Archived::payload);
        if (payload.isEmpty() || !DeliveryId.isValid(id) || listed.ledger().event() == null) {
            counts.merge(OperationCount.SKIPPED, 1L, Long::sum);
            return;
        }
        EventQueue events = queues.events().orElseThrow(() -> new IllegalStateException("no events queue to replay to"));
        try {
            events.send(new EventMessage(new DeliveryId(id), listed.ledger().event(), Optional.empty(),
                    listed.ledger().receivedAt(), payload.get(), Optional.of(jobId)));
            counts.merge(OperationCount.REPLAYED, 1L, Long::sum);
        } catch (QueueUnavailableException e) {
            counts.merge(OperationCount.FAILED, 1L, Long::sum);
        }
    }

    /** One batch of a redrive: claims it, then moves up to a batch; done at the limit or when the queue is drained. */
    private Step redriveStep(String jobId, ObjectNode state, ObjectNode next, long done, Map<OperationCount, Long> counts,
                             long step) {
        long limit = state.path(OperationState.LIMIT).asLong(1);
        int size = (int) Math.min(REDRIVE_BATCH, limit - done);
        if (size <= 0) {
            return Step.DONE;
        }
        DeadLetters letters = queues.deadLetters().get(state.path(OperationState.QUEUE).asText());
        if (letters == null) {
            throw new IllegalStateException("no dead-letter queue named " + state.path(OperationState.QUEUE).asText());
        }
        if (!jobs.claimStep(jobId, step, next, clock.instant())) {
            return Step.TAKEN;
        }
        DeadLetters.Moved moved = letters.move(size);
        counts.put(OperationCount.MOVED, (long) moved.moved());
        counts.put(OperationCount.FAILED, (long) moved.failed());
        jobs.count(jobId, counts);
        next.put(OperationState.DONE, done + moved.moved() + moved.failed());
        return moved.drained() || done + moved.moved() + moved.failed() >= limit ? Step.DONE : Step.MORE;
    }

    private static Optional<PageKey> cursor(JsonNode state) {
        JsonNode cursor = state.path(OperationState.CURSOR);
        if (!cursor.isObject()) {
            return Optional.empty();
        }
        Map<String, String> attributes = new HashMap<>();
        cursor.fields().forEachRemaining(field -> attributes.put(field.getKey(), field.getValue().asText()));
        return Optional.of(new PageKey(attributes));
    }

    private static boolean finished(SyncJob job) {
        return job.status() == SyncJob.Status.COMPLETED || job.status() == SyncJob.Status.COMPLETED_WITH_ERRORS
                || job.status() == SyncJob.Status.FAILED;
    }
}
