package dev.autosync.common.aws;

import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates autosync's table and queues on a stand-in from the production definitions
 * ({@link TableSchema}, {@link Queues}). In AWS, infra/ creates them from the same definitions.
 */
public final class Provisioner {

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;

    public Provisioner(DynamoDbClient dynamoDb, SqsClient sqs) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
    }

    /**
     * Creates every resource, each name prefixed with {@code prefix} (empty for the base names); one that
     * exists already (stand-ins that kept their data across a restart) is reused as it is.
     */
    public Resources provision(String prefix) {
        String table = prefix + TableSchema.DEFAULT_TABLE_NAME;
        try {
            dynamoDb.createTable(TableSchema.createTableRequest(table));
        } catch (ResourceInUseException exists) {
            // kept from an earlier run; SQS's CreateQueue already answers an existing queue with its URL
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
        QueuePair events = createQueue(prefix, Queues.EVENTS);
        QueuePair syncTasks = createQueue(prefix, Queues.SYNC_TASKS);
        return new Resources(table, events.url(), events.deadLetterUrl(), syncTasks.url(), syncTasks.deadLetterUrl());
    }

    private record QueuePair(String url, String deadLetterUrl) {
    }

    private QueuePair createQueue(String prefix, QueueDefinition definition) {
        String dlqUrl = sqs.createQueue(CreateQueueRequest.builder()
                .queueName(prefix + definition.deadLetterName())
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                        Long.toString(definition.retention().toSeconds())))
                .build()).queueUrl();
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                .queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN).build())
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                + definition.maxReceiveCount() + "\"}";
        String url = sqs.createQueue(CreateQueueRequest.builder()
                .queueName(prefix + definition.name())
                .attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(definition.visibilityTimeout().toSeconds()),
                        QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(definition.retention().toSeconds()),
                        QueueAttributeName.REDRIVE_POLICY, redrive))
                .build()).queueUrl();
        return new QueuePair(url, dlqUrl);
    }
}
