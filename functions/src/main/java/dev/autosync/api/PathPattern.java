package dev.autosync.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path template such as {@code /api/repositories/{github_id}/commits}. Matching ignores one trailing
 * slash, because the seed system's front end calls every path with one and new clients without.
 */
public final class PathPattern {

    private final String template;
    private final List<String> segments;

    public PathPattern(String template) {
        this.template = template;
        this.segments = split(template);
    }

    public String template() {
        return template;
    }

    /** The path parameters when {@code path} matches, by name. */
    public Optional<Map<String, String>> match(String path) {
        List<String> actual = split(path);
        if (actual.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.get(i).isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual.get(i));
            } else if (!expected.equals(actual.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(parameters));
    }

    private static List<String> split(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (trimmed.equals("/") || trimmed.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(trimmed.substring(1).split("/", -1));
    }

    @Override
    public String toString() {
        return template;
    }
}
