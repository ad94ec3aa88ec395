package dev.autosync.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.autosync.common.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * The few top-level fields of a payload the webhook function needs (for its log line, the ping answer
 * and a resync task), read in one streaming pass that also proves the body is one well-formed JSON
 * object. No tree is built, so a 2 MB payload costs a scan, not a copy.
 */
public record PayloadSummary(Optional<String> action, Optional<Long> installationId, Optional<Long> repositoryId,
                             Optional<String> repositoryFullName, Optional<String> ref, Optional<String> zen) {

    /** @throws DeliveryRejectedException ({@link Rejection#INVALID_JSON}) unless the body is one JSON object */
    public static PayloadSummary read(byte[] json) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("the body is not a JSON object");
            }
            Builder summary = new Builder();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "action" -> summary.action = text(parser, value);
                    case "ref" -> summary.ref = text(parser, value);
                    case "zen" -> summary.zen = text(parser, value);
                    case "installation" -> summary.installationId = objectId(parser, value, summary, false);
                    case "repository" -> summary.repositoryId = objectId(parser, value, summary, true);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw invalid("the body holds more than one JSON value");
            }
            return summary.build();
        } catch (IOException e) {
            // Jackson's message quotes the input; say only where it broke.
            throw invalid("the body is not valid JSON (" + location(e) + ")");
        }
    }

    private static final class Builder {
        private String action;
        private Long installationId;
        private Long repositoryId;
        private String repositoryFullName;
        private String ref;
        private String zen;

        PayloadSummary build() {
            return new PayloadSummary(Optional.ofNullable(action), Optional.ofNullable(installationId),
                    Optional.ofNullable(repositoryId), Optional.ofNullable(repositoryFullName),
                    Optional.ofNullable(ref), Optional.ofNullable(zen));
        }
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    /** The object's {@code id} (and, for a repository, its {@code full_name}); skips everything else in it. */
    private static Long objectId(JsonParser parser, JsonToken value, Builder summary, boolean repository)
            throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Long id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken inner = parser.nextToken();
            // An id beyond a long is valid JSON, just not an id this function can name: skip it, don't refuse.
            if (field.equals("id") && inner == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                id = parser.getLongValue();
            } else if (repository && field.equals("full_name")) {
                summary.repositoryFullName = text(parser, inner);
            } else {
                parser.skipChildren();
            }
        }
        return id;
    }

    private static String location(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                && processing.getLocation() != null) {
            return "line " + processing.getLocation().getLineNr() + ", column " + processing.getLocation().getColumnNr();
        }
        return "unreadable";
    }

    private static DeliveryRejectedException invalid(String message) {
        return new DeliveryRejectedException(Rejection.INVALID_JSON, message);
    }
}
