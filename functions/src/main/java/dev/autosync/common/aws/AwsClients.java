package dev.autosync.common.aws;

import dev.autosync.common.Env;
import dev.autosync.common.EnvVars;
import dev.autosync.common.Priming;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds AWS SDK clients the one way autosync wants them: the lightweight URL-connection HTTP client
 * (fast cold starts), and either the real AWS endpoints with the default credential chain, or — when an
 * endpoint override is configured — a local stand-in with dummy static credentials.
 */
public final class AwsClients {

    private static final AwsCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("autosync-local", "autosync-local"));

    private static final AwsCredentialsProvider PRIMING_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("autosync-priming", "autosync-priming"));

    private static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(15);

    private final Region region;
    private final Optional<URI> dynamoDbEndpoint;
    private final Optional<URI> sqsEndpoint;
    private final Optional<URI> secretsManagerEndpoint;
    private final SdkHttpClient http;
    private final Duration apiCallTimeout;

    public AwsClients(Region region, Optional<URI> dynamoDbEndpoint, Optional<URI> sqsEndpoint,
                      Optional<URI> secretsManagerEndpoint) {
        this(region, dynamoDbEndpoint, sqsEndpoint, secretsManagerEndpoint, DEFAULT_API_CALL_TIMEOUT);
    }

    private AwsClients(Region region, Optional<URI> dynamoDbEndpoint, Optional<URI> sqsEndpoint,
                       Optional<URI> secretsManagerEndpoint, Duration apiCallTimeout) {
        this.apiCallTimeout = apiCallTimeout;
        this.region = region;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.secretsManagerEndpoint = secretsManagerEndpoint;
        this.http = new PrimingHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build());
    }

    /**
     * The same endpoints with another budget per call, retries included: a function that must answer
     * within a deadline (the webhook: GitHub waits 10 s) gives up in time to answer with an error.
     */
    public AwsClients withApiCallTimeout(Duration timeout) {
        return new AwsClients(region, dynamoDbEndpoint, sqsEndpoint, secretsManagerEndpoint, timeout);
    }

    /** From the environment: {@code AWS_REGION} and the optional endpoint overrides. */
    public static AwsClients from(Env env) {
        Region region = Region.of(env.optional(EnvVars.AWS_REGION).orElse("us-east-1"));
        Optional<URI> shared = env.optionalUri(EnvVars.AWS_ENDPOINT_URL);
        Optional<URI> dynamo = env.optionalUri(EnvVars.AWS_ENDPOINT_URL_DYNAMODB).or(() -> shared);
        Optional<URI> sqs = env.optionalUri(EnvVars.AWS_ENDPOINT_URL_SQS).or(() -> shared);
        Optional<URI> secrets = env.optionalUri(EnvVars.AWS_ENDPOINT_URL_SECRETSMANAGER).or(() -> shared);
        return new AwsClients(region, dynamo, sqs, secrets);
    }

    /** Clients for stand-ins at the given endpoints. */
    public static AwsClients local(URI dynamoDb, URI sqs) {
        return new AwsClients(Region.US_EAST_1, Optional.of(dynamoDb), Optional.of(sqs), Optional.empty());
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), dynamoDbEndpoint).httpClient(http).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), sqsEndpoint).httpClient(http).build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), secretsManagerEndpoint).httpClient(http).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Optional<URI> endpoint) {
        builder.region(region)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(apiCallTimeout)
                        .build());
        endpoint.ifPresentOrElse(
                uri -> builder.endpointOverride(uri).credentialsProvider(primed(LOCAL_CREDENTIALS)),
                () -> builder.credentialsProvider(primed(DefaultCredentialsProvider.builder().build())));
        return builder;
    }

    /**
     * {@code real}, except on a thread that is {@link Priming priming}: its requests never leave the process
     * ({@link PrimingHttpClient}), so they are signed with made-up credentials and the chain is never asked.
     * Under SnapStart the chain would fetch the role's credentials from the container endpoint during init,
     * a call out of the process whose answer would then sit in the snapshot.
     */
    static AwsCredentialsProvider primed(AwsCredentialsProvider real) {
        return () -> Priming.active() ? PRIMING_CREDENTIALS.resolveCredentials() : real.resolveCredentials();
    }
}
