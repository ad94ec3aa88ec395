package dev.autosync.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The load section's baseline: bodies of the mix sent straight to the same ElasticMQ (its queues stored in the
 * same data folder) with a bare SQS SendMessage, on a queue of its own that nothing consumes, alongside the steady
 * run at {@link #SHARE} of its rate: the same moment, the same machine and the same load, so a machine shared with
 * other work slows both alike. Against it the ack latency shows what the gateway, the signature check and the
 * webhook function add to the queue write they end with.
 */
final class BareSend {

    static final String QUEUE = "load-baseline";
    /** The baseline's rate, as a share of the steady rate: enough samples for a p99, little added load. */
    static final double SHARE = 0.2;
    /** ... and at least this many a second. */
    static final double MIN_RATE = 5;

    private BareSend() {
    }

    static double rate(double steadyRate) {
        return Math.max(MIN_RATE, steadyRate * SHARE);
    }

    static OpenLoop.Run measure(SqsClient sqs, List<String> bodies, double rate, Duration length, int inFlight)
            throws InterruptedException {
        String queue = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        ExecutorService senders = Executors.newFixedThreadPool(inFlight, LoadDeliveries.daemon());
        try {
            return OpenLoop.run(rate, length, inFlight, LoadDeliveries.TIMEOUT, index -> CompletableFuture.supplyAsync(() -> {
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody(bodies.get(index % bodies.size())));
                return true;
            }, senders));
        } finally {
            senders.shutdownNow();
            sqs.deleteQueue(b -> b.queueUrl(queue));
        }
    }
}
