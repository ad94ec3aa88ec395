package dev.autosync.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.aws.Resources;
import dev.autosync.queue.SqsEventQueue;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.testing.AwsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A webhook handler wired to freshly provisioned stand-in queues, and helpers to look at the outcome. */
final class WebhookTestBench {

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    final AwsFixture aws;
    final Resources resources;

    WebhookTestBench(AwsFixture aws) {
        this.aws = aws;
        this.resources = aws.provision();
    }

    WebhookHandler handler(WebhookSecrets secrets) {
        return handler(secrets, aws.sqs());
    }

    WebhookHandler handler(WebhookSecrets secrets, SqsClient sqs) {
        return new WebhookHandler(new WebhookService(secrets,
                new SqsEventQueue(sqs, resources.eventsQueueUrl()),
                new SqsSyncTaskQueue(sqs, resources.syncTasksQueueUrl(), Clock.systemUTC()),
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    void purge() {
        aws.sqs().purgeQueue(b -> b.queueUrl(resources.eventsQueueUrl()));
        aws.sqs().purgeQueue(b -> b.queueUrl(resources.syncTasksQueueUrl()));
    }

    int queued() {
        return aws.depth(resources.eventsQueueUrl()) + aws.depth(resources.syncTasksQueueUrl());
    }

    static APIGatewayV2HTTPResponse post(WebhookHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
