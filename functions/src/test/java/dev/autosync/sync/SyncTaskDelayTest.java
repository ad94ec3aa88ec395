package dev.autosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autosync.common.Json;
import dev.autosync.common.MetricNames;
import dev.autosync.queue.SqsSyncTaskQueue;
import dev.autosync.queue.SyncTask;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import dev.autosync.testing.CapturedLines;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code SyncTaskDelay}, which the "sync tasks overdue" alarm watches: how late the consumer took a task up,
 * measured from its {@code not_before} when it has one (a rate-limit wait is deliberate), else from when its
 * message became visible. Through the real queue (ElasticMQ) on the rig's manual clock, and through the
 * handler for what Lambda's event carries.
 */
@ExtendWith(AwsStandIns.class)
class SyncTaskDelayTest {

    private static final String DELAY = MetricNames.SYNC_TASK_DELAY;

    @Test
    void aTaskTakenUpTenMinutesAfterItBecameVisible_isTenMinutesLate(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            SyncTask task = installationTask(rig);

            try (CapturedLines out = new CapturedLines()) {
                queue(rig).send(task);
                rig.clock.advance(Duration.ofMinutes(10));
                rig.runTasks();

                List<Double> delays = delays(out);
                assertEquals(600.0, delays.get(0), delays.toString());
                assertTrue(delays.subList(1, delays.size()).stream().allMatch(d -> d == 0), "its fan-out ran at once: " + delays);
                out.metric(DELAY).forEach(line -> {
                    JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
                    assertEquals("[[]]", directive.path("Dimensions").toString(), "no dimensions: one alarm watches all");
                    assertEquals("Seconds", directive.path("Metrics").get(0).path("Unit").asText());
                });
            }
        }
    }

    @Test
    void aTaskSentWithADelay_isDueWhenTheDelayEnds(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            SyncTask task = installationTask(rig);

            try (CapturedLines out = new CapturedLines()) {
                // Sent straight to the stand-in: its delay is ElasticMQ's (real time), the stamp the manual clock's.
                queue(rig).send(task, Duration.ofSeconds(2));
                rig.clock.advance(Duration.ofSeconds(2 + 30));
                sleep(Duration.ofMillis(2_200));
                rig.runTasks();

                assertEquals(30.0, delays(out).get(0), "late by 30 s, not 32: the delay was asked for");
            }
        }
    }

    // Without this rule every rate-limit wait longer than the alarm's 15 minutes would page someone.
    @Test
    void aTaskWithNotBefore_isLateOnlyPastItsNotBefore_notPastWhenItWasSent(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            SyncTask task = installationTask(rig);

            try (CapturedLines out = new CapturedLines()) {
                queue(rig).send(task.withNotBefore(rig.clock.instant().plusSeconds(60)));
                rig.clock.advance(Duration.ofSeconds(180));
                rig.runTasks();

                assertEquals(120.0, delays(out).get(0));
            }
        }
    }

    @Test
    void aTaskArrivingBeforeItsNotBefore_isSentBackUncounted_andOnTimeWhenItComesDue(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            SyncTask task = installationTask(rig);
            Instant notBefore = rig.clock.instant().plus(Duration.ofMinutes(20));

            try (CapturedLines out = new CapturedLines()) {
                queue(rig).send(task.withNotBefore(notBefore));
                rig.runTasks();

                List<Double> delays = delays(out);
                assertFalse(rig.clock.instant().isBefore(notBefore), "the rig waited for it");
                assertFalse(delays.isEmpty());
                assertTrue(delays.stream().allMatch(d -> d == 0), "the early arrival is no start, and it ran on time: " + delays);
            }
        }
    }

    @Test
    void theHandler_readsTheStamp_elseSqsSentTimestamp_andNeverReportsANegativeDelay(AwsFixture aws) {
        try (SyncRig rig = new SyncRig(aws)) {
            SyncTask task = installationTask(rig);
            Instant now = rig.clock.instant();
            SyncTaskHandler handler = new SyncTaskHandler(rig.engine);

            try (CapturedLines out = new CapturedLines()) {
                handler.handleRequest(event(message(task, null, now.minusSeconds(30))), null);
                handler.handleRequest(event(message(task, now.minusSeconds(45), now.minusSeconds(100))), null);
                handler.handleRequest(event(message(task, null, now.plusSeconds(5))), null);
                handler.handleRequest(event(message(task, null, null)), null);

                assertEquals(List.of(30.0, 45.0, 0.0), delays(out), "a message without either time is not measured");
            }
        }
    }

    /** An installation already imported, and a task to re-read it (cheap, and it fans out nothing new). */
    private static SyncTask installationTask(SyncRig rig) {
        long installation = rig.sandbox.install("late", "Organization");
        rig.sandbox.createRepo(installation, "r");
        rig.runTasks();
        return SyncTask.of(SyncTask.Kind.SYNC_INSTALLATION).withInstallation(installation);
    }

    private static SqsSyncTaskQueue queue(SyncRig rig) {
        return new SqsSyncTaskQueue(rig.aws.sqs(), rig.resources.syncTasksQueueUrl(), rig.clock);
    }

    private static List<Double> delays(CapturedLines out) {
        return out.metric(DELAY).stream().map(line -> line.path(DELAY).asDouble()).toList();
    }

    private static SQSEvent.SQSMessage message(SyncTask task, Instant stamp, Instant sent) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + System.nanoTime());
        message.setBody(Json.write(task));
        Map<String, String> attributes = new HashMap<>();
        if (sent != null) {
            attributes.put(SqsSyncTaskQueue.SENT_TIMESTAMP, Long.toString(sent.toEpochMilli()));
        }
        message.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        if (stamp != null) {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType("String");
            attribute.setStringValue(stamp.toString());
            messageAttributes.put(SqsSyncTaskQueue.VISIBLE_AT, attribute);
        }
        message.setMessageAttributes(messageAttributes);
        return message;
    }

    private static SQSEvent event(SQSEvent.SQSMessage message) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
