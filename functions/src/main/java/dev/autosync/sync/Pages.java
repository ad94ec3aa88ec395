package dev.autosync.sync;

import dev.autosync.store.Page;
import dev.autosync.store.PageKey;
import dev.autosync.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads every page of a store query (the sync engine compares whole installations, not pages). */
final class Pages {

    private static final int PAGE = 1000;

    private Pages() {
    }

    static <T> List<T> all(Function<PageRequest, Page<T>> query) {
        List<T> items = new ArrayList<>();
        Optional<PageKey> start = Optional.empty();
        do {
            Page<T> page = query.apply(new PageRequest(PAGE, start));
            items.addAll(page.items());
            start = page.next();
        } while (start.isPresent());
        return items;
    }
}
