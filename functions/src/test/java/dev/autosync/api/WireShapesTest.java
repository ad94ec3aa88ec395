package dev.autosync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.common.Json;
import dev.autosync.store.Commit;
import dev.autosync.store.Contributor;
import dev.autosync.store.Installation;
import dev.autosync.store.Issue;
import dev.autosync.store.PullRequest;
import dev.autosync.store.Repository;
import dev.autosync.store.SyncJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pins the api's JSON for every stored entity, field for field and in order (the legacy Django shapes the
 * dashboard and clients read). The expected texts were produced by the serialisation the api used before
 * it owned its shapes (Jackson over annotated store records); the api's mappers must keep them exactly.
 */
class WireShapesTest {

    private static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-02T11:30:00.250Z");

    @Test
    void installation_keepsItsLegacyShape() {
        assertWire("{\"id\":100,\"account_login\":\"octo-org\",\"account_type\":\"Organization\","
                        + "\"repository_selection\":\"all\",\"suspended_at\":null,\"uninstalled_at\":null,"
                        + "\"created_at\":\"2026-11-01T10:00:00Z\",\"updated_at\":\"2026-11-02T11:30:00.250Z\"}",
                render(new Installation(100, "octo-org", "Organization", "all", null, null, T1, T2)));
    }

    @Test
    void repository_keepsItsLegacyShape_withPrivateNamedAsGitHubDoes() {
        assertWire("{\"github_id\":1001,\"installation_id\":100,\"name\":\"api\",\"full_name\":\"octo-org/api\","
                        + "\"owner\":\"octo-org\",\"html_url\":\"https://github.com/octo-org/api\",\"private\":true,"
                        + "\"default_branch\":\"main\",\"language\":\"Java\",\"description\":null,\"archived\":false,"
                        + "\"disabled\":false,\"created_at\":\"2026-11-01T10:00:00Z\","
                        + "\"updated_at\":\"2026-11-02T11:30:00.250Z\",\"pushed_at\":null,\"last_synced_at\":null,"
                        + "\"auto_sync_enabled\":true,\"webhook_configured\":true,\"commit_count\":5,"
                        + "\"contributor_count\":3,\"open_issues_count\":2,\"open_pull_count\":1}",
                render(new Repository(1001, 100L, "api", "octo-org/api", "octo-org", "https://github.com/octo-org/api",
                        true, "main", "Java", null, false, false, T1, T2, null, null, true, true, 5, 3, 2, 1)));
    }

    @Test
    void commit_keepsItsLegacyShape_withoutTheAuthorsAddressOrKey() {
        assertWire("{\"repository_id\":1001,\"sha\":\"c1\",\"message\":\"Fix\",\"author_login\":\"alice\","
                        + "\"author_name\":\"Alice\",\"committer_login\":null,\"committer_name\":\"Alice\","
                        + "\"committed_at\":\"2026-11-01T10:00:00Z\",\"html_url\":\"https://github.com/c1\","
                        + "\"branches\":[\"dev\",\"main\"],\"added\":[\"a.txt\"],\"removed\":[],\"modified\":null}",
                render(new Commit(1001, "c1", "Fix", "alice", "alice", "Alice", "alice@example.com", null, "Alice", T1,
                        "https://github.com/c1", new java.util.TreeSet<>(Set.of("main", "dev")), List.of("a.txt"),
                        List.of(), null)));
    }

    @Test
    void contributor_keepsItsLegacyShape_withoutItsKey() {
        assertWire("{\"repository_id\":1001,\"github_id\":null,\"login\":null,\"name\":\"Carol\",\"avatar_url\":null,"
                        + "\"commit_count\":1,\"first_commit_at\":\"2026-11-01T10:00:00Z\","
                        + "\"last_commit_at\":\"2026-11-02T11:30:00.250Z\"}",
                render(new Contributor(1001, "email:carol@example.com", null, null, "Carol", null, 1, T1, T2)));
    }

    @Test
    void issue_keepsItsLegacyShape() {
        assertWire("{\"repository_id\":1001,\"github_issue_id\":9001,\"number\":3,\"title\":\"Bug\",\"body\":null,"
                        + "\"state\":\"closed\",\"state_reason\":\"completed\",\"labels\":[\"bug\"],\"assignees\":[],"
                        + "\"author\":\"bob\",\"comments\":2,\"created_at\":\"2026-11-01T10:00:00Z\","
                        + "\"updated_at\":\"2026-11-02T11:30:00.250Z\",\"closed_at\":\"2026-11-02T11:30:00.250Z\"}",
                render(new Issue(1001, 9001, 3, "Bug", null, "closed", "completed", List.of("bug"), List.of(), "bob", 2,
                        T1, T2, T2)));
    }

    @Test
    void pullRequest_keepsItsLegacyShape() {
        assertWire("{\"repository_id\":1001,\"github_id\":7001,\"number\":1,\"title\":\"Feature\",\"body\":\"text\","
                        + "\"state\":\"closed\",\"draft\":false,\"merged\":true,\"merged_at\":\"2026-11-02T11:30:00.250Z\","
                        + "\"author\":null,\"head_ref\":\"feature\",\"base_ref\":\"main\","
                        + "\"created_at\":\"2026-11-01T10:00:00Z\",\"updated_at\":\"2026-11-02T11:30:00.250Z\","
                        + "\"closed_at\":\"2026-11-02T11:30:00.250Z\"}",
                render(new PullRequest(1001, 7001, 1, "Feature", "text", "closed", false, true, T2, null, "feature",
                        "main", T1, T2, T2)));
    }

    @Test
    void syncJob_keepsItsLegacyShape_withWireNamesForTypeAndStatus() {
        JsonNode details = Json.mapper().valueToTree(Map.of("reason", "resync"));
        assertWire("{\"job_id\":\"j1\",\"job_type\":\"webhook_triggered\",\"status\":\"completed_with_errors\","
                        + "\"installation_id\":100,\"repository_id\":null,\"repositories_processed\":4,\"errors_count\":1,"
                        + "\"details\":{\"reason\":\"resync\"},\"error_message\":\"one failed\","
                        + "\"created_at\":\"2026-11-01T10:00:00Z\",\"started_at\":\"2026-11-01T10:00:00Z\","
                        + "\"completed_at\":null}",
                render(new SyncJob("j1", SyncJob.Type.WEBHOOK_TRIGGERED, SyncJob.Status.COMPLETED_WITH_ERRORS, 100L, null,
                        4, 1, details, "one failed", T1, T1, null)));
    }

    private static String render(Object entity) {
        ObjectNode json = entity instanceof Installation installation ? RepositoryJson.installation(installation)
                : entity instanceof Repository repository ? RepositoryJson.repository(repository)
                : entity instanceof Commit commit ? ActivityJson.commit(commit)
                : entity instanceof Contributor contributor ? ActivityJson.contributor(contributor)
                : entity instanceof Issue issue ? ActivityJson.issue(issue)
                : entity instanceof PullRequest pull ? ActivityJson.pull(pull)
                : JobJson.job((SyncJob) entity);
        return Json.write(json);
    }

    private static void assertWire(String expected, String actual) {
        assertEquals(expected, actual);
    }
}
