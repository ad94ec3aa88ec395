package dev.autosync.github;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing. A {@code notModified} page is GitHub's {@code 304} for a page whose ETag
 * autosync already holds: nothing on it changed, it carries no items, and it cost no rate limit.
 */
public record Page<T>(List<T> items, boolean notModified, Optional<RateLimit> rateLimit) {

    public Page {
        items = List.copyOf(items);
    }
}
