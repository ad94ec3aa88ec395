package dev.autosync.infra;

import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
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

/**
 * The table (from {@link TableSchema}) and the work queues with their dead-letter queues (from {@link Queues}),
 * created in the stack's own scope (stable logical ids). Queue names are left to CloudFormation: unique per stack.
 */
final class Storage {

    private final Table table;
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();

    Storage(Stack stack) {
        // The physical name derives from the stack name, so two stacks (staging, production)
        // coexist in one account. RetainExceptOnCreate: a stack deletion or a replacing update keeps the
        // table (and PITR restores from a stray DeleteTable or bad writes), while a failed *first* deploy
        // deletes the table it just created, so the retry does not stop on "already exists". Deletion
        // protection is deliberately off: it would block that rollback delete (ROLLBACK_FAILED).
        this.table = new Table(stack, "Table", TableProps.builder()
                .tableName(stack.getStackName() + "-" + TableSchema.DEFAULT_TABLE_NAME)
                .partitionKey(string(TableSchema.PK))
                .sortKey(string(TableSchema.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TableSchema.TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
                .build());
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(gsi.name())
                    .partitionKey(string(gsi.partitionKey()))
                    .sortKey(string(gsi.sortKey()))
                    .build());
        }
        for (QueueDefinition definition : Queues.ALL) {
            addQueue(stack, definition);
        }
    }

    Table table() {
        return table;
    }

    Queue queue(QueueDefinition definition) {
        return queues.get(definition.name());
    }

    Queue deadLetterQueue(QueueDefinition definition) {
        return deadLetterQueues.get(definition.name());
    }

    /** The table and each of its indexes by name: no {@code index/*} wildcard (cdk-nag AwsSolutions-IAM5). */
    List<String> tableAndIndexArns() {
        List<String> arns = new ArrayList<>();
        arns.add(table.getTableArn());
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            arns.add(table.getTableArn() + "/index/" + gsi.name());
        }
        return arns;
    }

    /** SSE with SQS-managed keys and TLS-only access (enforceSsl: a policy denying aws:SecureTransport false). */
    private void addQueue(Stack stack, QueueDefinition definition) {
        Queue deadLetters = new Queue(stack, definition.deadLetterName(), QueueProps.builder()
                .retentionPeriod(Duration.seconds(definition.retention().toSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build());
        Queue queue = new Queue(stack, definition.name(), QueueProps.builder()
                .visibilityTimeout(Duration.seconds(definition.visibilityTimeout().toSeconds()))
                .retentionPeriod(Duration.seconds(definition.retention().toSeconds()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters).maxReceiveCount(definition.maxReceiveCount()).build())
                .build());
        queues.put(definition.name(), queue);
        deadLetterQueues.put(definition.name(), deadLetters);
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
