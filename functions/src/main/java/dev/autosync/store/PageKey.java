package dev.autosync.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * DynamoDB's LastEvaluatedKey as plain strings (every key attribute of this table is a string), so a
 * caller can serialise it into a cursor without touching the SDK.
 */
public record PageKey(Map<String, String> attributes) {

    public PageKey {
        attributes = Map.copyOf(new TreeMap<>(attributes));
    }
}
