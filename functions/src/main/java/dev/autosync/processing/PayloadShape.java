package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.WebhookEvent;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that a payload is one GitHub sends for the event its delivery names, before anything is written:
 * the keys every payload of the event carries, an action from the event's own set, and no top-level key the
 * event never has (another event's subject, such as an {@code issue} in an {@code installation} event). The
 * signature covers the body, not the event header, so without this a signed {@code issues.deleted} body
 * replayed as {@code installation} would uninstall. Unknown events are not checked: the processor only
 * ignores them.
 *
 * <p>The reasons name keys and the event, never a value from the payload.
 */
final class PayloadShape {

    private PayloadShape() {
    }

    /** @throws UnreadablePayloadException naming what does not match */
    static void check(WebhookEvent event, JsonNode payload) {
        Set<String> keys = new TreeSet<>(); // sorted: the same payload always gets the same reason
        payload.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!event.allowsKey(key)) {
                throw mismatch(event, "carries '" + key + "', which " + event + " payloads never have");
            }
        }
        for (String key : new TreeSet<>(event.requiredKeys())) {
            int dot = key.indexOf('.');
            JsonNode holder = dot < 0 ? payload : payload.path(key.substring(0, dot));
            if (!holder.has(key.substring(dot + 1))) {
                throw mismatch(event, "lacks the key '" + key + "'");
            }
        }
        JsonNode action = payload.path(WebhookEvent.ACTION_FIELD);
        if (!action.isMissingNode() && !event.knowsAction(action.isTextual() ? action.asText() : null)) {
            throw mismatch(event, "has an action that is not one of " + event + "'s");
        }
    }

    private static UnreadablePayloadException mismatch(WebhookEvent event, String problem) {
        return new UnreadablePayloadException("the payload does not match its event " + event + ": it " + problem);
    }
}
