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
 * job and one per installation. Every call that writes a job's status then {@link #settle settles} the
 * totals from the job's item, exactly once per change (see there); the totals expire with the jobs
 * ({@link #RETENTION}). A totals item holds one short marker per job of its hour and type.
 */
public final class JobTotals {

    /** How long jobs and their totals are kept (TTL): the 7-day statistics window with room for debugging. */
    public static final Duration RETENTION = Duration.ofDays(30);

    private static final String COUNT = "n#";
    private static final String TIMED = "dn#";
    private static final String MILLIS = "ms#";
    private static final String MARKER = "j#";
    private static final int MAX_ATTEMPTS = 50;

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

    /**
     * Makes the totals count the job as its item {@code job} shows it, exactly once: each totals item keeps,
     * per job, what it counts of it ({@code j#<job id>}: rank, status, duration), and a change is one
     * UpdateItem that adds the difference and sets that marker, conditioned on the marker it read. Moves only
     * forward (pending, running, ended), so a stale or retried call changes nothing; callers call this after
     * every status write, whether or not their own write succeeded (a retry after a crash settles what the
     * crashed call could not).
     */
    void settle(Map<String, AttributeValue> job) {
        if (job == null || Av.str(job, Attr.STATUS) == null || Av.str(job, Attr.JOB_ID) == null) {
            return;
        }
        SyncJob.Type type = SyncJob.Type.fromWireName(Av.str(job, Attr.JOB_TYPE));
        Instant created = Av.instant(job, Attr.CREATED_AT);
        String marker = MARKER + Av.str(job, Attr.JOB_ID);
        String now = code(job);
        List<Optional<Long>> scopes = new ArrayList<>(List.of(Optional.empty()));
        Optional.ofNullable(Av.optNum(job, Attr.INSTALLATION_ID)).ifPresent(id -> scopes.add(Optional.of(id)));
        for (Optional<Long> scope : scopes) {
            Keys.Key key = Keys.jobTotals(scope, type, created);
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                String counted = table.get(key).map(item -> Av.str(item, marker)).orElse(null);
                if (counted != null && counted.compareTo(now) >= 0) {
                    break;
                }
                Map<String, Long> delta = new HashMap<>();
                contribution(counted, -1, delta);
                contribution(now, 1, delta);
                Expression e = Expression.create().set(marker, Av.s(now)).set(Attr.EXPIRES_AT,
                        Av.n(created.truncatedTo(ChronoUnit.HOURS).plus(RETENTION).getEpochSecond()));
                delta.forEach((attribute, value) -> {
                    if (value != 0) {
                        e.add(attribute, Av.n(value));
                    }
                });
                e.condition(counted == null ? "attribute_not_exists(" + e.name(marker) + ")"
                        : e.name(marker) + " = " + e.value(Av.s(counted)));
                if (table.update(e.apply(UpdateItemRequest.builder().key(Av.key(key)))).isPresent()) {
                    break;
                }
            }
        }
    }

    /** What the totals count of a job: its rank (pending 0, running 1, ended 2), status and duration if timed. */
    private static String code(Map<String, AttributeValue> job) {
        String status = Av.str(job, Attr.STATUS);
        int rank = SyncJob.Status.PENDING.wireName().equals(status) ? 0
                : SyncJob.Status.RUNNING.wireName().equals(status) ? 1 : 2;
        Instant started = Av.instant(job, Attr.STARTED_AT);
        Instant completed = Av.instant(job, Attr.COMPLETED_AT);
        String millis = rank == 2 && started != null && completed != null
                ? Long.toString(Duration.between(started, completed).toMillis()) : "";
        return rank + "|" + status + "|" + millis;
    }

    private static void contribution(String code, int sign, Map<String, Long> delta) {
        if (code == null) {
            return;
        }
        String[] parts = code.split("\\|", -1);
        delta.merge(COUNT + parts[1], (long) sign, Long::sum);
        if (!parts[2].isEmpty()) {
            delta.merge(TIMED + parts[1], (long) sign, Long::sum);
            delta.merge(MILLIS + parts[1], sign * Long.parseLong(parts[2]), Long::sum);
        }
    }
}
