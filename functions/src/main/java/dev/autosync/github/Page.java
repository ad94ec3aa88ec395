package dev.autosync.github;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing. A {@code notModified} page is GitHub's {@code 304} for a page whose ETag
 * autosync already holds: nothing on it changed, it carries no items, and it cost no rate limit.
 * {@code date} is the response's {@code Date} header: GitHub's own time for what the page shows, which
 * versions the removals a sync infers from it. {@code etag} names the page's content in a listing that keeps
 * ETags: the one GitHub sent with a page read, or the one held for a page GitHub answered 304, so a caller
 * that records what a page held can tell which version of the page its record is of.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api">Pagination</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#name-date">The Date header (RFC 9110)</a>
 */
public record Page<T>(List<T> items, boolean notModified, Optional<RateLimit> rateLimit, Optional<Instant> date,
                      Optional<String> etag) {

    public Page {
        items = List.copyOf(items);
        date = date == null ? Optional.empty() : date;
        etag = etag == null ? Optional.empty() : etag;
    }

    /** A page of a listing that keeps no ETags. */
    public Page(List<T> items, boolean notModified, Optional<RateLimit> rateLimit, Optional<Instant> date) {
        this(items, notModified, rateLimit, date, Optional.empty());
    }

    /** A page whose response carried no {@code Date} header. */
    public Page(List<T> items, boolean notModified, Optional<RateLimit> rateLimit) {
        this(items, notModified, rateLimit, Optional.empty());
    }
}
