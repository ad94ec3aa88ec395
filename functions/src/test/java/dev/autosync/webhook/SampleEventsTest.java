package dev.autosync.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.autosync.common.Json;
import dev.autosync.standins.ProjectRoot;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The committed sample events in events/apigw are accepted by the handler under their documented secret. */
@ExtendWith(AwsStandIns.class)
class SampleEventsTest {

    private static final String SAMPLE_SECRET = "autosync-sample-secret";

    @Test
    void sampleEvents_areSignedWithTheDocumentedSecretAndAccepted(AwsFixture aws) throws IOException {
        WebhookTestBench bench = new WebhookTestBench(aws);
        WebhookHandler handler = bench.handler(WebhookSecrets.fixed(SecretSet.of(SAMPLE_SECRET)));

        assertEquals(202, WebhookTestBench.post(handler, sample("push")).getStatusCode());
        assertEquals(200, WebhookTestBench.post(handler, sample("ping")).getStatusCode());
        assertEquals(1, aws.drain(bench.resources.eventsQueueUrl()).size());
    }

    private static APIGatewayV2HTTPEvent sample(String name) throws IOException {
        Path file = ProjectRoot.find().resolve("events/apigw/" + name + ".json");
        return Json.mapper().readValue(file.toFile(), APIGatewayV2HTTPEvent.class);
    }
}
