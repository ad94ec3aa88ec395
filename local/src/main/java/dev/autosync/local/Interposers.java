package dev.autosync.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URI;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Test-only seams of an in-process start, for fault injection over the real stand-ins (the convergence soak):
 * what the functions call as DynamoDB instead of the stand-in's endpoint (a proxy that answers throttling
 * errors), and a wrapper around each queue's function (one that crashes mid-batch). The run command uses
 * {@link #NONE}.
 *
 * @param dynamoDb  the endpoint the functions call, given the stand-in's
 * @param consumers each queue's function, given the queue's name ({@code autosync-events}, …) and the real one
 */
record Interposers(UnaryOperator<URI> dynamoDb,
                   BiFunction<String, RequestHandler<SQSEvent, SQSBatchResponse>, RequestHandler<SQSEvent, SQSBatchResponse>> consumers) {

    static final Interposers NONE = new Interposers(UnaryOperator.identity(), (queue, function) -> function);
}
