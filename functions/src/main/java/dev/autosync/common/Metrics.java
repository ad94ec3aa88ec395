package dev.autosync.common;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Metrics in CloudWatch Embedded Metric Format: each {@link #flush} prints one JSON line on stdout (through
 * {@link Log}'s writer), which CloudWatch Logs turns into metrics with no API call. Metric names and
 * dimension names come from {@link MetricNames}. Dimension values must be bounded, or every distinct value
 * becomes a custom metric that is paid for: pass caller-controlled values through {@link #bounded}, which
 * keeps an allow-listed value and maps anything else to {@value #OTHER}. An unbounded value that helps an
 * operator (an installation id) goes in a {@link #property}: a field of the same line, queryable in Logs
 * Insights, never a metric.
 *
 * <p>The namespace is {@code AUTOSYNC_METRICS_NAMESPACE} (the templates set the stack's name, so two stacks in
 * one account never mix their metrics), else {@value #DEFAULT_NAMESPACE}; each wiring reads and checks it once
 * at init through {@link #configure}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">EMF specification</a>
 */
public final class Metrics {

    /** The namespace when {@code AUTOSYNC_METRICS_NAMESPACE} is not set (locally, tests). */
    public static final String DEFAULT_NAMESPACE = "autosync";
    public static final String OTHER = "other";
    /** CloudWatch's limit of dimensions in one dimension set. */
    static final int MAX_DIMENSIONS = 30;
    /** CloudWatch's longest namespace. */
    static final int MAX_NAMESPACE = 255;

    /** The CloudWatch units used here. */
    public enum Unit {
        COUNT("Count"), NONE("None"), MILLISECONDS("Milliseconds"), SECONDS("Seconds");

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
    private static volatile String namespace = DEFAULT_NAMESPACE;

    private final Map<String, String> dimensions = new LinkedHashMap<>();
    /** Further dimension sets (subsets of {@link #dimensions}) the same values are also aggregated by. */
    private final Set<List<String>> rollups = new LinkedHashSet<>();
    private final Map<String, Value> metrics = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();

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

    /**
     * Reads {@code AUTOSYNC_METRICS_NAMESPACE} (once per wiring, at init) and uses it for every line after; a
     * malformed value is noted on {@code env} for its single validation and the default is kept.
     */
    public static void configure(Env env) {
        String value = env.optional(EnvVars.AUTOSYNC_METRICS_NAMESPACE).orElse(DEFAULT_NAMESPACE);
        if (!validNamespace(value)) {
            env.problem(EnvVars.AUTOSYNC_METRICS_NAMESPACE + " must be 1 to " + MAX_NAMESPACE
                    + " printable ASCII characters not starting with AWS/, not '" + value + "'");
            return;
        }
        namespace = value;
    }

    /** CloudWatch's rule: ASCII without control characters, at most 255 long; {@code AWS/} is reserved for AWS. */
    static boolean validNamespace(String value) {
        return !value.isEmpty() && value.length() <= MAX_NAMESPACE && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                && !value.startsWith("AWS/");
    }

    /** The namespace lines are written to now. */
    public static String namespace() {
        return namespace;
    }

    /**
     * Also aggregates this line's metrics by these of its dimensions alone (an EMF directive lists several
     * dimension sets): an alarm must name a metric's exact dimensions, so a rollup is how it watches one
     * dimension across the others. Each rollup is another custom metric per value: add only those an alarm needs.
     */
    public Metrics rollup(List<String> dimensionNames) {
        for (String name : dimensionNames) {
            if (!dimensions.containsKey(name)) {
                throw new IllegalArgumentException(name + " is not a dimension of this line");
            }
        }
        rollups.add(List.copyOf(new TreeSet<>(dimensionNames)));
        return this;
    }

    /** Adds a metric to this line. */
    public Metrics put(String name, double value, Unit unit) {
        if (dimensions.containsKey(name) || properties.containsKey(name)) {
            throw new IllegalArgumentException(name + " is already a dimension or property");
        }
        metrics.put(name, new Value(value, unit));
        return this;
    }

    /**
     * Adds a field that is neither a metric nor a dimension: searchable in Logs Insights, free of metric cost,
     * so it may hold an unbounded value (never a secret or a payload).
     */
    public Metrics property(String name, Object value) {
        if (dimensions.containsKey(name) || metrics.containsKey(name) || "_aws".equals(name)) {
            throw new IllegalArgumentException(name + " is already a dimension or metric");
        }
        properties.put(name, value);
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

    /** Tests only: back to {@value #DEFAULT_NAMESPACE}. */
    static void resetNamespace() {
        namespace = DEFAULT_NAMESPACE;
    }

    ObjectNode toJson() {
        ObjectNode line = Json.mapper().createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSets = directive.putArray("Dimensions");
        Set<List<String>> sets = new LinkedHashSet<>();
        sets.add(List.copyOf(dimensions.keySet()));
        sets.addAll(rollups);
        for (List<String> set : sets) {
            ArrayNode names = dimensionSets.addArray();
            set.forEach(names::add);
        }
        ArrayNode definitions = directive.putArray("Metrics");
        metrics.forEach((name, value) -> definitions.addObject().put("Name", name).put("Unit", value.unit().wireName()));
        dimensions.forEach(line::put);
        properties.forEach((name, value) -> line.set(name, Json.mapper().valueToTree(value)));
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
