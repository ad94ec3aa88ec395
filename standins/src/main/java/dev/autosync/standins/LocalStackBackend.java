package dev.autosync.standins;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;

/** LocalStack in a container, via Testcontainers: for machines that have a container engine. */
public final class LocalStackBackend implements AwsBackend {

    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private final LocalStackContainer container;

    private LocalStackBackend(LocalStackContainer container) {
        this.container = container;
    }

    public static LocalStackBackend start() {
        if (!dockerAvailable()) {
            throw new StandInException("aws.backend=localstack needs a container engine (Docker) and none was found; "
                    + "run without -Daws.backend to use dynalite + ElasticMQ");
        }
        LocalStackContainer container = new LocalStackContainer(IMAGE).withServices(Service.DYNAMODB, Service.SQS);
        container.start();
        return new LocalStackBackend(container);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public URI dynamoDbEndpoint() {
        return container.getEndpointOverride(Service.DYNAMODB);
    }

    @Override
    public URI sqsEndpoint() {
        return container.getEndpointOverride(Service.SQS);
    }

    @Override
    public String region() {
        return container.getRegion();
    }

    @Override
    public String description() {
        return "LocalStack " + container.getEndpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}
