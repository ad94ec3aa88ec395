package dev.autosync.standins;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ElasticMQ with stored queues, spoken to in SQS's query protocol (no SDK in this module). */
class ElasticMqTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    // The local runner's restart promise rests on this: a message sent before the stop is there after it,
    // in the same JVM too (ElasticMQ sets its JDBC pool up only once per JVM).
    @Test
    void storedQueues_keepTheirMessagesAcrossARestart() throws Exception {
        Path folder = Files.createTempDirectory("autosync-elasticmq-");
        try (ElasticMq first = ElasticMq.start(folder)) {
            String queue = first.endpoint() + "/000000000000/kept";
            call(first, "Action=CreateQueue&QueueName=kept");
            call(first, "Action=SendMessage&QueueUrl=" + encode(queue) + "&MessageBody=accepted-before-the-stop");
        }

        try (ElasticMq second = ElasticMq.start(folder)) {
            String queue = second.endpoint() + "/000000000000/kept";
            String received = call(second, "Action=ReceiveMessage&QueueUrl=" + encode(queue));
            assertTrue(received.contains("accepted-before-the-stop"), received);
        }
    }

    @Test
    void secondStoredServerInOneJvm_isRefused() throws Exception {
        try (ElasticMq running = ElasticMq.start(Files.createTempDirectory("autosync-elasticmq-"))) {
            assertThrows(IllegalStateException.class, () -> ElasticMq.start(Files.createTempDirectory("autosync-elasticmq-")));
        }
    }

    private static String call(ElasticMq server, String form) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200, response.statusCode() + " " + response.body());
        return response.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
