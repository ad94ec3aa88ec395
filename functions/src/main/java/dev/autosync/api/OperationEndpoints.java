package dev.autosync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.api.Route.Access;
import dev.autosync.common.Json;
import dev.autosync.common.Log;
import dev.autosync.queue.DeadLetterQueues;
import dev.autosync.queue.DeadLetters;
import dev.autosync.queue.DeliveryId;
import dev.autosync.queue.EventMessageCodec;
import dev.autosync.queue.QueueUnavailableException;
import dev.autosync.queue.SyncTask;
import dev.autosync.queue.SyncTaskQueue;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryEntry;
import dev.autosync.store.DeliveryFilter;
import dev.autosync.store.JobStore;
import dev.autosync.store.OperationState;
import dev.autosync.store.SyncJob;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What an operator does about deliveries: replay archived ones (one, or every one a filter matches) and
 * redrive dead letters, each as a job the sync-task queue runs ({@code replay}, {@code redrive}); and look at
 * the dead letters, each with the failure recorded for it.
 */
final class OperationEndpoints {

    /** The most deliveries one replay job takes. */
    static final int MAX_REPLAY = 100_000;
    /** The most dead letters one redrive job moves. */
    static final int MAX_REDRIVE = 100_000;
    /** Without a limit, a replay or redrive takes this many. */
    static final int DEFAULT_LIMIT = 1_000;
    /** The most dead letters one listing shows (each is received and released again). */
    static final int MAX_LISTED = 100;
    /** A filter is a few hundred bytes: anything far larger is not one. */
    static final int MAX_BODY = 16 * 1024;
    private static final Set<String> FILTER_FIELDS = Set.of("status", "event", "installation_id", "repository_id",
            "since", "until", "limit");
    private static final Set<String> REDRIVE_FIELDS = Set.of("queue", "limit");
    private static final Log LOG = Log.of(OperationEndpoints.class);

    private final DeliveryArchive archive;
    private final JobStore jobs;
    private final SyncTaskQueue tasks;
    private final Map<String, DeadLetters> deadLetters;
    private final Clock clock;

    OperationEndpoints(DeliveryArchive archive, JobStore jobs, SyncTaskQueue tasks, Map<String, DeadLetters> deadLetters,
                       Clock clock) {
        this.archive = archive;
        this.jobs = jobs;
        this.tasks = tasks;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/api/deliveries/replay", Access.TOKEN, "replayDeliveries", this::replayMatching),
                Route.post("/api/deliveries/{delivery_id}/replay", Access.TOKEN, "replayDelivery", this::replayOne),
                Route.get("/api/dead-letters", Access.TOKEN, "listDeadLetters", this::listDeadLetters),
                Route.post("/api/dead-letters/redrive", Access.TOKEN, "redriveDeadLetters", this::redrive));
    }

    private ApiResponse replayOne(Call call) {
        String id = call.params().pathText("delivery_id");
        if (!DeliveryId.isValid(id)) {
            throw new InvalidParameterException("delivery_id", "must be 1 to 64 letters, digits and dashes (GitHub's X-GitHub-Delivery)");
        }
        DeliveryEntry entry = archive.entry(id)
                .orElseThrow(() -> new ResourceNotFoundException("no delivery " + id + " (none received, or its record expired)"));
        Optional<DeliveryEntry.Archived> archived = entry.archive();
        if (archived.isEmpty() || !archived.get().payloadArchived()) {
            String instead = archived.flatMap(DeliveryEntry.Archived::coveredBy)
                    .map(sync -> "; " + sync + " re-reads what it said (POST /api/sync/repository/{github_id})").orElse("");
            throw new ConflictException("delivery " + id + " has no archived payload to replay (archiving off, too large,"
                    + " expired or before the archive)" + instead);
        }
        ObjectNode state = Json.mapper().createObjectNode().put(OperationState.DELIVERY_ID, id).put(OperationState.LIMIT, 1);
        return start(SyncJob.Type.REPLAY, SyncTask.Kind.REPLAY_DELIVERIES, state,
                entry.subject().installationId().orElse(null), entry.subject().repositoryId().orElse(null));
    }

    private ApiResponse replayMatching(Call call) {
        ObjectNode body = body(call, FILTER_FIELDS);
        Map<String, String> query = new HashMap<>();
        for (String field : List.of("status", "event", "installation_id", "repository_id", "since", "until")) {
            JsonNode value = body.path(field);
            if (!value.isMissingNode() && !value.isNull()) {
                if (!value.isTextual() && !value.isIntegralNumber()) {
                    throw new InvalidParameterException(field, "must be a string or a whole number");
                }
                query.put(field, value.asText());
            }
        }
        DeliveryFilter filter = DeliveryEndpoints.filter(new Params(query, Map.of()), clock.instant());
        int limit = limit(body, MAX_REPLAY);
        ObjectNode state = Json.mapper().createObjectNode().put(OperationState.LIMIT, limit);
        // Resolved now, so every step of the job reads the same window however long it runs.
        state.set(OperationState.FILTER, OperationState.filter(filter));
        return start(SyncJob.Type.REPLAY, SyncTask.Kind.REPLAY_DELIVERIES, state, filter.installationId().orElse(null),
                filter.repositoryId().orElse(null));
    }

    private ApiResponse redrive(Call call) {
        ObjectNode body = body(call, REDRIVE_FIELDS);
        String queue = body.path("queue").asText("");
        if (!DeadLetterQueues.ALL.contains(queue)) {
            throw new InvalidParameterException("queue", "must be one of " + DeadLetterQueues.ALL + ", not '" + queue + "'");
        }
        if (!deadLetters.containsKey(queue)) {
            throw new InvalidParameterException("queue", "this deployment has no " + queue + " dead-letter queue");
        }
        ObjectNode state = Json.mapper().createObjectNode().put(OperationState.QUEUE, queue)
                .put(OperationState.LIMIT, limit(body, MAX_REDRIVE));
        return start(SyncJob.Type.REDRIVE, SyncTask.Kind.REDRIVE_DEAD_LETTERS, state, null, null);
    }

    private ApiResponse listDeadLetters(Call call) {
        Params params = call.params();
        String queue = params.oneOf("queue", Set.copyOf(DeadLetterQueues.ALL))
                .orElseThrow(() -> new InvalidParameterException("queue", "is required: one of " + DeadLetterQueues.ALL));
        int limit = params.optionalInt("limit", 1, MAX_LISTED).orElse(Params.DEFAULT_LIMIT);
        DeadLetters letters = deadLetters.get(queue);
        if (letters == null) {
            throw new InvalidParameterException("queue", "this deployment has no " + queue + " dead-letter queue");
        }
        List<ObjectNode> listed = letters.peek(limit).stream().map(letter -> deadLetter(queue, letter)).toList();
        ObjectNode body = Json.mapper().createObjectNode().put("queue", queue);
        body.set("dead_letters", Json.mapper().valueToTree(listed));
        return ApiResponse.ok(body);
    }

    /** A dead letter and the failure recorded for it: its delivery's ledger error, or its task's job error. */
    private ObjectNode deadLetter(String queue, DeadLetters.Letter letter) {
        ObjectNode json = WireJson.object();
        json.put("message_id", letter.messageId());
        json.put("receives", letter.receives());
        json.put("sent_at", WireJson.time(letter.sentAt().orElse(null)));
        String failure = null;
        if (DeadLetterQueues.EVENTS.equals(queue)) {
            String delivery = letter.attributes().get(EventMessageCodec.ATTR_DELIVERY);
            json.put("delivery_id", delivery);
            json.put("event", letter.attributes().get(EventMessageCodec.ATTR_EVENT));
            json.put("replay_job", letter.attributes().get(EventMessageCodec.ATTR_REPLAY_JOB));
            if (DeliveryId.isValid(delivery)) {
                failure = archive.entry(delivery).map(e -> e.ledger().error()).orElse(null);
            }
        } else {
            SyncTask task = task(letter.body());
            json.put("task_kind", task == null ? null : task.kind().name().toLowerCase(java.util.Locale.ROOT));
            json.put("job_id", task == null ? null : task.jobId());
            failure = task == null ? "unreadable sync task"
                    : Optional.ofNullable(task.jobId()).flatMap(jobs::job).map(SyncJob::errorMessage).orElse(null);
        }
        json.put("failure", failure);
        return json;
    }

    private static SyncTask task(String body) {
        try {
            SyncTask task = Json.mapper().readValue(body, SyncTask.class);
            return task.kind() == null ? null : task;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private ApiResponse start(SyncJob.Type type, SyncTask.Kind kind, ObjectNode state, Long installationId, Long repositoryId) {
        String jobId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jobs.create(SyncJob.pending(jobId, type, installationId, repositoryId, state, now));
        try {
            tasks.send(SyncTask.of(kind).withJob(jobId).withReason("requested_by_api", now));
        } catch (QueueUnavailableException e) {
            jobs.finished(jobId, SyncJob.Status.FAILED, 0, 0, "could not be queued: the sync-task queue is unavailable", now);
            throw e;
        }
        LOG.info("operation requested", Map.of("job_id", jobId, "job_type", type.wireName()));
        return ApiResponse.json(202, Map.of("job_id", jobId));
    }

    /** The request's JSON object, with only {@code allowed} fields. */
    private static ObjectNode body(Call call, Set<String> allowed) {
        String text = call.request().body();
        if (text.length() > MAX_BODY) {
            throw new InvalidParameterException("body", "must be at most " + MAX_BODY + " characters");
        }
        JsonNode node;
        try {
            node = text.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new InvalidParameterException("body", "must be a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidParameterException("body", "must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidParameterException(name, "is not a field of this request (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
        return (ObjectNode) node;
    }

    private static int limit(ObjectNode body, int max) {
        JsonNode limit = body.path("limit");
        if (limit.isMissingNode() || limit.isNull()) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        if (!limit.isIntegralNumber() || limit.asLong() < 1 || limit.asLong() > max) {
            throw new InvalidParameterException("limit", "must be a whole number from 1 to " + String.format("%,d", max)
                    + ", not " + limit);
        }
        return limit.asInt();
    }
}
