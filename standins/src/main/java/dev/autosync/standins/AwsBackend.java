package dev.autosync.standins;

import java.net.URI;

/**
 * A running set of AWS stand-ins. Closing it stops every server and process it started.
 *
 * <p>Chosen by the {@code aws.backend} system property (or {@code AWS_BACKEND} variable):
 * {@code embedded} (default: dynalite + ElasticMQ, no container engine needed) or {@code localstack}
 * (LocalStack via Testcontainers, for machines with Docker).
 */
public interface AwsBackend extends AutoCloseable {

    String PROPERTY = "aws.backend";

    URI dynamoDbEndpoint();

    URI sqsEndpoint();

    /** The region the stand-ins accept; any region works, but one is needed to sign requests. */
    default String region() {
        return "us-east-1";
    }

    String description();

    @Override
    void close();

    /** Starts the backend named by {@code aws.backend} / {@code AWS_BACKEND}. */
    static AwsBackend startConfigured() {
        String name = System.getProperty(PROPERTY, System.getenv().getOrDefault("AWS_BACKEND", "embedded"));
        return start(name);
    }

    /**
     * As {@link #startConfigured()}, keeping the data in {@code dataDirectory}: only the embedded backend
     * does here, so any other is refused.
     */
    static AwsBackend startConfigured(java.nio.file.Path dataDirectory) {
        String name = System.getProperty(PROPERTY, System.getenv().getOrDefault("AWS_BACKEND", "embedded"));
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "embedded", "dynalite" -> EmbeddedBackend.start(dataDirectory);
            default -> throw new StandInException("only the embedded backend (dynalite + ElasticMQ) keeps data in a folder;"
                    + " unset " + PROPERTY + " / AWS_BACKEND (now '" + name + "')");
        };
    }

    static AwsBackend start(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "embedded", "dynalite" -> EmbeddedBackend.start();
            case "localstack" -> LocalStackBackend.start();
            default -> throw new IllegalArgumentException(
                    "unknown " + PROPERTY + " '" + name + "': expected 'embedded' (dynalite + ElasticMQ) or 'localstack'");
        };
    }
}
