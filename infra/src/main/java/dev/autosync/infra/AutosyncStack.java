package dev.autosync.infra;

import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * The storage and queues so far; the functions, HTTP API, schedule and alarms join as their issues
 * land.
 */
public final class AutosyncStack extends Stack {

    private final Table table;

    public AutosyncStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        this.table = new Table(this, "Table", TableProps.builder()
                .partitionKey(string(TableSchema.PK))
                .sortKey(string(TableSchema.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TableSchema.TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build());
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(gsi.name())
                    .partitionKey(string(gsi.partitionKey()))
                    .sortKey(string(gsi.sortKey()))
                    .build());
        }
        for (QueueDefinition definition : Queues.ALL) {
            queue(definition);
        }
    }

    public Table table() {
        return table;
    }

    private Queue queue(QueueDefinition definition) {
        Queue deadLetters = new Queue(this, definition.deadLetterName(), QueueProps.builder()
                .retentionPeriod(Duration.seconds(definition.retention().toSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .build());
        return new Queue(this, definition.name(), QueueProps.builder()
                .visibilityTimeout(Duration.seconds(definition.visibilityTimeout().toSeconds()))
                .retentionPeriod(Duration.seconds(definition.retention().toSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters).maxReceiveCount(definition.maxReceiveCount()).build())
                .build());
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
