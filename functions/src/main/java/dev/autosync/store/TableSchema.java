package dev.autosync.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one table autosync keeps everything in. Every key attribute, index and the TTL attribute is
 * named here; infra/ and template.yaml are checked against these names by a test.
 */
public final class TableSchema {

    private TableSchema() {
    }

    /** Base name; deployments and tests may prefix it. */
    public static final String DEFAULT_TABLE_NAME = "autosync";

    public static final String PK = "pk";
    public static final String SK = "sk";
    /**
     * Epoch seconds after which DynamoDB's TTL deletes the item (deliveries, tombstones, ETags; sync jobs, with
     * their task and registration items, and their hourly totals {@link JobTotals#RETENTION} after they were
     * created).
     */
    public static final String TTL_ATTRIBUTE = "expires_at";

    /** A global secondary index over two string attributes, projecting every attribute. */
    public record Gsi(String name, String partitionKey, String sortKey) {
    }

    /** Overloaded secondary access paths; each item type documents what it puts in them. */
    public static final Gsi GSI1 = new Gsi("gsi1", "gsi1pk", "gsi1sk");
    public static final Gsi GSI2 = new Gsi("gsi2", "gsi2pk", "gsi2sk");

    /** Repositories by last-sync time bucket, for the health check's recent-sync count (see {@link SyncMarks}). */
    public static final Gsi GSI3 = new Gsi("gsi3", "gsi3pk", "gsi3sk");

    public static final List<Gsi> GSIS = List.of(GSI1, GSI2, GSI3);

    /** The CreateTable request for this schema (on-demand billing), for local stand-ins and tests. */
    public static CreateTableRequest createTableRequest(String tableName) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE));
        List<AttributeDefinition> attributes = new java.util.ArrayList<>(List.of(string(PK), string(SK)));
        List<GlobalSecondaryIndex> indexes = new java.util.ArrayList<>();
        for (Gsi gsi : GSIS) {
            attributes.add(string(gsi.partitionKey()));
            attributes.add(string(gsi.sortKey()));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(gsi.name())
                    .keySchema(key(gsi.partitionKey(), KeyType.HASH), key(gsi.sortKey(), KeyType.RANGE))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        return request.attributeDefinitions(attributes).globalSecondaryIndexes(indexes).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
