package dev.autosync.processing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.WebhookEvent;
import java.util.TreeSet;

/**
 * Checks that a payload is one GitHub sends for the event its delivery names, before anything is written:
 * the keys every payload of the event carries, an action from the event's own set (none for an event
 * without actions), and no other event's subject. The signature covers the body, not the event header,
 * so without this a signed {@code issues.deleted} body replayed as {@code installation} would uninstall.
 * Unknown events are not checked: the processor only ignores them.
 *
 * <p>The reasons name keys and the event, never a value from the payload.
 */
final class PayloadShape {

    private PayloadShape() {
    }

    /** @throws UnreadablePayloadException naming what does not match */
    static void check(WebhookEvent event, JsonNode payload) {
        for (String key : new TreeSet<>(event.requiredKeys())) {
            if (!payload.has(key)) {
                throw mismatch(event, "lacks the key '" + key + "'");
            }
        }
        JsonNode action = payload.path(WebhookEvent.ACTION_FIELD);
        if (!event.hasActions() && !action.isMissingNode()) {
            throw mismatch(event, "has an action, which " + event + " payloads never have");
        }
        if (event.hasActions() && !action.isMissingNode() && !event.knowsAction(action.isTextual() ? action.asText() : null)) {
            throw mismatch(event, "has an action that is not one of " + event + "'s");
        }
        for (String key : new TreeSet<>(event.foreignKeys())) {
            if (payload.has(key)) {
                throw mismatch(event, "carries '" + key + "', the subject of another event");
            }
        }
    }

    private static UnreadablePayloadException mismatch(WebhookEvent event, String problem) {
        return new UnreadablePayloadException("the payload does not match its event " + event + ": it " + problem);
    }
}
