package dev.autosync.api;

import static dev.autosync.api.WireJson.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.store.SyncJob;

/**
 * The api's JSON for a sync job: the seed system's shape (openapi.yaml), type and status by their wire
 * names ({@code periodic_sync}, {@code completed_with_errors}), {@code details} as the free-form object
 * the job carries.
 */
final class JobJson {

    private JobJson() {
    }

    static ObjectNode job(SyncJob job) {
        ObjectNode json = WireJson.object();
        json.put("job_id", job.jobId());
        json.put("job_type", job.jobType().wireName());
        json.put("status", job.status().wireName());
        json.put("installation_id", job.installationId());
        json.put("repository_id", job.repositoryId());
        json.put("repositories_processed", job.repositoriesProcessed());
        json.put("errors_count", job.errorsCount());
        json.set("details", job.details());
        json.put("error_message", job.errorMessage());
        json.put("created_at", time(job.createdAt()));
        json.put("started_at", time(job.startedAt()));
        json.put("completed_at", time(job.completedAt()));
        return json;
    }
}
