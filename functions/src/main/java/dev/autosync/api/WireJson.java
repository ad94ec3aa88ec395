package dev.autosync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import java.time.Instant;
import java.util.Collection;

/**
 * The building blocks of the api's JSON mappers ({@link RepositoryJson}, {@link ActivityJson},
 * {@link JobJson}): times as ISO-8601 UTC text ({@code 2026-11-02T11:30:00.250Z}), absent values as
 * {@code null}, lists as arrays. The mappers name every field themselves, so the wire format changes only
 * when they do, never because a store record did.
 */
final class WireJson {

    private WireJson() {
    }

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The values in their iteration order, or {@code null}. */
    static JsonNode strings(Collection<String> values) {
        if (values == null) {
            return NullNode.getInstance();
        }
        ArrayNode array = Json.mapper().createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
