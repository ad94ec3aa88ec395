package dev.autosync.processing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.autosync.common.Env;
import dev.autosync.common.Invocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point of the processor: an SQS batch in, the messages to retry out (partial batch
 * response; the event source mapping must enable {@code ReportBatchItemFailures}).
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">SQS partial batch responses</a>
 */
public final class ProcessorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final EventProcessor processor;

    public ProcessorHandler() {
        this(ProcessorWiring.fromEnvironment(Env.system()));
    }

    ProcessorHandler(EventProcessor processor) {
        this.processor = processor;
    }

    /** A handler configured from {@code env} (the local runner passes its own environment). */
    public static ProcessorHandler from(Env env) {
        return new ProcessorHandler(ProcessorWiring.fromEnvironment(env));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Invocation.start(context);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!processor.processMessage(message.getMessageId(), message.getBody(), attributes(message))) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static Map<String, String> attributes(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        return attributes;
    }
}
