package dev.autosync.common;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics in CloudWatch Embedded Metric Format: each {@link #flush} prints one JSON line on stdout (through
 * {@link Log}'s writer), which CloudWatch Logs turns into metrics in namespace {@value #NAMESPACE} with no
 * API call. Dimension values must be bounded, or every distinct value becomes a custom metric that is paid
 * for: pass caller-controlled values through {@link #bounded}, which keeps an allow-listed value and maps
 * anything else to {@value #OTHER}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">EMF specification</a>
 */
public final class Metrics {

    public static final String NAMESPACE = "autosync";
    public static final String OTHER = "other";
    /** CloudWatch's limit of dimensions in one dimension set. */
    static final int MAX_DIMENSIONS = 30;

    /** The CloudWatch units used here. */
    public enum Unit {
        COUNT("Count"), NONE("None"), MILLISECONDS("Milliseconds");

        private final String wireName;

        Unit(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private record Value(double value, Unit unit) {
    }

    private static volatile Clock clock = Clock.systemUTC();

    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final Map<String, Value> metrics = new LinkedHashMap<>();

    private Metrics() {
    }

    /**
     * A new line with these dimensions, named in alphabetical order (values are not checked here: bound them
     * with {@link #bounded}).
     */
    public static Metrics with(Map<String, String> dimensions) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("at most " + MAX_DIMENSIONS + " dimensions");
        }
        Metrics line = new Metrics();
        new TreeMap<>(dimensions).forEach((name, value) -> line.dimensions.put(name, value == null || value.isEmpty() ? OTHER : value));
        return line;
    }

    /** Adds a metric to this line. */
    public Metrics put(String name, double value, Unit unit) {
        if (dimensions.containsKey(name)) {
            throw new IllegalArgumentException(name + " is already a dimension");
        }
        metrics.put(name, new Value(value, unit));
        return this;
    }

    /** Prints the line; nothing when it holds no metric. */
    public void flush() {
        if (!metrics.isEmpty()) {
            Log.write(toJson());
        }
    }

    /** One count of {@code name} with these dimensions, printed at once. */
    public static void count(String name, Map<String, String> dimensions) {
        with(dimensions).put(name, 1, Unit.COUNT).flush();
    }

    /** A count of {@code value}, printed at once (nothing for a count of zero). */
    public static void count(String name, long value, Map<String, String> dimensions) {
        if (value != 0) {
            with(dimensions).put(name, value, Unit.COUNT).flush();
        }
    }

    /** A point-in-time value (a gauge: take Minimum or Average of it), printed at once. */
    public static void gauge(String name, double value, Map<String, String> dimensions) {
        with(dimensions).put(name, value, Unit.NONE).flush();
    }

    /** {@code value} when it is allowed, else {@value #OTHER}. */
    public static String bounded(String value, Collection<String> allowed) {
        return value != null && allowed.contains(value) ? value : OTHER;
    }

    /** An HTTP status as its class: {@code 2xx}, {@code 4xx}, …; anything outside 100–599 is {@value #OTHER}. */
    public static String statusClass(int status) {
        return status >= 100 && status <= 599 ? (status / 100) + "xx" : OTHER;
    }

    /** A webhook event name bounded to the {@link WebhookEvent}s autosync knows. */
    public static String event(String event) {
        return bounded(event, WebhookEvent.NAMES);
    }

    /** Tests only: a fixed clock for the timestamp. */
    static void useClock(Clock fixed) {
        clock = fixed;
    }

    ObjectNode toJson() {
        ObjectNode line = Json.mapper().createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        ArrayNode definitions = directive.putArray("Metrics");
        metrics.forEach((name, value) -> definitions.addObject().put("Name", name).put("Unit", value.unit().wireName()));
        dimensions.forEach(line::put);
        metrics.forEach((name, value) -> {
            if (value.value() == Math.rint(value.value()) && Math.abs(value.value()) < 1e15) {
                line.put(name, (long) value.value());
            } else {
                line.put(name, value.value());
            }
        });
        return line;
    }
}
