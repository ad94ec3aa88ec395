package dev.autosync.testing;

import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Provisioner;
import dev.autosync.common.aws.Resources;
import dev.autosync.standins.AwsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Running stand-ins plus clients for them. {@link #provision()} creates a fresh, uniquely-named set of
 * autosync's table and queues from the production definitions, so tests never see each other's data.
 */
public final class AwsFixture implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AwsBackend backend;
    private final AwsClients clients;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;

    AwsFixture(AwsBackend backend) {
        this.backend = backend;
        this.clients = AwsClients.local(backend.dynamoDbEndpoint(), backend.sqsEndpoint());
        this.dynamoDb = clients.dynamoDb();
        this.sqs = clients.sqs();
    }

    public AwsBackend backend() {
        return backend;
    }

    public AwsClients clients() {
        return clients;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** A new table and queue set, named {@code t<N>-autosync...}. */
    public Resources provision() {
        return new Provisioner(dynamoDb, sqs).provision("t" + SEQUENCE.incrementAndGet() + "-");
    }

    /** Every message currently visible on the queue (received, not deleted), with all attributes. */
    public List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(0)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
            if (response.messages().isEmpty()) {
                return all;
            }
            all.addAll(response.messages());
        }
    }

    /** Approximate count of visible plus in-flight messages. */
    public int depth(String queueUrl) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        try {
            dynamoDb.close();
            sqs.close();
        } finally {
            backend.close();
        }
    }
}
