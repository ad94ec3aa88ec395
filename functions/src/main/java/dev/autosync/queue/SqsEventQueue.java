package dev.autosync.queue;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends {@link EventMessage}s to the events queue: the payload as the body, the headers as attributes. */
public final class SqsEventQueue implements EventQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsEventQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(EventMessage message) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl)
                    .messageBody(message.payload())
                    .messageAttributes(EventMessageCodec.attributes(message)));
        } catch (SdkException e) {
            throw new QueueUnavailableException("cannot queue delivery " + message.deliveryId(), e);
        }
    }
}
