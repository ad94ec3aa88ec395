package dev.autosync.webhook;

import dev.autosync.common.Json;
import java.util.Map;

/** The answer to GitHub: a status and a small JSON body. */
public record WebhookResponse(int status, String body) {

    public static WebhookResponse json(int status, Map<String, ?> fields) {
        return new WebhookResponse(status, Json.write(fields));
    }

    /** The project-wide error shape {@code {"error": "<code>", "message": "<what is wrong>"}}. */
    public static WebhookResponse error(Rejection rejection, String message) {
        return json(rejection.status(), Map.of("error", rejection.code(), "message", message));
    }
}
