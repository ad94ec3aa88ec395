package dev.autosync.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.common.aws.Resources;
import dev.autosync.store.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(AwsStandIns.class)
class StandInsSmokeTest {

    @Test
    void provisioning_createsTheProductionSchemaAndRedrivenQueues(AwsFixture aws) {
        Resources resources = aws.provision();

        TableDescription table = aws.dynamoDb().describeTable(b -> b.tableName(resources.tableName())).table();
        assertEquals(TableSchema.GSIS.size(), table.globalSecondaryIndexes().size());
        assertEquals(TableSchema.PK, table.keySchema().get(0).attributeName());

        String redrive = aws.sqs().getQueueAttributes(b -> b.queueUrl(resources.eventsQueueUrl())
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        assertTrue(redrive.contains("autosync-events-dlq"), redrive);

        aws.sqs().sendMessage(b -> b.queueUrl(resources.eventsQueueUrl()).messageBody("{}"));
        assertEquals(1, aws.drain(resources.eventsQueueUrl()).size());
    }
}
