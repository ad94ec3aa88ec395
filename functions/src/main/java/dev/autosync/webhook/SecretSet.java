package dev.autosync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets that verify a delivery: the current one and, during a rotation, the previous one. Either
 * verifies, so GitHub's hook and this function can be switched to a new secret one after the other
 * without failing deliveries in between.
 */
public record SecretSet(List<WebhookSecret> secrets) {

    public SecretSet {
        if (secrets.isEmpty() || secrets.size() > 2) {
            throw new IllegalArgumentException("a secret set holds the current secret and at most one previous one");
        }
        secrets = List.copyOf(secrets);
    }

    public static SecretSet of(String current, String... previous) {
        List<WebhookSecret> all = new ArrayList<>();
        all.add(new WebhookSecret(current));
        for (String old : previous) {
            all.add(new WebhookSecret(old));
        }
        return new SecretSet(all);
    }

    /**
     * {@code GITHUB_WEBHOOK_SECRET} locally: {@code current} or {@code current,previous}.
     *
     * @throws IllegalArgumentException when a part is empty or there are more than two
     */
    public static SecretSet fromCommaSeparated(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("at most two secrets: current,previous");
        }
        return parts.length == 1 ? of(parts[0].trim()) : of(parts[0].trim(), parts[1].trim());
    }

    /**
     * A Secrets Manager {@code SecretString}: either the secret itself (plain text), or a JSON object
     * {@code {"current": "<secret>", "previous": "<secret>"}} with {@code previous} optional, which is how
     * a rotation keeps the old secret valid until GitHub's hook has the new one.
     *
     * @throws IllegalArgumentException when the value is empty or a JSON object without {@code current}
     */
    public static SecretSet fromSecretString(String value) {
        String trimmed = value == null ? "" : value.trim();
        if (!trimmed.startsWith("{")) {
            return of(trimmed);
        }
        try {
            JsonNode node = Json.mapper().readTree(trimmed);
            String current = node.path("current").asText("");
            String previous = node.path("previous").asText("");
            return previous.isEmpty() ? of(current) : of(current, previous);
        } catch (IOException e) {
            throw new IllegalArgumentException("the secret is neither plain text nor a JSON object", e);
        }
    }
}
