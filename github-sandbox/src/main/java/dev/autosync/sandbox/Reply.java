package dev.autosync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a route answers before pagination, rate limits and ETags are applied: a single body, or a list
 * of items that {@link ApiServer} pages (optionally wrapped, as {@code /installation/repositories} is).
 * Items render lazily, so a page of 100 out of 1,000 renders 100.
 */
record Reply(int status, JsonNode body, List<Supplier<JsonNode>> items, Function<ArrayNode, ObjectNode> wrapper,
             String pageParameter) {

    static Reply of(int status, JsonNode body) {
        return new Reply(status, body, null, null, null);
    }

    static Reply list(List<Supplier<JsonNode>> items) {
        return new Reply(200, null, items, null, "page");
    }

    static Reply wrappedList(List<Supplier<JsonNode>> items, Function<ArrayNode, ObjectNode> wrapper) {
        return new Reply(200, null, items, wrapper, "page");
    }

    /** Listed with an opaque {@code cursor}, as {@code /app/hook/deliveries} is. */
    static Reply cursorList(List<Supplier<JsonNode>> items) {
        return new Reply(200, null, items, null, "cursor");
    }

    boolean paged() {
        return items != null;
    }
}
