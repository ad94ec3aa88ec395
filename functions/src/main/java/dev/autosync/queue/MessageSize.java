package dev.autosync.queue;

import java.util.Map;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The size SQS charges a message against {@link Queues#MAX_MESSAGE_BYTES}: the UTF-8 body plus, for
 * every attribute, its name, data type and value.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html">SQS
 *     message attributes</a>
 */
public final class MessageSize {

    private MessageSize() {
    }

    public static long of(String body, Map<String, MessageAttributeValue> attributes) {
        long size = utf8Length(body);
        for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
            MessageAttributeValue value = attribute.getValue();
            size += utf8Length(attribute.getKey()) + utf8Length(value.dataType());
            size += value.stringValue() != null ? utf8Length(value.stringValue()) : 0;
            size += value.binaryValue() != null ? value.binaryValue().asByteArray().length : 0;
        }
        return size;
    }

    public static long of(EventMessage message) {
        return of(message.payload(), EventMessageCodec.attributes(message));
    }

    public static boolean fits(EventMessage message) {
        return of(message) <= Queues.MAX_MESSAGE_BYTES;
    }

    /** UTF-8 length without allocating the encoded bytes (payloads may be megabytes). */
    public static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
