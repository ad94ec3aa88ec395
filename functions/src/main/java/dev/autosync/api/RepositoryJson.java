package dev.autosync.api;

import static dev.autosync.api.WireJson.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.store.Installation;
import dev.autosync.store.Repository;

/** The api's JSON for installations and repositories: the seed system's snake_case shapes (openapi.yaml). */
final class RepositoryJson {

    private RepositoryJson() {
    }

    static ObjectNode installation(Installation installation) {
        ObjectNode json = WireJson.object();
        json.put("id", installation.id());
        json.put("account_login", installation.accountLogin());
        json.put("account_type", installation.accountType());
        json.put("repository_selection", installation.repositorySelection());
        json.put("suspended_at", time(installation.suspendedAt()));
        json.put("uninstalled_at", time(installation.uninstalledAt()));
        json.put("created_at", time(installation.createdAt()));
        json.put("updated_at", time(installation.updatedAt()));
        return json;
    }

    /** {@code private} as GitHub names it; the metrics are the store's exact counters. */
    static ObjectNode repository(Repository repository) {
        ObjectNode json = WireJson.object();
        json.put("github_id", repository.githubId());
        json.put("installation_id", repository.installationId());
        json.put("name", repository.name());
        json.put("full_name", repository.fullName());
        json.put("owner", repository.owner());
        json.put("html_url", repository.htmlUrl());
        json.put("private", repository.isPrivate());
        json.put("default_branch", repository.defaultBranch());
        json.put("language", repository.language());
        json.put("description", repository.description());
        json.put("archived", repository.archived());
        json.put("disabled", repository.disabled());
        json.put("created_at", time(repository.createdAt()));
        json.put("updated_at", time(repository.updatedAt()));
        json.put("pushed_at", time(repository.pushedAt()));
        json.put("last_synced_at", time(repository.lastSyncedAt()));
        json.put("auto_sync_enabled", repository.autoSyncEnabled());
        json.put("webhook_configured", repository.webhookConfigured());
        json.put("commit_count", repository.commitCount());
        json.put("contributor_count", repository.contributorCount());
        json.put("open_issues_count", repository.openIssuesCount());
        json.put("open_pull_count", repository.openPullCount());
        return json;
    }
}
