package dev.autosync.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The exact accounting of a sync job: which tasks it expects, which ended and how, and its one final status.
 *
 * <p>Items. The job ({@code JOB#<id>}/{@code JOB}) keeps {@code tasks_expected}, {@code tasks_done},
 * {@code repositories_processed}, {@code errors_count}, totals ({@code commits_synced}, {@code issues_synced},
 * {@code pulls_synced}, {@code redeliveries}, {@code waits}, {@code last_wait_until}) and two bookkeeping
 * attributes: {@code ops}, how many counter changes were applied, and {@code pending_op}, at most one op.
 * Every task has an item {@code JOB#<id>}/{@code TASK#<task>} ({@link Keys#jobTask}) with its parent and a
 * status: roots are created {@code open} (counted in the job's initial {@code tasks_expected}); a child is
 * created {@code registering}, becomes {@code open} once counted in {@code tasks_expected}; finishing writes
 * the result and {@code finishing}, and {@code finished} once counted in {@code tasks_done}. Unfinished
 * children sit in the sparse gsi1 partition {@link Keys#jobChildren}.
 *
 * <p>Exactly once without transactions. Each counter change ("op": register a child, finish a task, record a
 * wait) is first recorded on its task item (the intent), then applied to the job by one UpdateItem that ADDs
 * the counters and sets {@code pending_op = <op>} and {@code ops = n + 1}, conditioned on {@code ops = n} and
 * on no op pending; then the task item is advanced to show the op and the pending slot is cleared
 * (conditioned on {@code ops} and {@code pending_op} still naming it). Claim: an op is applied at most once.
 * Invariant: op X was applied ⇔ {@code pending_op = X} or X's task item shows it — a task item is advanced
 * only after its op was applied, and the slot is cleared only after the advance. Anyone who finds the slot
 * taken settles that op first (advance, clear), so an op never waits on a crashed caller. To apply X, a
 * caller reads the job (count n, slot free) and then the task item: if the item does not show X, X was not
 * applied when the job was read (had it been applied and settled before, the item would show it; had it been
 * pending, the slot would be taken); if it was applied after that read, {@code ops} moved past n and the
 * compare-and-set fails, so the caller re-reads. A stale caller, however late, only ever writes through the
 * compare-and-set on {@code ops}, so it can never re-apply. Claim: an op started is applied at least once
 * when any call for it is retried: a crash before the apply leaves the intent (the retry applies it), after
 * it leaves the slot taken (the next op or the retry settles it). Nothing accumulates: the job item carries
 * one slot, whatever the number of tasks. Concurrent finishers of one task agree on the first intent
 * written, so the counts, the task item and the job's details tell the same result.
 *
 * <p>Ending. The job ends when {@code tasks_done = tasks_expected}; any call that sees that tries the final
 * UpdateItem conditioned on status {@code pending|running}, and only the one that succeeds is told it ended
 * the job. A fan-out registers its children before it finishes itself, so until they end
 * {@code tasks_done < tasks_expected} (the parent is counted in expected and not in done), and a job never
 * completes with a registered task unfinished.
 *
 * <p>Cost: an op is 3 writes and 2–3 reads; ops on one job serialise on its item (the compare-and-set), which
 * is fine at sync-task rates (tasks take seconds) but makes registering 1,000 children ~5,000 calls.
 */
public final class JobProgress {

    private final Table table;
    private final JobOps ops;
    private final JobCompletion completion;
    private final Clock clock;

    public JobProgress(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.table = new Table(dynamoDb, tableName);
        this.clock = clock;
        this.ops = new JobOps(table, clock);
        this.completion = new JobCompletion(table, clock);
    }

    /**
     * Records a new pending job expecting its root tasks (the ones its creator sends right after). Idempotent
     * by job id: false if it existed (then nothing changes).
     */
    public boolean create(SyncJob job, List<String> rootTasks) {
        Set<String> roots = new LinkedHashSet<>(rootTasks);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one task");
        }
        if (table.get(Keys.job(job.jobId())).isPresent()) {
            return false;
        }
        // Roots before the job: once the job exists, finishing any of its roots finds the task.
        for (String root : roots) {
            Map<String, AttributeValue> item = taskItem(job.jobId(), root, null, JobOps.OPEN);
            Expression e = Expression.create();
            e.condition("attribute_not_exists(" + e.name(TableSchema.PK) + ")");
            table.put(e.apply(PutItemRequest.builder().item(item)));
        }
        Map<String, AttributeValue> item = JobCodec.item(job);
        item.put(Attr.TASKS_EXPECTED, Av.n(roots.size()));
        for (String counter : List.of(Attr.TASKS_DONE, Attr.JOB_OPS, Attr.COMMITS_SYNCED, Attr.ISSUES_SYNCED,
                Attr.PULLS_SYNCED, Attr.REDELIVERIES, Attr.WAITS)) {
            item.put(counter, Av.n(0));
        }
        Expression e = Expression.create();
        e.condition("attribute_not_exists(" + e.name(TableSchema.PK) + ")");
        return table.put(e.apply(PutItemRequest.builder().item(item)));
    }

    /** pending → running, exactly once (sets started_at); no-op on any other status or a missing job. */
    public void start(String jobId) {
        Expression e = Expression.create()
                .set(Attr.STATUS, Av.s(SyncJob.Status.RUNNING.wireName()))
                .set(Attr.STARTED_AT, Av.time(clock.instant()));
        e.condition(e.name(Attr.STATUS) + " = " + e.value(Av.s(SyncJob.Status.PENDING.wireName())));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.job(jobId)))));
    }

    /**
     * Before a task fans out: registers its children as expected tasks of the job. Idempotent: a retried
     * fan-out registering the same keys adds nothing; new keys add one each. Children of a job that already
     * ended are not counted (a stale duplicate fan-out).
     *
     * @throws IllegalArgumentException when {@code parentTask} is not a task of the job
     */
    public void register(String jobId, String parentTask, List<String> childTasks) {
        if (table.get(Keys.jobTask(jobId, parentTask)).isEmpty()) {
            throw new IllegalArgumentException("task " + parentTask + " is not part of job " + jobId);
        }
        for (String child : new LinkedHashSet<>(childTasks)) {
            if (child.equals(parentTask)) {
                continue;
            }
            Map<String, AttributeValue> item = taskItem(jobId, child, parentTask, JobOps.REGISTERING);
            Expression e = Expression.create();
            e.condition("attribute_not_exists(" + e.name(TableSchema.PK) + ")");
            if (!table.put(e.apply(PutItemRequest.builder().item(item)))) {
                Optional<Map<String, AttributeValue>> existing = table.get(Keys.jobTask(jobId, child));
                if (existing.isEmpty() || !JobOps.REGISTERING.equals(Av.str(existing.get(), Attr.STATUS))) {
                    continue; // registered before (by this parent or another): adds nothing
                }
            }
            countRegistration(jobId, child);
        }
    }

    /**
     * Children {@code parentTask} registered that have not finished (so a retried fan-out can send them again).
     * A query of the parent's own gsi1 partition, which holds only unfinished children. Like every GSI read it
     * is eventually consistent: it is meant for a fan-out retried after a crash (by then long settled);
     * {@link #finished} is the strongly consistent check of one task.
     */
    public List<String> unfinishedChildren(String jobId, String parentTask) {
        Expression e = Expression.create();
        String keyCondition = e.name(Attr.GSI1PK) + " = " + e.value(Av.s(Keys.jobChildren(jobId, parentTask)));
        QueryRequest.Builder query = e.applyQuery(QueryRequest.builder()
                .indexName(TableSchema.GSI1.name()).keyConditionExpression(keyCondition));
        List<String> children = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.queryAll(query)) {
            if (!JobOps.FINISHED.equals(Av.str(item, Attr.STATUS))) {
                children.add(Av.str(item, Attr.TASK_KEY));
            }
        }
        return children;
    }

    /** Whether the task's completion was already counted. */
    public boolean finished(String jobId, String task) {
        Optional<Map<String, AttributeValue>> item = table.get(Keys.jobTask(jobId, task));
        if (item.isEmpty()) {
            return false;
        }
        String status = Av.str(item.get(), Attr.STATUS);
        if (JobOps.FINISHED.equals(status)) {
            return true;
        }
        // Counted, not yet settled: the job's pending slot names it.
        String finishOp = new JobOps.Op(JobOps.Kind.FINISH, Keys.jobTask(jobId, task), 0).encode();
        return JobOps.FINISHING.equals(status) && table.get(Keys.job(jobId))
                .map(job -> finishOp.equals(Av.str(job, Attr.PENDING_OP))).orElse(false);
    }

    /**
     * Counts the task's end exactly once, however often called (crash-retries, redeliveries, concurrent
     * calls); returns the job as completed if (and only if) THIS call ended the job. When calls disagree on
     * the result, the first one recorded is the one counted. A task the job never registered is ignored.
     */
    public Optional<SyncJob> finish(String jobId, String task, TaskResult result) {
        Keys.Key key = Keys.jobTask(jobId, task);
        Optional<Map<String, AttributeValue>> item = table.get(key);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        String status = Av.str(item.get(), Attr.STATUS);
        if (JobOps.REGISTERING.equals(status)) {
            // Its fan-out crashed while registering it: count it as expected first, or done could overtake.
            if (countRegistration(jobId, task) == JobOps.Outcome.JOB_ENDED) {
                return Optional.empty();
            }
            status = JobOps.OPEN;
        }
        if (JobOps.OPEN.equals(status)) {
            recordResult(key, result);
        }
        JobOps.Op op = new JobOps.Op(JobOps.Kind.FINISH, key, 0);
        ops.apply(jobId, op, (e, ctx) -> countFinish(e, ctx.task()));
        return completion.completeIfDone(jobId);
    }

    /** The task is waiting for a rate-limit reset until {@code until} (recorded in the job: waits count + latest wait time). */
    public void waited(String jobId, String task, Instant until) {
        JobOps.Op op = new JobOps.Op(JobOps.Kind.WAIT, Keys.jobTask(jobId, task), until.toEpochMilli());
        ops.apply(jobId, op, (e, ctx) -> {
            Instant latest = Av.instant(ctx.job(), Attr.LAST_WAIT_UNTIL);
            e.add(Attr.WAITS, Av.n(1));
            e.set(Attr.LAST_WAIT_UNTIL, Av.time(latest == null || until.isAfter(latest) ? until : latest));
        });
    }

    static boolean ended(Map<String, AttributeValue> job) {
        String status = Av.str(job, Attr.STATUS);
        return !SyncJob.Status.PENDING.wireName().equals(status) && !SyncJob.Status.RUNNING.wireName().equals(status);
    }

    private JobOps.Outcome countRegistration(String jobId, String child) {
        JobOps.Op op = new JobOps.Op(JobOps.Kind.REGISTER, Keys.jobTask(jobId, child), 0);
        return ops.apply(jobId, op, (e, ctx) -> e.add(Attr.TASKS_EXPECTED, Av.n(1)));
    }

    /** The intent: the task's result, written once (a concurrent or later call keeps the first). */
    private void recordResult(Keys.Key key, TaskResult result) {
        Expression e = Expression.create()
                .set(Attr.STATUS, Av.s(JobOps.FINISHING))
                .set(Attr.OUTCOME, Av.s(result.outcome().wireName()))
                .set(Attr.COMMITS, Av.n(result.commits()))
                .set(Attr.ISSUES, Av.n(result.issues()))
                .set(Attr.PULLS, Av.n(result.pulls()))
                .set(Attr.REDELIVERIES, Av.n(result.redeliveries()))
                .set(Attr.CHECKED, Av.n(result.checked()));
        if (result.repository() != null) {
            e.set(Attr.REPOSITORY, Av.s(result.repository()));
        }
        if (result.error() != null) {
            e.set(Attr.ERROR, Av.s(result.error()));
        }
        e.condition(e.name(Attr.STATUS) + " = " + e.value(Av.s(JobOps.OPEN)));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(key))));
    }

    private static void countFinish(Expression e, Map<String, AttributeValue> task) {
        TaskResult result = JobCompletion.result(task);
        e.add(Attr.TASKS_DONE, Av.n(1))
                .add(Attr.REPOSITORIES_PROCESSED, Av.n(result.repositoriesProcessed()))
                .add(Attr.ERRORS_COUNT, Av.n(result.outcome() == TaskResult.Outcome.FAILED ? 1 : 0))
                .add(Attr.COMMITS_SYNCED, Av.n(result.commits()))
                .add(Attr.ISSUES_SYNCED, Av.n(result.issues()))
                .add(Attr.PULLS_SYNCED, Av.n(result.pulls()))
                .add(Attr.REDELIVERIES, Av.n(result.redeliveries()));
    }

    private static Map<String, AttributeValue> taskItem(String jobId, String task, String parent, String status) {
        Keys.Key key = Keys.jobTask(jobId, task);
        Map<String, AttributeValue> item = Av.key(key);
        item.put(Attr.TYPE, Av.s(ItemCodec.TYPE_JOB_TASK));
        item.put(Attr.JOB_ID, Av.s(jobId));
        item.put(Attr.TASK_KEY, Av.s(task));
        item.put(Attr.STATUS, Av.s(status));
        if (parent != null) {
            item.put(Attr.PARENT_TASK, Av.s(parent));
            item.put(Attr.GSI1PK, Av.s(Keys.jobChildren(jobId, parent)));
            item.put(Attr.GSI1SK, Av.s(Keys.taskId(task)));
        }
        return item;
    }
}
