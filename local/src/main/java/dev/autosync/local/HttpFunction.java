package dev.autosync.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** A function behind an HTTP API route, e.g. {@code event -> handler.handleRequest(event, null)}. */
@FunctionalInterface
public interface HttpFunction {

    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event);
}
