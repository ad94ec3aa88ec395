package dev.autosync.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a query.
 *
 * @param next where the next page starts, absent on the last page; callers that hand it to clients
 *             must sign or encrypt it (it names table keys)
 */
public record Page<T>(List<T> items, Optional<PageKey> next) {

    public Page {
        items = List.copyOf(items);
    }
}
