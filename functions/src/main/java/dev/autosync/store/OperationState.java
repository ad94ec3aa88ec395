package dev.autosync.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The state an operation's job (replay, redrive) keeps in its {@code details}: what the api asked for and how far
 * the sync engine got. One place for its field names, which the api writes, the engine reads and advances, and
 * {@link JobCodec} shows (all but the cursor, which names table keys).
 */
public final class OperationState {

    /** A replay's deliveries: its filter ({@link #filter}), or one delivery by id. */
    public static final String FILTER = "filter";
    public static final String DELIVERY_ID = "delivery_id";
    /** The most deliveries (or dead letters) the job takes. */
    public static final String LIMIT = "limit";
    /** A redrive's dead-letter queue, by its wire name. */
    public static final String QUEUE = "queue";
    /** Where a replay's list goes on (a {@link PageKey}'s attributes). */
    public static final String CURSOR = "cursor";
    /** How many deliveries a replay has taken so far. */
    public static final String DONE = "done";

    private static final String STATUS = "status";
    private static final String EVENT = "event";
    private static final String INSTALLATION_ID = "installation_id";
    private static final String REPOSITORY_ID = "repository_id";
    private static final String SINCE = "since";
    private static final String UNTIL = "until";

    private OperationState() {
    }

    /** A replay's filter as the job keeps it, its times resolved (every step reads the same window). */
    public static ObjectNode filter(DeliveryFilter filter) {
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        filter.status().ifPresent(s -> stored.put(STATUS, s.wireName()));
        filter.event().ifPresent(e -> stored.put(EVENT, e));
        filter.installationId().ifPresent(i -> stored.put(INSTALLATION_ID, i));
        filter.repositoryId().ifPresent(r -> stored.put(REPOSITORY_ID, r));
        return stored.put(SINCE, filter.since().toString()).put(UNTIL, filter.until().toString());
    }

    /** The filter {@link #filter(DeliveryFilter)} kept. */
    public static DeliveryFilter filter(JsonNode stored) {
        return new DeliveryFilter(
                text(stored, STATUS).flatMap(DeliveryFilter.Status::named),
                text(stored, EVENT),
                number(stored, INSTALLATION_ID),
                number(stored, REPOSITORY_ID),
                Instant.parse(stored.path(SINCE).asText()),
                Instant.parse(stored.path(UNTIL).asText()));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.path(field).asText()) : Optional.empty();
    }

    private static Optional<Long> number(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.path(field).asLong()) : Optional.empty();
    }
}
