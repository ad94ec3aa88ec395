package dev.autosync.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnRoute;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;

/**
 * The HTTP API: the webhook, api and dashboard routes on the functions' aliases, JSON access logs and the
 * default stage's throttling. Created in the stack's own scope (stable logical ids).
 */
final class HttpEndpoints {

    private HttpEndpoints() {
    }

    static HttpApi create(Stack stack, Parameters parameters, Alias webhook, Alias api) {
        // ANY on the webhook path, not POST: the function answers other methods 405 itself; with POST only
        // they would fall through to the api's /api/{proxy+} route.
        HttpApi httpApi = HttpApi.Builder.create(stack, "HttpApi")
                .apiName(stack.getStackName())
                .description("autosync: GitHub webhooks, the api and the dashboard page")
                .build();
        HttpLambdaIntegration webhookIntegration = new HttpLambdaIntegration("Webhook", webhook);
        HttpLambdaIntegration apiIntegration = new HttpLambdaIntegration("Api", api);
        CfnRoute webhookRoute = (CfnRoute) route(httpApi, AutosyncStack.WEBHOOK_PATH, HttpMethod.ANY,
                webhookIntegration).getNode().getDefaultChild();
        // The L2 route refuses a trailing slash; the API itself routes it (GitHub may be given either form).
        CfnRoute webhookTrailingSlash = CfnRoute.Builder.create(stack, "WebhookTrailingSlashRoute")
                .apiId(httpApi.getApiId())
                .routeKey("ANY " + AutosyncStack.WEBHOOK_PATH + "/")
                .target(webhookRoute.getTarget())
                .build();
        HttpRoute dashboardRoute = route(httpApi, "/", HttpMethod.GET, apiIntegration);
        HttpRoute apiRoute = route(httpApi, "/api/{proxy+}", HttpMethod.ANY, apiIntegration);
        String webhookAuth = "GitHub cannot present AWS credentials, a JWT or a custom header value to a webhook"
                + " URL; it signs each delivery. The webhook function verifies X-Hub-Signature-256 (HMAC-SHA256 with"
                + " the webhook secret from Secrets Manager, constant-time compare) before anything is queued, and"
                + " answers 401 otherwise; an authorizer could not check a signature over the body.";
        Nag.suppress(webhookRoute, "AwsSolutions-APIG4", webhookAuth);
        Nag.suppress(webhookTrailingSlash, "AwsSolutions-APIG4", webhookAuth);
        Nag.suppressWithChildren(apiRoute, "AwsSolutions-APIG4", "Every /api/* request except GET"
                + " /api/sync/health's public summary is authenticated in the api function: a bearer token compared in"
                + " constant time against the token list in Secrets Manager (ApiTokensSecret), re-read on a timer so"
                + " rotation needs no redeploy; unauthenticated requests get 401 before any data is read. A Lambda"
                + " authorizer would duplicate that check and add a second cold start per request.");
        Nag.suppressWithChildren(dashboardRoute, "AwsSolutions-APIG4", "GET / returns the dashboard's static"
                + " HTML/JS page only, with no data in it; the page calls /api/* with the operator's bearer token,"
                + " which those routes check.");

        // Access logs: one JSON line per request (no headers or bodies, so no tokens or signatures), kept
        // LogRetentionDays and deleted with the stack like the functions' logs.
        LogGroup accessLogs = new LogGroup(stack, "HttpApiAccessLogs", LogGroupProps.builder()
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
        Functions.retainFor(accessLogs, parameters);
        ((CfnLogGroup) accessLogs.getNode().getDefaultChild()).overrideLogicalId("HttpApiAccessLogs");
        CfnStage stage = (CfnStage) httpApi.getDefaultStage().getNode().getDefaultChild();
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                        + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
                        + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
                        + "\"integrationLatency\":\"$context.integrationLatency\","
                        + "\"integrationError\":\"$context.integrationErrorMessage\","
                        + "\"userAgent\":\"$context.identity.userAgent\"}")
                .build());
        // Throttling on every route (the default route settings): a flood of requests, signed or not, costs
        // 429s instead of Lambda concurrency the processor and sync need. Safe for webhooks: GitHub records a
        // 429 as a failed delivery, and the periodic sync's redelivery step asks for it again.
        stage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit(parameters.throttleRate.getValueAsNumber())
                .throttlingBurstLimit(parameters.throttleBurst.getValueAsNumber())
                .build());
        return httpApi;
    }

    private static HttpRoute route(HttpApi httpApi, String path, HttpMethod method, HttpLambdaIntegration integration) {
        return httpApi.addRoutes(AddRoutesOptions.builder()
                .path(path).methods(List.of(method)).integration(integration).build()).get(0);
    }
}
