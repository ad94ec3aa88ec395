package dev.autosync.sync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.autosync.common.Env;
import dev.autosync.common.Invocation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Lambda entry point of the schedule (EventBridge, every {@code AUTOSYNC_SYNC_INTERVAL}): records the
 * run's {@code periodic_sync} job and queues its task. The job id derives from the scheduled time, so
 * EventBridge's retry of the same invocation does not start a second run.
 *
 * <p>The event is read as a map (its {@code time} field, ISO-8601) rather than as
 * {@code ScheduledEvent}, whose Joda-Time dependency would add start-up cost for one field.
 */
public final class SyncScheduleHandler implements RequestHandler<Map<String, Object>, String> {

    private final SyncEngine engine;

    public SyncScheduleHandler() {
        this(SyncWiring.fromEnvironment(Env.system()));
    }

    SyncScheduleHandler(SyncEngine engine) {
        this.engine = engine;
    }

    public static SyncScheduleHandler from(Env env) {
        return new SyncScheduleHandler(SyncWiring.fromEnvironment(env));
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Invocation.start(context);
        return engine.scheduledRun(scheduledTime(event));
    }

    /** The event's {@code time}, or null when absent or unreadable (the engine then uses its clock). */
    static Instant scheduledTime(Map<String, Object> event) {
        Object time = event == null ? null : event.get("time");
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
