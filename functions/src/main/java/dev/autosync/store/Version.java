package dev.autosync.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order of writes of a mutable entity: GitHub's time ({@code source_time}), then when the data was
 * observed ({@code observed_at}), then its content ({@code content_hash}). A write lands only on an item whose
 * version is lower, so the item always holds the highest version written, whatever the order of the writes.
 * The condition ({@link #storedOlder}) and the read-first skip ({@link Guards#newer}) both come from here: a
 * skip deciding on another order would refuse writes the condition allows.
 *
 * <p>Absent parts (items written before a part existed) order below every value, so any new write at the same
 * source time replaces them. The hash is not a judgement on the content: it only makes the choice between two
 * different writes observed at the same millisecond the same in either order.
 *
 * @param observedAt  epoch millis; null only when read from an item that predates it
 * @param contentHash hex SHA-256 of the written fields (see {@link #hash}); null likewise
 */
record Version(long sourceTime, Long observedAt, String contentHash) implements Comparable<Version> {

    private static final Comparator<Version> ORDER = Comparator.comparingLong(Version::sourceTime)
            .thenComparing(Version::observedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            // Lower-case hex: String order is the byte order DynamoDB compares strings in.
            .thenComparing(Version::contentHash, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The version of writing {@code fields}. */
    static Version of(Map<String, AttributeValue> fields, long sourceTime, long observedAt) {
        return new Version(sourceTime, observedAt, hash(fields));
    }

    /** The stored item's version, or null when it has none (absent, or a tombstone's leftovers). */
    static Version stored(Map<String, AttributeValue> item) {
        Long sourceTime = Av.optNum(item, Attr.SOURCE_TIME);
        return sourceTime == null ? null
                : new Version(sourceTime, Av.optNum(item, Attr.OBSERVED_AT), Av.str(item, Attr.CONTENT_HASH));
    }

    @Override
    public int compareTo(Version other) {
        return ORDER.compare(this, other);
    }

    /** Whether this write would replace {@code item}: the same test as {@link #storedOlder}. */
    boolean above(Map<String, AttributeValue> item) {
        Version stored = stored(item);
        return stored == null || stored.compareTo(this) < 0;
    }

    /**
     * Sets this version on the item and returns the condition that the stored one is lower (lexicographic,
     * an absent part lowest): the order of {@link #compareTo}, spelt in DynamoDB's condition syntax.
     */
    String storedOlder(Expression e) {
        String time = e.name(Attr.SOURCE_TIME);
        String observed = e.name(Attr.OBSERVED_AT);
        String hash = e.name(Attr.CONTENT_HASH);
        String t = e.value(Av.n(sourceTime));
        String o = e.value(Av.n(observedAt));
        String h = e.value(Av.s(contentHash));
        e.set(Attr.SOURCE_TIME, Av.n(sourceTime)).set(Attr.OBSERVED_AT, Av.n(observedAt))
                .set(Attr.CONTENT_HASH, Av.s(contentHash));
        // Flat, not nested: dynalite's expression parser takes time exponential in the nesting of parentheses
        // (a nested form made every upsert ~5x slower there); DynamoDB reads either alike.
        String sameTime = time + " = " + t;
        String sameObservation = sameTime + " AND " + observed + " = " + o;
        return String.join(" OR ",
                "attribute_not_exists(" + time + ")",
                time + " < " + t,
                "(" + sameTime + " AND attribute_not_exists(" + observed + "))",
                "(" + sameTime + " AND " + observed + " < " + o + ")",
                "(" + sameObservation + " AND attribute_not_exists(" + hash + "))",
                "(" + sameObservation + " AND " + hash + " < " + h + ")");
    }

    /**
     * SHA-256 of a canonical rendering of the fields: names sorted, every token length-prefixed (no two maps
     * render alike) and a removal (null or NULL) one token, as the write treats both. Stable across SDK
     * versions, unlike {@code AttributeValue.toString()}.
     */
    static String hash(Map<String, AttributeValue> fields) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((name, value) -> render(token(text, name), name, value));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void render(StringBuilder text, String name, AttributeValue value) {
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            text.append('0');
        } else if (value.s() != null) {
            token(text.append('S'), value.s());
        } else if (value.n() != null) {
            token(text.append('N'), value.n());
        } else if (value.bool() != null) {
            text.append(value.bool() ? "T" : "F");
        } else if (value.hasL()) {
            text.append('L').append(value.l().size()).append('[');
            value.l().forEach(element -> render(text, name, element));
            text.append(']');
        } else if (value.hasSs()) {
            text.append('E').append(value.ss().size()).append('[');
            value.ss().stream().sorted().forEach(element -> token(text, element));
            text.append(']');
        } else if (value.hasM()) {
            text.append('M').append(value.m().size()).append('[');
            new TreeMap<>(value.m()).forEach((key, element) -> render(token(text, key), name, element));
            text.append(']');
        } else {
            throw new IllegalArgumentException("attribute " + name + " has a type no entity field uses");
        }
    }

    private static StringBuilder token(StringBuilder text, String value) {
        return text.append(value.length()).append(':').append(value);
    }
}
