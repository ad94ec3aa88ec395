package dev.autosync.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses the configured API tokens. Locally {@code AUTOSYNC_API_TOKENS} holds them comma-separated; in
 * AWS the Secrets Manager secret named by {@code AUTOSYNC_API_TOKENS_SECRET_ARN} holds either the same
 * comma-separated text or JSON {@code {"tokens": ["...", "..."], "cursor_key": "..."}} (the optional cursor
 * key seals pagination cursors; without one it is derived from the tokens). More than one token lets an
 * operator rotate: add the new one, move clients, remove the old one.
 */
public final class ApiTokens {

    /** Shorter tokens are refused: a token is a password that a script keeps, so it can be long. */
    public static final int MIN_LENGTH = 16;

    private ApiTokens() {
    }

    /** The tokens in {@code value}; the empty set when it holds none. */
    public static Set<String> parse(String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode tokens = Json.mapper().readTree(trimmed).path("tokens");
                Set<String> parsed = new LinkedHashSet<>();
                tokens.forEach(token -> parsed.add(token.asText().trim()));
                parsed.remove("");
                return parsed;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the API token secret is neither a list nor JSON {\"tokens\": [...]}");
            }
        }
        return Arrays.stream(trimmed.split(",")).map(String::trim).filter(token -> !token.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The {@code cursor_key} of a JSON secret, when it has one. */
    public static java.util.Optional<String> cursorKey(String value) {
        String trimmed = value.trim();
        if (!trimmed.startsWith("{")) {
            return java.util.Optional.empty();
        }
        try {
            String key = Json.mapper().readTree(trimmed).path("cursor_key").asText("").trim();
            return key.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(key);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }

    /** The tokens that are too short to keep, for the configuration error. */
    public static Set<String> tooShort(Set<String> tokens) {
        return tokens.stream().filter(token -> token.length() < MIN_LENGTH).collect(Collectors.toSet());
    }

    /** A fresh random token (256 bits, hex), for the local runner when none is configured. */
    public static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
