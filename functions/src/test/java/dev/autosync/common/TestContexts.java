package dev.autosync.common;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda {@link Context} with a request id, for tests of what handlers log. */
public final class TestContexts {

    private TestContexts() {
    }

    public static Context context(String requestId) {
        return new Context() {
            public String getAwsRequestId() { return requestId; }
            public String getLogGroupName() { return "g"; }
            public String getLogStreamName() { return "s"; }
            public String getFunctionName() { return "f"; }
            public String getFunctionVersion() { return "1"; }
            public String getInvokedFunctionArn() { return "arn"; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return 30_000; }
            public int getMemoryLimitInMB() { return 512; }
            public LambdaLogger getLogger() { return null; }
        };
    }
}
