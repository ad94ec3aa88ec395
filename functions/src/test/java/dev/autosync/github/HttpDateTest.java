package dev.autosync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autosync.github.internal.HttpDate;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code Date} header GitHub sends (IMF-fixdate, RFC 9110), and what is not one. */
class HttpDateTest {

    @Test
    void imfFixdate_isRead() {
        assertEquals(Optional.of(Instant.parse("2026-01-06T10:00:00Z")), HttpDate.parse("Tue, 06 Jan 2026 10:00:00 GMT"));
        assertEquals(Optional.of(Instant.parse("2026-01-06T10:00:00Z")), HttpDate.parse(Optional.of(" Tue, 6 Jan 2026 10:00:00 GMT ")));
    }

    @Test
    void absentBlankOrUnreadable_isEmpty() {
        assertEquals(Optional.empty(), HttpDate.parse(Optional.empty()));
        assertEquals(Optional.empty(), HttpDate.parse(""));
        assertEquals(Optional.empty(), HttpDate.parse((String) null));
        assertEquals(Optional.empty(), HttpDate.parse("2026-01-06T10:00:00Z"));
    }
}
