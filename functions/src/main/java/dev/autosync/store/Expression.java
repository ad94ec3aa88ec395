package dev.autosync.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Builds an update and/or condition expression with generated placeholders, so no attribute name ever
 * collides with a reserved word and no value is spliced into expression text.
 */
final class Expression {

    private final List<String> projected = new ArrayList<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> deletes = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> nameByAttribute = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    static Expression create() {
        return new Expression();
    }

    /** The placeholder of an attribute name. */
    String name(String attribute) {
        return nameByAttribute.computeIfAbsent(attribute, a -> {
            String placeholder = "#n" + nameByAttribute.size();
            names.put(placeholder, a);
            return placeholder;
        });
    }

    /** A map entry path {@code #map.#key}. */
    String path(String mapAttribute, String key) {
        return name(mapAttribute) + "." + name(key);
    }

    /** The placeholder of a value. */
    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    Expression set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(value));
        return this;
    }

    /** A raw SET clause written with {@link #name} and {@link #value} placeholders. */
    Expression setClause(String clause) {
        sets.add(clause);
        return this;
    }

    Expression add(String attribute, AttributeValue value) {
        adds.add(name(attribute) + " " + value(value));
        return this;
    }

    /** Takes the elements of {@code set} out of a set attribute ({@code DELETE}). */
    Expression delete(String attribute, AttributeValue set) {
        deletes.add(name(attribute) + " " + value(set));
        return this;
    }

    Expression remove(String attribute) {
        removes.add(name(attribute));
        return this;
    }

    Expression removePath(String path) {
        removes.add(path);
        return this;
    }

    /** ANDs a condition written with placeholders. */
    Expression condition(String condition) {
        conditions.add("(" + condition + ")");
        return this;
    }

    String updateExpression() {
        StringBuilder text = new StringBuilder();
        clause(text, "SET", sets);
        clause(text, "ADD", adds);
        clause(text, "REMOVE", removes);
        clause(text, "DELETE", deletes);
        return text.toString().trim();
    }

    UpdateItemRequest.Builder apply(UpdateItemRequest.Builder request) {
        request.updateExpression(updateExpression());
        if (!conditions.isEmpty()) {
            request.conditionExpression(String.join(" AND ", conditions));
        }
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        return request;
    }

    software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.Builder apply(
            software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.Builder request) {
        conditionOnly(request::conditionExpression, request::expressionAttributeNames, request::expressionAttributeValues);
        return request;
    }

    PutItemRequest.Builder apply(PutItemRequest.Builder request) {
        conditionOnly(request::conditionExpression, request::expressionAttributeNames, request::expressionAttributeValues);
        return request;
    }

    /** For requests that carry only a condition (put, delete): its text, names and values, when there is one. */
    private void conditionOnly(java.util.function.Consumer<String> condition, java.util.function.Consumer<Map<String, String>> names,
                               java.util.function.Consumer<Map<String, AttributeValue>> values) {
        if (!conditions.isEmpty()) {
            condition.accept(String.join(" AND ", conditions));
            names.accept(this.names);
            if (!this.values.isEmpty()) {
                values.accept(this.values);
            }
        }
    }

    /** Sets the names, values and (as a filter) the conditions on a query whose key condition used them. */
    /** Reads only these attributes (a Query's ProjectionExpression). */
    Expression project(List<String> attributes) {
        attributes.forEach(attribute -> projected.add(name(attribute)));
        return this;
    }

    QueryRequest.Builder applyQuery(QueryRequest.Builder request) {
        if (!projected.isEmpty()) {
            request.projectionExpression(String.join(", ", projected));
        }
        if (!conditions.isEmpty()) {
            request.filterExpression(String.join(" AND ", conditions));
        }
        request.expressionAttributeNames(names);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        return request;
    }

    private static void clause(StringBuilder text, String keyword, List<String> parts) {
        if (!parts.isEmpty()) {
            text.append(keyword).append(' ').append(String.join(", ", parts)).append(' ');
        }
    }
}
