package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GIVEN a processor that dies after any number of the writes one event needs (fault injection around the
 * DynamoDB client: every later call fails, as in a killed process), WHEN SQS redelivers the message after
 * the attempt's lease has expired, THEN the final table is exactly what one clean run leaves — no count
 * lost, none doubled, nothing half-deleted.
 */
@ExtendWith(AwsStandIns.class)
class CrashRecoveryTest {

    // script() indices: prefix deliveries applied cleanly first, then the target event that crashes.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "installation created, import requested |         | 0",
            "push: one new and one known commit     | 0 2     | 3",
            "issue closed: open count down          | 0 5 7   | 8",
            "pull request merged: open count down   | 0 11    | 12",
            "repository deleted with its children   | 0 1 15 16 | 17",
            "open issue deleted: tombstone and count | 0 19   | 20"})
    void crashBetweenAnyTwoWrites_thenRetry_leavesExactlyTheCleanState(String scenario, String prefix, int target,
                                                                        AwsFixture aws) {
        List<History.Delivery> script = ConvergenceTest.script();
        int[] before = prefix == null ? new int[0]
                : java.util.Arrays.stream(prefix.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();

        ProcessorRig clean = prepared(aws, script, before);
        CrashingDynamoDb counting = new CrashingDynamoDb(aws.dynamoDb(), Integer.MAX_VALUE);
        assertTrue(deliver(clean.processor(counting, false), script.get(target)));
        TreeMap<String, Map<String, AttributeValue>> expected = clean.dump();
        int writes = counting.writes();
        assertTrue(writes >= 3, "the event needs several writes: " + writes);

        for (int survivingWrites = 0; survivingWrites < writes; survivingWrites++) {
            ProcessorRig rig = prepared(aws, script, before);
            CrashingDynamoDb crashing = new CrashingDynamoDb(aws.dynamoDb(), survivingWrites);
            assertFalse(deliver(rig.processor(crashing, false), script.get(target)), "the attempt crashed");
            assertTrue(crashing.crashed());

            rig.clock.advance(ProcessorRig.LEASE.plus(Duration.ofSeconds(1)));
            assertTrue(deliver(rig.processor(false), script.get(target)), "the retry succeeds");
            assertEquals("", ProcessorRig.differences(expected, rig.dump()),
                    scenario + ": crash after " + survivingWrites + " of " + writes + " writes");
        }
    }

    // Protects against a lost count: an attempt dies after any of its writes — notably right after changing
    // the open count but before flagging the issue as counted — and a newer event for the same issue is
    // processed before the retry.
    @Test
    void crashAnywhere_thenANewerEventForTheSameIssue_thenRetry_countsExactly(AwsFixture aws) {
        List<History.Delivery> script = new History().installationCreated(9)
                .issue("opened", 9, 1, "open", "t")
                .issue("closed", 9, 1, "closed", "t")
                .issue("reopened", 9, 1, "open", "t")
                .deliveries();
        CrashingDynamoDb counting = new CrashingDynamoDb(aws.dynamoDb(), Integer.MAX_VALUE);
        assertTrue(deliver(prepared(aws, script, new int[] {0, 1}).processor(counting, false), script.get(2)));

        for (int survivingWrites = 1; survivingWrites < counting.writes(); survivingWrites++) {
            ProcessorRig rig = prepared(aws, script, new int[] {0, 1});
            CrashingDynamoDb crashing = new CrashingDynamoDb(aws.dynamoDb(), survivingWrites);
            assertFalse(deliver(rig.processor(crashing, false), script.get(2)));

            assertTrue(deliver(rig.processor(false), script.get(3)));
            rig.clock.advance(ProcessorRig.LEASE.plus(Duration.ofSeconds(1)));
            assertTrue(deliver(rig.processor(false), script.get(2)));

            assertEquals(1, rig.queries.repository(9).orElseThrow().openIssuesCount(),
                    "crash after " + survivingWrites + " writes");
        }
    }

    private static ProcessorRig prepared(AwsFixture aws, List<History.Delivery> script, int[] prefix) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(false);
        for (int index : prefix) {
            assertTrue(deliver(processor, script.get(index)));
        }
        return rig;
    }

    private static boolean deliver(EventProcessor processor, History.Delivery delivery) {
        return ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload());
    }
}
