package dev.autosync.common.aws;

import dev.autosync.common.Priming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The SDK clients' HTTP client: the real one, except on a thread that is {@link Priming priming}, where every
 * request is marshalled, signed and written as usual but answered here, as {@link Priming.Answer} says, in the
 * AWS JSON protocol that DynamoDB, SQS and Secrets Manager speak, without touching the network. The check is
 * one thread-local read per request.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONDITION_FAILED = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final SdkHttpClient real;

    PrimingHttpClient(SdkHttpClient real) {
        this.real = real;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Priming.Answer answer = Priming.answerAwsCall().orElse(null);
        if (answer == null) {
            return real.prepareRequest(request);
        }
        boolean empty = answer == Priming.Answer.EMPTY;
        byte[] body = empty ? EMPTY : CONDITION_FAILED;
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        body.transferTo(OutputStream.nullOutputStream()); // what writing it to a socket loads
                    }
                }
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(empty ? 200 : 400)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .putHeader("x-amzn-RequestId", "autosync-priming")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // answered at once: nothing to abort
            }
        };
    }

    @Override
    public String clientName() {
        return real.clientName();
    }

    @Override
    public void close() {
        real.close();
    }
}
