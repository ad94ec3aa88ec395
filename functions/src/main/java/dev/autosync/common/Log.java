package dev.autosync.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * Structured logging: one JSON object per line on stdout, which Lambda ships to CloudWatch Logs where
 * Logs Insights can query the fields. Callers pass fields explicitly; nothing logs bodies, secrets or
 * tokens, so never pass them.
 */
public final class Log {

    private static volatile PrintStream out = System.out;

    private final String logger;

    private Log(String logger) {
        this.logger = logger;
    }

    public static Log of(Class<?> owner) {
        return new Log(owner.getSimpleName());
    }

    /** Redirects every logger (tests capture lines to assert that no secret is printed). */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public void info(String message, Map<String, ?> fields) {
        emit("INFO", message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        emit("WARN", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        emit("ERROR", message, fields);
    }

    private void emit(String level, String message, Map<String, ?> fields) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        fields.forEach((key, value) -> line.set(key, Json.mapper().valueToTree(value)));
        write(line);
    }

    /**
     * Prints one JSON line, stamped with the Lambda request id (when known) and the cold-start flag of the
     * current {@link Invocation}; {@link Metrics} writes its EMF lines through here too.
     */
    static void write(ObjectNode line) {
        Invocation.requestId().ifPresent(id -> line.put("request_id", id));
        line.put("cold_start", Invocation.coldStart());
        if (!Priming.active()) { // built all the same: its classes are part of what priming loads
            out.println(line);
        }
    }
}
