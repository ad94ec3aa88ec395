package dev.autosync.standins;

import java.net.URI;

/** dynalite (a child node process) for DynamoDB and ElasticMQ (in this JVM) for SQS. */
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
