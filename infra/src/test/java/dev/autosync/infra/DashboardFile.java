package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads infra/src/main/resources/dashboard.json the way CloudWatch will, once Fn::Sub has filled it in. */
final class DashboardFile {

    /** {@code ${Name}}: named variables only (no {@code ${AWS::Region}} or {@code ${Res.Attr}}: the spec says so). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    /** A custom metric in a SEARCH expression: {@code SEARCH('{"${Namespace}",dims} MetricName="Name"', ...)}. */
    private static final Pattern SEARCH = Pattern.compile(
            "SEARCH\\('\\{\"(\\$\\{Namespace})\"(?:,[a-z]+)+} MetricName=\"(\\w+)\"', '\\w+', \\d+\\)");

    private DashboardFile() {
    }

    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            assertTrue(matcher.group(1).matches("[A-Za-z0-9]+"), "not a named variable: " + matcher.group());
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * The body parsed as JSON. Every placeholder sits inside a JSON string (Fn::Sub fills in text, and a name or
     * ARN never holds a quote), so the filled-in body parses exactly when the file does.
     */
    static JsonNode parse(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    static Set<String> alarmWidgetArns(JsonNode body) {
        Set<String> arns = new HashSet<>();
        for (JsonNode widget : body.get("widgets")) {
            if ("alarm".equals(widget.get("type").asText())) {
                widget.get("properties").get("alarms").forEach(arn -> arns.add(arn.asText()));
            }
        }
        return arns;
    }

    /**
     * Every metric the widgets name, by namespace as written: {@code ["AWS/SQS", "Name", ...]} rows and the
     * metric of each SEARCH expression (whose namespace must be {@code ${Namespace}}).
     */
    static Map<String, Set<String>> metricNames(JsonNode body) {
        Map<String, Set<String>> names = new HashMap<>();
        for (JsonNode widget : body.get("widgets")) {
            JsonNode metrics = widget.get("properties").get("metrics");
            if (metrics == null) {
                continue;
            }
            for (JsonNode row : metrics) {
                if (row.get(0).isTextual()) {
                    names.computeIfAbsent(row.get(0).asText(), n -> new HashSet<>()).add(row.get(1).asText());
                } else {
                    String expression = row.get(0).get("expression").asText();
                    Matcher matcher = SEARCH.matcher(expression);
                    assertTrue(matcher.matches(), "not a SEARCH over the stack's namespace: " + expression);
                    names.computeIfAbsent(matcher.group(1), n -> new HashSet<>()).add(matcher.group(2));
                }
            }
            assertEquals(widget.get("properties").get("region").asText(), "${Region}", widget.toString());
        }
        return names;
    }
}
