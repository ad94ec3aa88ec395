package dev.autosync.queue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The one mapping between {@link EventMessage} and SQS message attributes. The webhook function writes
 * with it and the processor reads with it, so the two cannot disagree on a name.
 */
public final class EventMessageCodec {

    private EventMessageCodec() {
    }

    public static final String ATTR_EVENT = "github_event";
    public static final String ATTR_DELIVERY = "github_delivery";
    public static final String ATTR_INSTALLATION_TARGET = "installation_target_id";
    public static final String ATTR_RECEIVED_AT = "received_at";
    /** The replay mark: the replay job that re-queued an archived delivery. */
    public static final String ATTR_REPLAY_JOB = "replay_job";
    private static final java.util.regex.Pattern JOB_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    public static Map<String, MessageAttributeValue> attributes(EventMessage message) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(ATTR_EVENT, string(message.event()));
        attributes.put(ATTR_DELIVERY, string(message.deliveryId().value()));
        message.installationTargetId().ifPresent(id -> attributes.put(ATTR_INSTALLATION_TARGET, string(id)));
        attributes.put(ATTR_RECEIVED_AT, string(message.receivedAt().toString()));
        message.replayJob().ifPresent(job -> attributes.put(ATTR_REPLAY_JOB, string(job)));
        return attributes;
    }

    /**
     * Reads a message back from its body and string attributes (as both the SQS API and Lambda's
     * SQSEvent expose them).
     *
     * @throws MalformedMessageException when an attribute is missing or malformed (a poison message)
     */
    public static EventMessage read(String body, Map<String, String> attributes) {
        String event = attributes.get(ATTR_EVENT);
        String delivery = attributes.get(ATTR_DELIVERY);
        String received = attributes.get(ATTR_RECEIVED_AT);
        if (event == null || event.isBlank()) {
            throw new MalformedMessageException("message has no " + ATTR_EVENT + " attribute");
        }
        if (!DeliveryId.isValid(delivery)) {
            throw new MalformedMessageException("message has no valid " + ATTR_DELIVERY + " attribute");
        }
        if (body == null) {
            throw new MalformedMessageException("message has no body");
        }
        Instant receivedAt;
        try {
            receivedAt = received == null ? Instant.EPOCH : Instant.parse(received);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException(ATTR_RECEIVED_AT + " is not an ISO-8601 instant");
        }
        String replayJob = attributes.get(ATTR_REPLAY_JOB);
        if (replayJob != null && !JOB_ID.matcher(replayJob).matches()) {
            throw new MalformedMessageException(ATTR_REPLAY_JOB + " is not a job id");
        }
        return new EventMessage(new DeliveryId(delivery), event,
                Optional.ofNullable(attributes.get(ATTR_INSTALLATION_TARGET)), receivedAt, body, Optional.ofNullable(replayJob));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
