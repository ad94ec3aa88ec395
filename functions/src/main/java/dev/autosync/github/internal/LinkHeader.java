package dev.autosync.github.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code rel="next"} URL of GitHub's {@code Link} header; its absence means the last page.
 *
 * @see <a href="https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api">Pagination</a>
 */
public final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"([^\"]+)\"");

    private LinkHeader() {
    }

    public static Optional<String> next(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = LINK.matcher(header.get());
        while (matcher.find()) {
            for (String rel : matcher.group(2).split("\\s+")) {
                if ("next".equals(rel)) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }
}
