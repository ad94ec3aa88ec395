package dev.autosync.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB's key size limits, checked in UTF-8 bytes on every key {@link Table} sends: the table's and every
 * GSI's. AWS refuses an item whose partition key is over {@value #PARTITION_KEY_BYTES} bytes or whose sort key
 * is over {@value #SORT_KEY_BYTES} bytes, GSI keys included; dynalite counts table keys in characters and
 * checks no GSI key, so without this check a key AWS refuses passes every local test and fails only in AWS,
 * as "store unavailable", on every retry.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys">Partition and sort key limits</a>
 */
final class KeyLimits {

    static final int PARTITION_KEY_BYTES = 2048;
    static final int SORT_KEY_BYTES = 1024;

    /** One SET action of an update expression: the attribute (or its placeholder) and what it is set to. */
    private static final Pattern SET_ACTION = Pattern.compile("(#?\\w+)\\s*=(.*)", Pattern.DOTALL);
    private static final Pattern VALUE = Pattern.compile(":\\w+");
    private static final Pattern CLAUSE = Pattern.compile("\\b(SET|ADD|REMOVE|DELETE)\\b", Pattern.CASE_INSENSITIVE);

    private KeyLimits() {
    }

    /** Checks the key attributes of a whole item (a put) or of a key alone (a get, delete or update). */
    static void check(Map<String, AttributeValue> item) {
        item.forEach(KeyLimits::check);
    }

    /** Checks the update's key and every key attribute its SET actions write (a GSI key set by an update). */
    static void check(UpdateItemRequest update) {
        check(update.key());
        String expression = update.updateExpression();
        if (expression == null || !update.hasExpressionAttributeNames()) {
            return;
        }
        for (String action : setActions(expression)) {
            Matcher set = SET_ACTION.matcher(action.trim());
            if (!set.matches()) {
                continue;
            }
            String attribute = update.expressionAttributeNames().getOrDefault(set.group(1), set.group(1));
            Matcher values = VALUE.matcher(set.group(2));
            while (values.find()) {
                check(attribute, update.expressionAttributeValues().get(values.group()));
            }
        }
    }

    private static void check(String attribute, AttributeValue value) {
        int limit = limit(attribute);
        if (limit == 0 || value == null || value.s() == null) {
            return;
        }
        int bytes = value.s().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limit) {
            throw new KeyTooLongException(attribute, bytes, limit);
        }
    }

    /** The byte limit of a key attribute of the table or a GSI; 0 for any other attribute. */
    private static int limit(String attribute) {
        if (attribute.equals(TableSchema.PK)) {
            return PARTITION_KEY_BYTES;
        }
        if (attribute.equals(TableSchema.SK)) {
            return SORT_KEY_BYTES;
        }
        for (TableSchema.Gsi gsi : TableSchema.GSIS) {
            if (attribute.equals(gsi.partitionKey())) {
                return PARTITION_KEY_BYTES;
            }
            if (attribute.equals(gsi.sortKey())) {
                return SORT_KEY_BYTES;
            }
        }
        return 0;
    }

    /** The comma-separated actions of the expression's SET clause (commas inside a function call kept). */
    private static List<String> setActions(String expression) {
        List<String> actions = new ArrayList<>();
        Matcher clause = CLAUSE.matcher(expression);
        int start = -1;
        while (true) {
            boolean found = clause.find();
            if (start >= 0) {
                String body = expression.substring(start, found ? clause.start() : expression.length());
                actions.addAll(splitTopLevel(body));
                start = -1;
            }
            if (!found) {
                return actions;
            }
            if (clause.group(1).equalsIgnoreCase("SET")) {
                start = clause.end();
            }
        }
    }

    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(body.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(body.substring(from));
        return parts;
    }
}
