package dev.autosync.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Sync jobs: recorded by the processor and the api, run by the sync engine, listed newest first. */
public final class JobStore {

    private final Table table;
    private final JobTotals totals;

    public JobStore(DynamoDbClient dynamoDb, String tableName) {
        this.table = new Table(dynamoDb, tableName);
        this.totals = new JobTotals(table);
    }

    /**
     * Records a new job.
     *
     * @return false when a job with this id already exists (a retried request: the job is kept as it is)
     */
    public boolean create(SyncJob job) {
        Expression e = Expression.create();
        e.condition("attribute_not_exists(" + e.name(TableSchema.PK) + ")");
        Map<String, AttributeValue> item = JobCodec.item(job);
        boolean created = table.put(e.apply(PutItemRequest.builder().item(item)));
        totals.settle(table.get(Keys.job(job.jobId())).orElse(null));
        return created;
    }

    public Optional<SyncJob> job(String jobId) {
        return table.get(Keys.job(jobId)).map(JobCodec::job);
    }

    /** Newest first. A type uses its own index; status and installation filter the page. */
    public Page<SyncJob> jobs(JobFilter filter, PageRequest page) {
        TableSchema.Gsi index = filter.type().isPresent() ? TableSchema.GSI2 : TableSchema.GSI1;
        String partition = filter.type().map(t -> Keys.jobsOfType(t.wireName())).orElse(Keys.JOBS);
        Expression e = Expression.create();
        String keyCondition = e.name(index.partitionKey()) + " = " + e.value(AttributeValue.fromS(partition));
        if (filter.createdSince().isPresent()) {
            keyCondition += " AND " + e.name(index.sortKey()) + " >= "
                    + e.value(AttributeValue.fromS(Keys.sortableTime(filter.createdSince().get())));
        }
        filter.status().ifPresent(status -> e.condition(e.name(Attr.STATUS) + " = "
                + e.value(AttributeValue.fromS(status.wireName()))));
        filter.installationId().ifPresent(id -> e.condition(e.name(Attr.INSTALLATION_ID) + " = " + e.value(Av.n(id))));
        QueryRequest.Builder query = e.applyQuery(QueryRequest.builder()
                .keyConditionExpression(keyCondition).scanIndexForward(false));
        return Pager.page(table, query, index, page, JobCodec::job);
    }

    /** The most recently created job of a type (e.g. the last periodic sync). */
    public Optional<SyncJob> latest(SyncJob.Type type) {
        return jobs(new JobFilter(Optional.of(type), Optional.empty(), Optional.empty(), Optional.empty()),
                PageRequest.first(1)).items().stream().findFirst();
    }

    /** Marks a job running (the sync engine picked it up). */
    public void started(String jobId, Instant at) {
        update(jobId, Map.of(Attr.STATUS, Av.s(SyncJob.Status.RUNNING.wireName()), Attr.STARTED_AT, Av.time(at)));
    }

    /** Records a job's outcome. */
    public void finished(String jobId, SyncJob.Status status, int repositoriesProcessed, int errorsCount,
                         String errorMessage, Instant at) {
        Map<String, AttributeValue> changes = new HashMap<>(Map.of(Attr.STATUS, Av.s(status.wireName()),
                Attr.REPOSITORIES_PROCESSED, Av.n(repositoriesProcessed), Attr.ERRORS_COUNT, Av.n(errorsCount),
                Attr.COMPLETED_AT, Av.time(at)));
        if (errorMessage != null) {
            changes.put(Attr.ERROR_MESSAGE, Av.s(errorMessage));
        }
        update(jobId, changes);
    }

    /**
     * Claims the next step of an operation's job (a replay, a redrive) and records where it leaves off
     * ({@code state}: what to do and how far it got), only if no other worker claimed it ({@code step} is how many
     * steps the job had taken before). The first step marks the job running. A worker does the step's work only
     * after claiming it, so a duplicated task never does it twice; it counts what it did with {@link #count}.
     *
     * @return false, with nothing written, when another worker claimed this step (a duplicate task)
     */
    public boolean claimStep(String jobId, long step, com.fasterxml.jackson.databind.JsonNode state, Instant at) {
        Expression e = Expression.create().set(Attr.DETAILS, Av.s(state.toString())).set(Attr.STEP, Av.n(step + 1))
                .set(Attr.STATUS, Av.s(SyncJob.Status.RUNNING.wireName()));
        e.setClause(e.name(Attr.STARTED_AT) + " = if_not_exists(" + e.name(Attr.STARTED_AT) + ", " + e.value(Av.time(at)) + ")");
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        e.condition(step == 0 ? "attribute_not_exists(" + e.name(Attr.STEP) + ")"
                : e.name(Attr.STEP) + " = " + e.value(Av.n(step)));
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.job(jobId)))).returnValues(ReturnValue.ALL_NEW))
                .map(item -> {
                    totals.settle(item);
                    return true;
                }).orElse(false);
    }

    /** Adds an operation's counts (see {@link OperationCount}); each is shown in the job's details. */
    public void count(String jobId, java.util.Map<OperationCount, Long> counts) {
        Expression e = Expression.create();
        counts.forEach((count, value) -> e.add(count.attribute, Av.n(value)));
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.job(jobId)))));
    }

    /** What an operation's job counts. */
    public enum OperationCount {
        REPLAYED(Attr.REPLAYED), SKIPPED(Attr.SKIPPED), FAILED(Attr.FAILED_COUNT), MOVED(Attr.MOVED);

        final String attribute;

        OperationCount(String attribute) {
            this.attribute = attribute;
        }

        /** Its name in the job's details. */
        public String wireName() {
            return attribute;
        }
    }

    /** An operation's job with the number of steps it has taken. */
    public record Operation(SyncJob job, long steps) {
    }

    public Optional<Operation> operation(String jobId) {
        return table.get(Keys.job(jobId)).map(item -> {
            Long step = Av.optNum(item, Attr.STEP);
            return new Operation(JobCodec.job(item), step == null ? 0L : step);
        });
    }

    /** Ends an operation's job: completed (with errors when some items failed) or failed. */
    public void finishOperation(String jobId, SyncJob.Status status, String errorMessage, Instant at) {
        finished(jobId, status, 0, 0, errorMessage, at);
    }

    /** Sets {@code changes} on an existing job and settles its hourly totals. */
    private void update(String jobId, Map<String, AttributeValue> changes) {
        Expression e = Expression.create();
        changes.forEach(e::set);
        e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.job(jobId)))).returnValues(ReturnValue.ALL_NEW))
                .ifPresent(totals::settle);
    }
}
