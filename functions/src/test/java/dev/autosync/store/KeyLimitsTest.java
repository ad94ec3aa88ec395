package dev.autosync.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The store's own check of DynamoDB's key limits, in bytes. dynalite counts table keys in characters and
 * checks no GSI key, so each over-long key here would pass it: only the store's check stands between such a
 * key and AWS refusing the write as "store unavailable" on every retry.
 */
@ExtendWith(AwsStandIns.class)
class KeyLimitsTest {

    /** 700 two-byte characters: 700 characters (dynalite accepts them as a sort key), 1,400 bytes (AWS does not). */
    private static final String LONG_SORT_KEY = "é".repeat(700);

    @Test
    void putWithASortKeyOverTheLimitInBytes_isRefusedBeforeDynamoDb_andWritesNothing(AwsFixture aws) {
        Table table = new Table(aws.dynamoDb(), aws.provision().tableName());
        Keys.Key key = new Keys.Key("TEST#1", LONG_SORT_KEY);

        KeyTooLongException refused = assertThrows(KeyTooLongException.class,
                () -> table.put(PutItemRequest.builder().item(Av.key(key))));

        assertTrue(refused.getMessage().contains("sk is 1400 bytes"), refused.getMessage());
        assertFalse(refused.getMessage().contains("é"), "the message never quotes the key");
        assertTrue(aws.dynamoDb().scan(b -> b.tableName(table.name())).items().isEmpty());
    }

    @Test
    void updateSettingAGsiKeyOverTheLimit_isRefused(AwsFixture aws) {
        Table table = new Table(aws.dynamoDb(), aws.provision().tableName());
        Expression e = Expression.create();
        String name = e.name(TableSchema.GSI2.partitionKey());
        e.set(Attr.TYPE, Av.s("test"));
        e.setClause(name + " = if_not_exists(" + name + ", " + e.value(Av.s("x".repeat(2049))) + ")");

        assertThrows(KeyTooLongException.class, () -> table.update(
                e.apply(UpdateItemRequest.builder().key(Av.key(new Keys.Key("TEST#2", "S"))))));
        assertThrows(KeyTooLongException.class, () -> table.updateFields(new Keys.Key("TEST#3", "S"),
                new java.util.HashMap<>(Map.of(TableSchema.GSI3.sortKey(), AttributeValue.fromS(LONG_SORT_KEY))),
                Expression.create()));

        assertTrue(aws.dynamoDb().scan(b -> b.tableName(table.name())).items().isEmpty());
    }

    @Test
    void keysAtTheLimit_areWritten(AwsFixture aws) {
        Table table = new Table(aws.dynamoDb(), aws.provision().tableName());
        Map<String, AttributeValue> item = Av.key(new Keys.Key("p".repeat(KeyLimits.PARTITION_KEY_BYTES),
                "é".repeat(KeyLimits.SORT_KEY_BYTES / 2)));
        item.put(TableSchema.GSI1.partitionKey(), AttributeValue.fromS("ü".repeat(KeyLimits.PARTITION_KEY_BYTES / 2)));
        item.put(TableSchema.GSI1.sortKey(), AttributeValue.fromS("s".repeat(KeyLimits.SORT_KEY_BYTES)));

        assertTrue(table.put(PutItemRequest.builder().item(item)));
    }
}
