package dev.autosync.store;

import java.util.Optional;

/** Which page to read: at most {@code limit} items, starting after {@code start} (absent: from the beginning). */
public record PageRequest(int limit, Optional<PageKey> start) {

    public PageRequest {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }
}
