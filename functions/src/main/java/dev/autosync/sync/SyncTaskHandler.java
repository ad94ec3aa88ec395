package dev.autosync.sync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autosync.common.Env;
import dev.autosync.common.Invocation;
import dev.autosync.queue.SqsSyncTaskQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lambda entry point of the sync-task consumer: an SQS batch of {@link dev.autosync.queue.SyncTask}s in,
 * the messages to retry out (partial batch response; the event source mapping enables
 * {@code ReportBatchItemFailures}). The remaining invocation time is handed to the engine so a long task
 * checkpoints instead of timing out.
 */
public final class SyncTaskHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SyncEngine engine;

    public SyncTaskHandler() {
        this(SyncWiring.fromEnvironment(Env.system()));
    }

    SyncTaskHandler(SyncEngine engine) {
        this.engine = engine;
    }

    /** A handler configured from {@code env} (the local runner passes its own environment). */
    public static SyncTaskHandler from(Env env) {
        return new SyncTaskHandler(SyncWiring.fromEnvironment(env));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Invocation.start(context);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            Optional<Duration> remaining = context == null ? Optional.empty()
                    : Optional.of(Duration.ofMillis(context.getRemainingTimeInMillis()));
            if (!engine.handleMessage(message.getMessageId(), message.getBody(), visibleAt(message), remaining)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** When the message became visible: the sender's stamp, else SQS's {@code SentTimestamp}. */
    private static Optional<Instant> visibleAt(SQSEvent.SQSMessage message) {
        Optional<String> stamp = Optional.ofNullable(message.getMessageAttributes())
                .map(attributes -> attributes.get(SqsSyncTaskQueue.VISIBLE_AT)).map(SQSEvent.MessageAttribute::getStringValue);
        Optional<String> sent = Optional.ofNullable(message.getAttributes()).map(attributes -> attributes.get(SqsSyncTaskQueue.SENT_TIMESTAMP));
        return SqsSyncTaskQueue.visibleAt(stamp, sent);
    }
}
