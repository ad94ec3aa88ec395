package dev.autosync.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Per-hour totals of sync jobs, so the job list's statistics read at most one small item per hour and job
 * type instead of every job of the window ({@link Keys#jobTotals}): for the hour a job was created, per
 * status, how many jobs have it ({@code n#<status>}) and, of the finished ones with both times, how many
 * ({@code dn#<status>}) and their summed duration in milliseconds ({@code ms#<status>}). One set for every
 * job and one per installation. Every write that changes a job's status or times moves the job's
 * contribution here, right after that write succeeded — a conditional write that failed moves nothing, so
 * a retried call cannot count twice. Without transactions, a crash between the two writes leaves the hour
 * one job off (the job itself is right); the totals expire with the jobs ({@link #RETENTION}).
 */
public final class JobTotals {

    /** How long jobs and their totals are kept (TTL): the 7-day statistics window with room for debugging. */
    public static final Duration RETENTION = Duration.ofDays(30);

    private static final String COUNT = "n#";
    private static final String TIMED = "dn#";
    private static final String MILLIS = "ms#";

    private final Table table;

    public JobTotals(DynamoDbClient dynamoDb, String tableName) {
        this(new Table(dynamoDb, tableName));
    }

    JobTotals(Table table) {
        this.table = table;
    }

    /** Totals of one status: jobs, and of the finished ones with both times, how many and their duration. */
    public record Count(long jobs, long timed, long millis) {
    }

    /**
     * Totals of the jobs created from the start of {@code since}'s hour to now, by status.
     *
     * @return every status, zeros included
     */
    public Map<SyncJob.Status, Count> since(Instant since, Optional<SyncJob.Type> type, Optional<Long> installationId) {
        Map<SyncJob.Status, long[]> sums = new EnumMap<>(SyncJob.Status.class);
        for (SyncJob.Status status : SyncJob.Status.values()) {
            sums.put(status, new long[3]);
        }
        List<SyncJob.Type> types = type.map(List::of).orElse(List.of(SyncJob.Type.values()));
        String partition = Keys.jobTotalsPartition(installationId);
        for (SyncJob.Type t : types) {
            // At most one item per hour of the window (169 for 7 days) per type: bounded whatever the job count.
            Expression e = Expression.create();
            String keyCondition = e.name(TableSchema.PK) + " = " + e.value(Av.s(partition)) + " AND "
                    + e.name(TableSchema.SK) + " BETWEEN " + e.value(Av.s(Keys.jobTotals(installationId, t, since).sk()))
                    + " AND " + e.value(Av.s(t.wireName() + "#~"));
            for (Map<String, AttributeValue> item : table.queryAll(e.applyQuery(QueryRequest.builder()
                    .keyConditionExpression(keyCondition)))) {
                sums.forEach((status, sum) -> {
                    sum[0] += Av.num(item, COUNT + status.wireName());
                    sum[1] += Av.num(item, TIMED + status.wireName());
                    sum[2] += Av.num(item, MILLIS + status.wireName());
                });
            }
        }
        Map<SyncJob.Status, Count> counts = new EnumMap<>(SyncJob.Status.class);
        sums.forEach((status, sum) -> counts.put(status, new Count(sum[0], sum[1], sum[2])));
        return counts;
    }

    /** Moves a job's contribution from its item {@code before} (null: new) to {@code after}. */
    void moved(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        Map<String, Long> delta = new HashMap<>();
        contribution(before, -1, delta);
        contribution(after, 1, delta);
        delta.values().removeIf(v -> v == 0);
        Map<String, AttributeValue> job = after != null ? after : before;
        if (delta.isEmpty() || job == null) {
            return;
        }
        SyncJob.Type type = SyncJob.Type.fromWireName(Av.str(job, Attr.JOB_TYPE));
        Instant created = Av.instant(job, Attr.CREATED_AT);
        List<Optional<Long>> scopes = new ArrayList<>(List.of(Optional.empty()));
        Optional.ofNullable(Av.optNum(job, Attr.INSTALLATION_ID)).ifPresent(id -> scopes.add(Optional.of(id)));
        for (Optional<Long> scope : scopes) {
            Expression e = Expression.create().set(Attr.EXPIRES_AT,
                    Av.n(created.truncatedTo(ChronoUnit.HOURS).plus(RETENTION).getEpochSecond()));
            delta.forEach((attribute, value) -> e.add(attribute, Av.n(value)));
            table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.jobTotals(scope, type, created)))));
        }
    }

    /** A job item with {@code changes} applied (what an UpdateItem that returned the old item wrote). */
    static Map<String, AttributeValue> with(Map<String, AttributeValue> before, Map<String, AttributeValue> changes) {
        Map<String, AttributeValue> after = new HashMap<>(before);
        after.putAll(changes);
        return after;
    }

    private static void contribution(Map<String, AttributeValue> job, int sign, Map<String, Long> delta) {
        if (job == null || job.isEmpty() || Av.str(job, Attr.STATUS) == null) {
            return;
        }
        String status = Av.str(job, Attr.STATUS);
        delta.merge(COUNT + status, (long) sign, Long::sum);
        Instant started = Av.instant(job, Attr.STARTED_AT);
        Instant completed = Av.instant(job, Attr.COMPLETED_AT);
        if (JobProgress.ended(job) && started != null && completed != null) {
            delta.merge(TIMED + status, (long) sign, Long::sum);
            delta.merge(MILLIS + status, sign * Duration.between(started, completed).toMillis(), Long::sum);
        }
    }
}
