package dev.autosync.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The load section's baseline: the same bodies sent straight to the same ElasticMQ (its queues stored in the
 * same data folder) with a bare SQS SendMessage, at the same rate and with as many in flight, on a queue of
 * its own that nothing consumes. Against it the ack latency shows what the gateway, the signature check and
 * the webhook function add to the queue write they end with.
 */
final class BareSend {

    static final String QUEUE = "load-baseline";

    private BareSend() {
    }

    static OpenLoop.Run measure(LoadSystem system, LoadDeliveries deliveries, double rate, LoadSettings settings)
            throws InterruptedException {
        SqsClient sqs = system.sqs();
        String queue = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        ExecutorService senders = Executors.newFixedThreadPool(settings.inFlight(), LoadDeliveries.daemon());
        try {
            Duration length = settings.baseline().compareTo(settings.steady()) < 0 ? settings.baseline() : settings.steady();
            return OpenLoop.run(rate, length, settings.inFlight(), LoadDeliveries.TIMEOUT, index -> {
                String body = new String(deliveries.next().body(), java.nio.charset.StandardCharsets.UTF_8);
                return CompletableFuture.supplyAsync(() -> {
                    sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
                    return true;
                }, senders);
            });
        } finally {
            senders.shutdownNow();
            sqs.deleteQueue(b -> b.queueUrl(queue));
        }
    }
}
