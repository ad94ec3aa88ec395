package dev.autosync.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small AttributeValue builders and readers; absent or NULL attributes read as null. */
final class Av {

    private Av() {
    }

    static AttributeValue s(String value) {
        return value == null ? nul() : AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(Long value) {
        return value == null ? nul() : n(value.longValue());
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    /** Instants are stored as ISO-8601 strings (readable in the console, and they sort). */
    static AttributeValue time(Instant value) {
        return value == null ? nul() : AttributeValue.fromS(value.toString());
    }

    static AttributeValue list(Collection<String> values) {
        return AttributeValue.fromL(values == null ? List.of()
                : values.stream().map(AttributeValue::fromS).toList());
    }

    /** A string set; DynamoDB rejects empty sets, so callers must not store an empty one. */
    static AttributeValue stringSet(Collection<String> values) {
        return AttributeValue.fromSs(List.copyOf(values));
    }

    static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? null : value.s();
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static Long optNum(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.parseLong(value.n());
    }

    static boolean flag(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }

    static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasL()) {
            return List.of();
        }
        return value.l().stream().map(AttributeValue::s).toList();
    }

    static Set<String> stringSetOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasSs() ? Set.of() : new TreeSet<>(value.ss());
    }

    static Map<String, AttributeValue> key(Keys.Key key) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put(dev.autosync.store.TableSchema.PK, AttributeValue.fromS(key.pk()));
        map.put(dev.autosync.store.TableSchema.SK, AttributeValue.fromS(key.sk()));
        return map;
    }
}
