package dev.autosync.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.queue.SyncTask;
import dev.autosync.store.GlobalStats;
import dev.autosync.store.JobProgress;
import dev.autosync.store.JobStore;
import dev.autosync.store.SyncJob;
import dev.autosync.store.TaskResult;
import dev.autosync.testing.AwsFixture;
import dev.autosync.testing.AwsStandIns;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event-specific rules: uninstalling, imports and resyncs the processor asks the sync engine for. */
@ExtendWith(AwsStandIns.class)
class EventRulesTest {

    @Test
    void uninstall_deletesTheInstallationAndItsData_byDefault(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        apply(rig, rig.processor(false), new History().installationCreated(1, 2)
                .push(1, "main", false, "s1", "erin", "erin@example.com")
                .installationAction("deleted"));

        assertTrue(rig.queries.installation(History.INSTALLATION).isEmpty());
        assertTrue(rig.queries.repository(1).isEmpty());
        assertTrue(rig.queries.repository(2).isEmpty());
        assertEquals(new GlobalStats(0, 0), rig.queries.stats());
    }

    @Test
    void uninstall_withRetainDataOnUninstall_keepsEverythingMarkedUninstalled(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        apply(rig, rig.processor(true), new History().installationCreated(1, 2)
                .push(1, "main", false, "s1", "erin", "erin@example.com")
                .installationAction("deleted"));

        assertNotNull(rig.queries.installation(History.INSTALLATION).orElseThrow().uninstalledAt());
        assertEquals(1, rig.queries.repository(1).orElseThrow().commitCount());
        assertEquals(new GlobalStats(0, 2), rig.queries.stats(), "an uninstalled installation is not counted");
    }

    // Protects against an uninstalled installation coming back as installed: with data retained, the
    // uninstall must hold whatever order its delivery and the installation's earlier ones arrive in (GitHub
    // gives a reinstall a new id, so nothing may lift it), even when the removal is delivered first.
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0 1 2", "2 0 1", "1 2 0"})
    void uninstall_withRetainDataOnUninstall_holdsInAnyDeliveryOrder(String order, AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        EventProcessor processor = rig.processor(true);
        List<History.Delivery> script = new History().installationCreated(1)
                .push(1, "main", false, "s1", "erin", "erin@example.com")
                .installationAction("deleted").deliveries();
        for (String index : order.split(" ")) {
            History.Delivery delivery = script.get(Integer.parseInt(index));
            assertTrue(ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload()));
        }

        assertNotNull(rig.queries.installation(History.INSTALLATION).orElseThrow().uninstalledAt(), order);
        assertEquals(new GlobalStats(0, 1), rig.queries.stats(), order);
    }

    @Test
    void reinstall_bringsBackRepositoriesTheUninstallDeleted(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        apply(rig, rig.processor(false), new History().installationCreated(1)
                .installationAction("deleted")
                .installation(History.INSTALLATION + 1)
                .installationCreated(1));

        assertTrue(rig.queries.repository(1).isPresent());
        assertTrue(rig.queries.installation(History.INSTALLATION).isEmpty());
        assertEquals(new GlobalStats(1, 1), rig.queries.stats());
    }

    // Protects against a short open count after a repository comes back: the purge restarts its issues'
    // flag versions at 0, so bookkeeping of its earlier life must not make a re-created issue look counted.
    @Test
    void repositoryRemovedAndAddedAgain_countsItsReCreatedIssues(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        apply(rig, rig.processor(false), new History().installationCreated(1)
                .issue("opened", 1, 1, "open", "before")
                .selection("removed", 1)
                .selection("added", 1)
                .issue("edited", 1, 1, "open", "after"));

        assertEquals(1, rig.queries.repository(1).orElseThrow().openIssuesCount());
    }

    // Protects against a deletion decided on another fact's clock: repository.deleted carries only the
    // repository's own times, while the add it must beat is dated by the installation's. A repository idle
    // since before the App was installed kept serving after its deletion, and an add delivered after the
    // deletion brought it back. Each delivery is received after every event of the script happened.
    @ParameterizedTest(name = "{0}, repository last changed {1} the installation, {2} first")
    @CsvSource({
            "installation.created, before, add", "installation.created, before, deletion",
            "installation.created, after, add", "installation.created, after, deletion",
            "installation_repositories.added, before, add", "installation_repositories.added, before, deletion",
            "installation_repositories.added, after, add", "installation_repositories.added, after, deletion"})
    void deletedRepository_staysDeleted_whicheverOrderItsAddAndDeletionArriveIn(String add, String changed,
                                                                                  String first, AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        History history = "installation.created".equals(add) ? new History().installationCreated(1)
                : new History().installationCreated().selection("added", 1);
        List<History.Delivery> script = new ArrayList<>(history.repository("deleted", 1).deliveries());
        History.Delivery deletion = script.remove(script.size() - 1);
        if ("before".equals(changed)) {
            ((ObjectNode) deletion.payload().path("repository")).put("updated_at", "2025-02-01T00:00:00Z")
                    .put("pushed_at", "2025-02-01T00:00:00Z");
        }
        script.add("add".equals(first) ? script.size() : 0, deletion);
        Instant received = Instant.parse("2025-06-02T00:00:00Z");
        EventProcessor processor = rig.processor(false);

        for (History.Delivery delivery : script) {
            assertTrue(ProcessorRig.deliver(processor, delivery, received), delivery.id());
        }

        assertTrue(rig.queries.repository(1).isEmpty(), "the deleted repository is served");
        assertEquals(0, rig.queries.stats().totalRepositories());
    }

    @Test
    void addedRepositories_getOneAutoImportJob_andAnImportRequestEachNamingIt(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        apply(rig, rig.processor(false), new History().installationCreated().selection("added", 7));

        List<SyncTask> tasks = tasks(rig);
        SyncTask importRepository = tasks.stream().filter(t -> t.kind() == SyncTask.Kind.IMPORT_REPOSITORY)
                .findFirst().orElseThrow();
        assertEquals(7L, importRepository.repositoryId());
        SyncJob job = new JobStore(aws.dynamoDb(), rig.resources.tableName()).job(importRepository.jobId()).orElseThrow();
        assertEquals(SyncJob.Type.AUTO_IMPORT, job.jobType());
        assertEquals(SyncJob.Status.PENDING, job.status());
        // Each import task is a root of the job: it expects exactly the tasks sent under it.
        long sent = tasks.stream().filter(t -> importRepository.jobId().equals(t.jobId())).count();
        assertEquals(sent, job.details().get("tasks").get("expected").asLong());
        JobProgress progress = new JobProgress(aws.dynamoDb(), rig.resources.tableName(), Clock.systemUTC());
        assertTrue(progress.finish(job.jobId(), importRepository.taskKey(), TaskResult.synced("o/r", 1, 0, 0))
                .map(SyncJob::status).map(SyncJob.Status.COMPLETED::equals).orElse(sent > 1));
    }

    // A forced push rewrites history the payload does not describe: the branch must be re-read.
    @Test
    void forcedPush_requestsASyncOfThatBranch_underAWebhookTriggeredJob(AwsFixture aws) {
        ProcessorRig rig = new ProcessorRig(aws);
        apply(rig, rig.processor(false), new History().installationCreated(3)
                .push(3, "release", true, "f1", "erin", "erin@example.com"));

        SyncTask sync = tasks(rig).stream().filter(t -> t.kind() == SyncTask.Kind.SYNC_REPOSITORY).findFirst()
                .orElseThrow();
        assertEquals("release", sync.branch());
        assertEquals(3L, sync.repositoryId());
        assertEquals("push_forced", sync.reason());
        SyncJob job = new JobStore(aws.dynamoDb(), rig.resources.tableName()).job(sync.jobId()).orElseThrow();
        assertEquals(SyncJob.Type.WEBHOOK_TRIGGERED, job.jobType());
        assertEquals(1, rig.queries.repository(3).orElseThrow().commitCount(), "the listed commit is kept anyway");
    }

    private static void apply(ProcessorRig rig, EventProcessor processor, History history) {
        for (History.Delivery delivery : history.deliveries()) {
            assertTrue(ProcessorRig.deliver(processor, delivery.event(), delivery.id(), delivery.payload()), delivery.id());
        }
    }

    private static List<SyncTask> tasks(ProcessorRig rig) {
        return rig.aws.drain(rig.resources.syncTasksQueueUrl()).stream().map(m -> {
            try {
                return Json.mapper().readValue(m.body(), SyncTask.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
