package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions pack, as {@link AutosyncApp#synth} applies it: no finding is left unsuppressed, and
 * every suppression (in {@link AutosyncStack}, beside the resource it covers) carries a reason.
 */
class CdkNagTest {

    private static Stack stack;

    @BeforeAll
    static void synthesize() {
        App app = new App(AppProps.builder().context(Map.of("stackName", "autosync")).build());
        AutosyncApp.synth(app, AutosyncStackTest.placeholderCode());
        stack = (Stack) app.getNode().findChild("autosync");
    }

    @Test
    void awsSolutions_hasNoUnsuppressedErrors() {
        assertEquals(List.of(), describe(Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))));
    }

    @Test
    void awsSolutions_hasNoUnsuppressedWarnings() {
        assertEquals(List.of(), describe(Annotations.fromStack(stack)
                .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))));
    }

    @Test
    void theAppRunsTheChecks_aBareQueueBesideTheStackIsFlagged() {
        // The control: the same synth on an app holding one more stack with an unencrypted queue without a
        // DLQ must report it, or "no findings" above would also pass with the aspect missing.
        App app = new App(AppProps.builder().context(Map.of("stackName", "autosync")).build());
        Stack canary = new Stack(app, "canary");
        new Queue(canary, "Bare");
        AutosyncApp.synth(app, AutosyncStackTest.placeholderCode());
        assertFalse(Annotations.fromStack(canary).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS3.*")).isEmpty(),
                "AwsSolutionsChecks did not run on the app");
    }

    private static List<String> describe(List<SynthesisMessage> messages) {
        List<String> out = new ArrayList<>();
        for (SynthesisMessage message : messages) {
            out.add(message.getId() + ": " + message.getEntry().getData());
        }
        return out;
    }
}
