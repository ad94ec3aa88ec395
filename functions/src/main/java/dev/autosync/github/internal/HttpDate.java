package dev.autosync.github.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Date} response header (IMF-fixdate, which RFC 1123's format reads, e.g.
 * {@code Tue, 06 Jan 2026 10:00:00 GMT}); an absent or unreadable header is empty, never an error,
 * because the header only versions what a response shows.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#name-date">RFC 9110, Date</a>
 */
public final class HttpDate {

    private HttpDate() {
    }

    public static Optional<Instant> parse(Optional<String> header) {
        return header.flatMap(HttpDate::parse);
    }

    public static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
