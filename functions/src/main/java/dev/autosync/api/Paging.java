package dev.autosync.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.store.Page;
import dev.autosync.store.PageKey;
import dev.autosync.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pagination for every list: {@code limit} and {@code cursor} in, {@code {"<list>": [...], "next_cursor": ...}}
 * out. The cursor wraps the store's {@link PageKey} with {@link CursorCodec}, bound to the list's name and
 * its filters, so a cursor cannot be replayed against another list or other filters.
 */
final class Paging {

    /** The store's largest page, used when an endpoint reads a whole bounded set (stats, analytics). */
    private static final int BULK_PAGE = 1000;

    /** Read per use: the api's cursor key may come from a secret that is refreshed (see {@link ApiCredentials}). */
    private final Supplier<CursorCodec> cursors;

    Paging(CursorCodec cursors) {
        this(() -> cursors);
    }

    Paging(Supplier<CursorCodec> cursors) {
        this.cursors = cursors;
    }

    /**
     * The page the call asks for.
     *
     * @param filters the list's filters, normalised (they are part of what the cursor is bound to)
     */
    PageRequest request(Params params, String list, Map<String, String> filters) {
        int limit = params.limit();
        Optional<PageKey> start = params.text("cursor").map(cursor -> toPageKey(cursors.get().open(cursor, list, filters)));
        return new PageRequest(limit, start);
    }

    /** The response body: the items under the list's name and the next cursor (null on the last page). */
    <T> ObjectNode body(String list, Map<String, String> filters, Page<T> page, Function<T, ?> view) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set(list, Json.mapper().valueToTree(page.items().stream().map(view).toList()));
        body.put("next_cursor", page.next()
                .map(key -> cursors.get().issue(list, filters, Json.mapper().valueToTree(key.attributes())))
                .orElse(null));
        return body;
    }

    /** Every item of a bounded query, following pages. */
    static <T> List<T> all(Function<PageRequest, Page<T>> query) {
        List<T> items = new ArrayList<>();
        PageRequest request = PageRequest.first(BULK_PAGE);
        while (true) {
            Page<T> page = query.apply(request);
            items.addAll(page.items());
            if (page.next().isEmpty()) {
                return items;
            }
            request = new PageRequest(BULK_PAGE, page.next());
        }
    }

    private static PageKey toPageKey(JsonNode position) {
        // The signature proved we wrote this position, so its shape is ours.
        return new PageKey(Json.mapper().convertValue(position, new TypeReference<Map<String, String>>() { }));
    }
}
