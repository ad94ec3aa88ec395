package dev.autosync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.autosync.common.EnvVars;
import dev.autosync.queue.QueueDefinition;
import dev.autosync.queue.Queues;
import dev.autosync.store.TableSchema;
import dev.autosync.standins.ProjectRoot;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml (SAM) must deploy what the code defines: the table of {@link TableSchema}, the queues of
 * {@link Queues}, handlers that exist and environment variables the code reads — as infra's
 * AutosyncStackTest checks the CDK stack. Short-form intrinsics ({@code !Ref X}, {@code !GetAtt X.Arn})
 * read as their argument text.
 */
class TemplateTest {

    private static JsonNode resources;
    private static JsonNode globals;

    @BeforeAll
    static void read() throws Exception {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(ProjectRoot.find().resolve("template.yaml").toFile());
        resources = template.path("Resources");
        globals = template.path("Globals").path("Function");
    }

    @Test
    void table_hasTheSchemasKeysIndexesAndTtl() {
        JsonNode table = ofType("AWS::DynamoDB::Table").get(0).path("Properties");
        assertEquals(TableSchema.DEFAULT_TABLE_NAME, table.path("TableName").asText());
        assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText());
        assertEquals(List.of(TableSchema.PK + " HASH", TableSchema.SK + " RANGE"), keys(table.path("KeySchema")));
        Set<String> attributes = new HashSet<>(List.of(TableSchema.PK, TableSchema.SK));
        List<String> indexes = new ArrayList<>();
        for (JsonNode index : table.path("GlobalSecondaryIndexes")) {
            indexes.add(index.path("IndexName").asText() + ": " + keys(index.path("KeySchema"))
                    + " " + index.path("Projection").path("ProjectionType").asText());
        }
        List<String> expected = new ArrayList<>();
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            expected.add(gsi.name() + ": " + List.of(gsi.partitionKey() + " HASH", gsi.sortKey() + " RANGE") + " ALL");
            attributes.add(gsi.partitionKey());
            attributes.add(gsi.sortKey());
        }
        assertEquals(expected, indexes);
        Set<String> defined = new HashSet<>();
        table.path("AttributeDefinitions").forEach(a -> defined.add(a.path("AttributeName").asText()));
        assertEquals(attributes, defined, "CloudFormation refuses an attribute definition no key uses");
        assertEquals(TableSchema.TTL_ATTRIBUTE, table.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(table.path("TimeToLiveSpecification").path("Enabled").asBoolean());
    }

    @Test
    void everyQueue_hasItsDefinitionsSettingsAndDeadLetterQueue() {
        assertEquals(Queues.ALL.size() * 2, ofType("AWS::SQS::Queue").size());
        for (QueueDefinition definition : Queues.ALL) {
            Map.Entry<String, JsonNode> queue = queueNamed(definition.name());
            JsonNode properties = queue.getValue().path("Properties");
            assertEquals(definition.visibilityTimeout().toSeconds(), properties.path("VisibilityTimeout").asLong());
            assertEquals(definition.retention().toSeconds(), properties.path("MessageRetentionPeriod").asLong());
            JsonNode redrive = properties.path("RedrivePolicy");
            assertEquals(definition.maxReceiveCount(), redrive.path("maxReceiveCount").asInt());
            String deadLetter = queueNamed(definition.deadLetterName()).getKey();
            assertEquals(deadLetter + ".Arn", redrive.path("deadLetterTargetArn").asText(), definition.name());
            assertEquals(definition.retention().toSeconds(),
                    resources.path(deadLetter).path("Properties").path("MessageRetentionPeriod").asLong());
        }
    }

    // The event source mapping contract the processor is written for: without ReportBatchItemFailures one
    // failed delivery retries the whole batch; a timeout above a sixth of the visibility timeout lets a
    // retry overlap a slow run.
    @Test
    void processor_consumesTheEventsQueueWithPartialBatchFailures() {
        JsonNode processor = function("dev.autosync.processing.ProcessorHandler::handleRequest");
        JsonNode sqs = processor.path("Events").path("Deliveries");
        assertEquals("SQS", sqs.path("Type").asText());
        JsonNode mapping = sqs.path("Properties");
        assertEquals(queueNamed(Queues.EVENTS.name()).getKey() + ".Arn", mapping.path("Queue").asText());
        assertEquals(10, mapping.path("BatchSize").asInt());
        assertEquals("ReportBatchItemFailures", mapping.path("FunctionResponseTypes").path(0).asText());
        assertTrue(mapping.path("MaximumBatchingWindowInSeconds").asInt() <= 5);
        assertEquals(Queues.EVENTS.visibilityTimeout().toSeconds(), processor.path("Timeout").asLong() * 6);
    }

    // GitHub's documented path and the seed system's trailing-slash form, every method: a POST-only route
    // let other methods fall through to the api's /api/{proxy+} route instead of the webhook's 405.
    @Test
    void webhook_ownsBothPathsForEveryMethod() {
        JsonNode webhook = function("dev.autosync.webhook.WebhookHandler::handleRequest");
        Set<String> routes = new HashSet<>();
        webhook.path("Events").forEach(event -> routes.add(event.path("Type").asText() + " "
                + event.path("Properties").path("Method").asText() + " " + event.path("Properties").path("Path").asText()));
        assertEquals(Set.of("HttpApi ANY /api/github/webhook", "HttpApi ANY /api/github/webhook/"), routes);
    }

    @Test
    void everyFunction_hasAnExistingHandler_knownEnvironmentNames_andSnapStart() throws Exception {
        Set<String> known = new HashSet<>();
        for (Field field : EnvVars.class.getFields()) {
            known.add((String) field.get(null));
        }
        List<JsonNode> functions = ofType("AWS::Serverless::Function");
        assertTrue(functions.size() >= 3, "webhook, processor and api");
        for (JsonNode function : functions) {
            String handler = function.path("Properties").path("Handler").asText();
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertTrue(RequestHandler.class.isAssignableFrom(type), handler);
            function.path("Properties").path("Environment").path("Variables").fieldNames().forEachRemaining(
                    name -> assertTrue(known.contains(name), handler + " sets " + name + ", which no code reads"));
        }
        assertEquals("java21", globals.path("Runtime").asText());
        assertEquals("PublishedVersions", globals.path("SnapStart").path("ApplyOn").asText());
        assertTrue(globals.hasNonNull("AutoPublishAlias"), "SnapStart only applies to published versions");
    }

    private static JsonNode function(String handler) {
        return ofType("AWS::Serverless::Function").stream().map(f -> f.path("Properties"))
                .filter(p -> p.path("Handler").asText().equals(handler)).findFirst()
                .orElseThrow(() -> new AssertionError("no function with handler " + handler));
    }

    private static Map.Entry<String, JsonNode> queueNamed(String name) {
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if (resource.getValue().path("Type").asText().equals("AWS::SQS::Queue")
                    && resource.getValue().path("Properties").path("QueueName").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("no queue named " + name);
    }

    private static List<JsonNode> ofType(String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                found.add(resource);
            }
        });
        return found;
    }

    private static List<String> keys(JsonNode keySchema) {
        List<String> keys = new ArrayList<>();
        keySchema.forEach(key -> keys.add(key.path("AttributeName").asText() + " " + key.path("KeyType").asText()));
        return keys;
    }
}
