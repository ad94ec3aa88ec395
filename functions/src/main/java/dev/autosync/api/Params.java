package dev.autosync.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated access to a call's query and path parameters. Every failure is an
 * {@link InvalidParameterException} naming the parameter, so bad input is always a 400.
 */
public final class Params {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    private static final Instant LATEST = LocalDate.of(10_000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private final Map<String, String> query;
    private final Map<String, String> path;

    public Params(Map<String, String> query, Map<String, String> path) {
        this.query = query;
        this.path = path;
    }

    /** {@code limit}: 1 to 100, 50 when absent. */
    public int limit() {
        return optionalInt("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
    }

    public Optional<Integer> optionalInt(String name, int min, int max) {
        return text(name).map(value -> {
            int parsed;
            try {
                parsed = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(name, "must be a whole number from " + min + " to " + max);
            }
            if (parsed < min || parsed > max) {
                throw new InvalidParameterException(name, "must be from " + min + " to " + max + ", not " + parsed);
            }
            return parsed;
        });
    }

    /** A GitHub numeric id in the path (e.g. {@code github_id}). */
    public long pathId(String name) {
        return id(name, path.get(name));
    }

    /** A GitHub numeric id in the query, when given. */
    public Optional<Long> queryId(String name) {
        return text(name).map(value -> id(name, value));
    }

    public String pathText(String name) {
        return path.get(name);
    }

    /** One of {@code allowed}, when given. */
    public Optional<String> oneOf(String name, Set<String> allowed) {
        return text(name).map(value -> {
            if (!allowed.contains(value)) {
                throw new InvalidParameterException(name, "must be one of " + new TreeSet<>(allowed) + ", not '" + value + "'");
            }
            return value;
        });
    }

    /**
     * An ISO-8601 instant ({@code 2024-05-01T12:00:00Z}, an offset, or a plain date meaning its UTC midnight)
     * in the years 1970 to 9999: stored times sort as fixed-width text, which other years would break.
     */
    public Optional<Instant> instant(String name) {
        return text(name).map(value -> {
            Instant parsed;
            try {
                parsed = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeException notDateTime) {
                try {
                    parsed = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeException notDate) {
                    throw new InvalidParameterException(name, "must be an ISO-8601 date or date-time, not '" + value + "'");
                }
            }
            if (parsed.isBefore(Instant.EPOCH) || !parsed.isBefore(LATEST)) {
                throw new InvalidParameterException(name, "must be in the years 1970 to 9999");
            }
            return parsed;
        });
    }

    /** Free text of at most {@code maxLength} characters, when given and not blank. */
    public Optional<String> text(String name, int maxLength) {
        return text(name).map(value -> {
            if (value.length() > maxLength) {
                throw new InvalidParameterException(name, "must be at most " + maxLength + " characters");
            }
            return value;
        });
    }

    /** Free text, when given and not blank. */
    public Optional<String> text(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static long id(String name, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(name, "must be a positive whole number, not '" + value + "'");
    }
}
