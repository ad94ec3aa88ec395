package dev.autosync.standins;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * dynalite (a child node process) for DynamoDB and ElasticMQ (in this JVM) for SQS: in memory, or kept in
 * a data directory ({@code dynamodb/} and {@code sqs/} in it) so the table and the queued messages survive
 * a restart.
 */
public final class EmbeddedBackend implements AwsBackend {

    private final Dynalite dynalite;
    private final ElasticMq elasticMq;

    private EmbeddedBackend(Dynalite dynalite, ElasticMq elasticMq) {
        this.dynalite = dynalite;
        this.elasticMq = elasticMq;
    }

    public static EmbeddedBackend start() {
        Dynalite dynalite = Dynalite.start();
        try {
            return new EmbeddedBackend(dynalite, ElasticMq.start());
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
    }

    /** Kept in {@code dataDirectory}, which the caller has made sure exists and is writable. */
    public static EmbeddedBackend start(Path dataDirectory) {
        Path tables = dataDirectory.resolve("dynamodb");
        Path queues = dataDirectory.resolve("sqs");
        try {
            Files.createDirectories(tables);
            Files.createDirectories(queues);
        } catch (IOException e) {
            throw new StandInException("cannot create the stand-ins' folders in " + dataDirectory + ": " + e.getMessage(), e);
        }
        Dynalite dynalite = Dynalite.start(tables);
        try {
            return new EmbeddedBackend(dynalite, ElasticMq.start(queues));
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
    }

    @Override
    public URI dynamoDbEndpoint() {
        return dynalite.endpoint();
    }

    @Override
    public URI sqsEndpoint() {
        return elasticMq.endpoint();
    }

    @Override
    public String description() {
        return "dynalite " + dynalite.endpoint() + " + ElasticMQ " + elasticMq.endpoint();
    }

    @Override
    public void close() {
        try {
            elasticMq.close();
        } finally {
            dynalite.close();
        }
    }
}
