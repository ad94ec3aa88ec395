package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void limit_defaultsTo50_andAccepts1To100() {
        assertEquals(50, params(Map.of()).limit());
        assertEquals(50, params(Map.of("limit", "")).limit());
        assertEquals(1, params(Map.of("limit", "1")).limit());
        assertEquals(100, params(Map.of("limit", "100")).limit());
        for (String bad : new String[] {"0", "101", "-5", "ten", "1.5", "99999999999"}) {
            assertEquals("limit", assertThrows(InvalidParameterException.class, () -> params(Map.of("limit", bad)).limit()).parameter());
        }
    }

    @Test
    void instants_acceptDatesAndDateTimes_andNameTheParameterOtherwise() {
        assertEquals(Optional.of(Instant.parse("2024-05-01T00:00:00Z")), params(Map.of("since", "2024-05-01")).instant("since"));
        assertEquals(Optional.of(Instant.parse("2024-05-01T10:00:00Z")),
                params(Map.of("since", "2024-05-01T12:00:00+02:00")).instant("since"));
        assertEquals("until", assertThrows(InvalidParameterException.class,
                () -> params(Map.of("until", "yesterday")).instant("until")).parameter());
        // Stored times sort as fixed-width text: a year outside 1970-9999 would invert a key range in DynamoDB.
        assertThrows(InvalidParameterException.class, () -> params(Map.of("until", "+10000-01-01T00:00:00Z")).instant("until"));
        assertThrows(InvalidParameterException.class, () -> params(Map.of("since", "1969-12-31")).instant("since"));
    }

    @Test
    void enumsAndIds_areChecked() {
        assertEquals(Optional.of("open"), params(Map.of("state", "open")).oneOf("state", Set.of("open", "closed")));
        assertThrows(InvalidParameterException.class, () -> params(Map.of("state", "shut")).oneOf("state", Set.of("open")));
        assertThrows(InvalidParameterException.class, () -> params(Map.of("installation_id", "x1")).queryId("installation_id"));
        assertThrows(InvalidParameterException.class, () -> params(Map.of("installation_id", "0")).queryId("installation_id"));
    }

    private static Params params(Map<String, String> query) {
        return new Params(query, Map.of());
    }
}
