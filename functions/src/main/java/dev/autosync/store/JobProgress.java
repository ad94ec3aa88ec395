package dev.autosync.store;

import dev.autosync.common.Workers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * created {@code registering} and claimed by one registration, becomes {@code open} once that registration
 * is counted; finishing writes the result and {@code finishing}, and {@code finished} once counted in
 * {@code tasks_done}. A registration ({@code JOB#<id>}/{@code REG#<random id>}, {@link Keys#jobRegistration})
 * is one batch of children: {@code ready} with their task ids, {@code applied} once counted and its children
 * advanced, or {@code void} (it can never be counted). Unfinished children sit in the sparse gsi1 partition
 * {@link Keys#jobChildren}.
 *
 * <p>Exactly once without transactions. Each counter change ("op": count a registration, finish a task,
 * record a wait) is first recorded on its item (the intent: the registration, or the task item), then
 * applied to the job by one UpdateItem that ADDs the counters and sets {@code pending_op = <op>} and
 * {@code ops = n + 1}, conditioned on {@code ops = n}; then the item is advanced to show the op and the
 * pending slot is cleared (conditioned on {@code ops} and {@code pending_op} still naming it). Claim: an op
 * is applied at most once. Invariant: op X was applied ⇔ {@code pending_op = X} or X's item shows it — an
 * item is advanced only after its op was applied, and the slot is cleared, or taken over by the next op,
 * only after the advance: a caller that finds the slot holding another op advances that op itself and then
 * replaces it in its own compare-and-set (at {@code ops = n} the slot holds op n or nothing), so an op never
 * waits on a crashed caller and a lost race costs no extra write on the job. To apply X, a caller reads the
 * job (count n) and then X's item: if the item does not show X and the slot does not name X, X was not
 * applied when the job was read; if it was applied after that read, {@code ops} moved past n and the
 * compare-and-set fails, so the caller re-reads. A stale caller, however late, only ever writes through the
 * compare-and-set on {@code ops}, so it can never re-apply. Claim: an op started is applied at least once
 * when any call for it is retried: a crash before the apply leaves the intent (the retry applies it), after
 * it leaves the slot taken (the next op or the retry settles it). Nothing accumulates on the job item: one
 * slot, whatever the number of tasks. Concurrent finishers of one task agree on the first intent written, so
 * the counts, the task item and the job's details tell the same result.
 *
 * <p>Batched registration: each child counted exactly once. {@code register} claims every child for a new
 * registration R (in parallel: a conditional put of a fresh {@code registering} item tagged R, or, from a
 * {@code void} registration only, a conditional re-tag), writes R {@code ready} with the children it claimed
 * (a conditional put: once written, its list never changes), applies R as one op ({@code ADD tasks_expected
 * |list|}), and R's advance moves each listed child {@code registering → open} on condition it is still
 * tagged R, before R is marked {@code applied}. Claim: a child is in the list of at most one registration
 * that is ever applied. Its tag moves away from R only if R is {@code void}, which R never becomes once
 * written {@code ready} (both are conditional creations of the same item), and R lists only children it
 * tagged before writing itself; so two applicable lists sharing a child would need the tag to have left one
 * of them while it was applicable. A child already past {@code registering} is never claimed (it was counted
 * before: {@code open} only through its registration's advance, after the apply). A child held by another
 * registration S is settled first: S {@code ready} is applied (the op machinery makes that exactly once, its
 * advance opens the child), S not yet written is voided (a conditional put, after a short pause in case its
 * caller is alive; that caller's own write then fails and it claims its children again under a new id), and
 * a void S lets the child be re-tagged. So a retried register with the same, a larger or an overlapping set
 * counts exactly the children not counted yet, whatever writes a crashed attempt left: claims without a
 * registration (voided and re-claimed), a registration not applied (applied by the retry, or by the child's
 * own {@code finish}), an applied one not advanced (pending: settled by whoever reads the slot). Claims are
 * conditional single-item writes, not BatchWriteItem (an unconditional put could overwrite a child another
 * registration claimed or that already finished). One registration holds at most
 * {@value #REGISTRATION_BYTES} bytes of task ids (far below the 400 KB item limit; larger fan-outs use one op
 * per such batch); every expression is a few hundred bytes.
 *
 * <p>Ending. The job ends when {@code tasks_done = tasks_expected}; a finish whose own apply leaves
 * {@code tasks_done < tasks_expected} cannot be the last (the op that makes them equal sees it in its
 * returned item, a retry whose op was applied before re-reads), any other tries the final UpdateItem
 * conditioned on status {@code pending|running} and on the counts being equal, and only the one that succeeds
 * is told it ended the job. A fan-out registers its children before it finishes itself (its register returns
 * only once they are counted), so until they end {@code tasks_done < tasks_expected} (the parent is counted in
 * expected and not in done); a child finished before its crashed registration was retried is registered by
 * its own finish first. A job never completes with a registered task unfinished.
 *
 * <p>Cost: a finish is about 6 calls uncontended (intent, job and task reads, the compare-and-set, advance,
 * clear); a lost race re-reads the job and the task and pauses a random 0–32 ms (growing with the losses).
 * Registering N children is N claims (16 in parallel), one registration write, one job op and N advances
 * (in parallel), instead of ~5 sequential calls per child.
 */
public final class JobProgress implements AutoCloseable {

    /** Item type of a registration. */
    static final String TYPE_REGISTRATION = "sync_job_registration";
    /** Task-id bytes one registration counts (its item stays far below DynamoDB's 400 KB). */
    static final int REGISTRATION_BYTES = 200_000;
    private static final int MAX_REGISTRATION_ROUNDS = 50;
    private static final int MAX_CLAIM_ATTEMPTS = 20;

    private final Table table;
    /** This progress's own threads for parallel item writes, up to {@value JobOps#THREADS} at a time. */
    private final Workers workers = new Workers("job-ops", JobOps.THREADS);
    private final JobOps ops;
    private final JobCompletion completion;
    private final JobTotals totals;
    private final Clock clock;

    public JobProgress(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.table = new Table(dynamoDb, tableName);
        this.clock = clock;
        this.ops = new JobOps(table, clock, workers);
        this.totals = new JobTotals(table);
        this.completion = new JobCompletion(table, totals, clock);
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
        Optional<Map<String, AttributeValue>> existing = table.get(Keys.job(job.jobId()));
        if (existing.isPresent()) {
            totals.settle(existing.get()); // a retry after a crash between the job's write and its totals'
            return false;
        }
        // Roots before the job: once the job exists, finishing any of its roots finds the task.
        for (String root : roots) {
            Map<String, AttributeValue> item = taskItem(job.jobId(), root, null, JobOps.OPEN,
                    JobCodec.expiresAt(job.createdAt()));
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
        boolean created = table.put(e.apply(PutItemRequest.builder().item(item)));
        totals.settle(table.get(Keys.job(job.jobId())).orElse(null));
        return created;
    }

    /** pending → running, exactly once (sets started_at); no-op on any other status or a missing job. */
    public void start(String jobId) {
        Map<String, AttributeValue> changes = Map.of(Attr.STATUS, Av.s(SyncJob.Status.RUNNING.wireName()),
                Attr.STARTED_AT, Av.time(clock.instant()));
        Expression e = Expression.create();
        changes.forEach(e::set);
        e.condition(e.name(Attr.STATUS) + " = " + e.value(Av.s(SyncJob.Status.PENDING.wireName())));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(Keys.job(jobId)))));
        totals.settle(table.get(Keys.job(jobId)).orElse(null)); // also when a crashed call already started it
    }

    /**
     * Before a task fans out: registers its children as expected tasks of the job, all of them with one job
     * op (one per {@value #REGISTRATION_BYTES} bytes of task ids). Idempotent: a retried fan-out registering
     * the same keys adds nothing; new keys add one each, whatever the overlap. Children of a job that already
     * ended are not counted (a stale duplicate fan-out).
     *
     * @throws IllegalArgumentException when {@code parentTask} is not a task of the job
     */
    public void register(String jobId, String parentTask, List<String> childTasks) {
        Optional<Map<String, AttributeValue>> parent = table.get(Keys.jobTask(jobId, parentTask));
        if (parent.isEmpty()) {
            throw new IllegalArgumentException("task " + parentTask + " is not part of job " + jobId);
        }
        AttributeValue expires = expiry(parent.get());
        List<String> batch = new ArrayList<>();
        int bytes = 0;
        for (String child : new LinkedHashSet<>(childTasks)) {
            if (child.equals(parentTask)) {
                continue;
            }
            int size = Keys.taskId(child).getBytes(StandardCharsets.UTF_8).length + 8;
            if (bytes + size > REGISTRATION_BYTES) {
                if (!registerBatch(jobId, parentTask, batch, expires)) {
                    return;
                }
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(child);
            bytes += size;
        }
        registerBatch(jobId, parentTask, batch, expires);
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
        if (!recordResult(key, result)) {
            // Not open: finished or finishing already, registering, or no task of the job.
            Optional<Map<String, AttributeValue>> item = table.get(key);
            if (item.isEmpty()) {
                return Optional.empty();
            }
            if (JobOps.REGISTERING.equals(Av.str(item.get(), Attr.STATUS))) {
                // Its fan-out crashed while registering it: count it as expected first, or done could overtake.
                registerBatch(jobId, Av.str(item.get(), Attr.PARENT_TASK), List.of(task), expiry(item.get()));
                if (!recordResult(key, result) && table.get(key)
                        .map(t -> JobOps.REGISTERING.equals(Av.str(t, Attr.STATUS))).orElse(true)) {
                    return Optional.empty(); // the job ended before it was counted
                }
            }
        }
        JobOps.Op op = new JobOps.Op(JobOps.Kind.FINISH, key, 0);
        JobOps.Result applied = ops.apply(jobId, op, (e, ctx) -> countFinish(e, ctx.task()));
        if (applied.outcome() == JobOps.Outcome.APPLIED
                && Av.num(applied.job(), Attr.TASKS_DONE) < Av.num(applied.job(), Attr.TASKS_EXPECTED)) {
            // Right after this op the job still expected more; the op that ends it checks (no extra read).
            return Optional.empty();
        }
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

    /** How a task stood when a registration tried to claim it. */
    private record Claim(String child, boolean mine, String blockedBy) {

        static Claim mine(String child) {
            return new Claim(child, true, null);
        }

        static Claim counted(String child) {
            return new Claim(child, false, null);
        }

        boolean blocked() {
            return !mine && blockedBy != null;
        }
    }

    /**
     * Counts {@code children} of {@code parent} in {@code tasks_expected} with one op, except those
     * registered before. Rounds: claim each child for a fresh registration (in parallel), settle the
     * registrations that hold claims on others (one by one), write the registration, apply it; children
     * whose claim changed hands go to the next round.
     *
     * @return false when the job ended (or vanished) first: nothing more will be counted
     */
    private boolean registerBatch(String jobId, String parent, List<String> children, AttributeValue expires) {
        List<String> todo = children;
        for (int round = 0; !todo.isEmpty(); round++) {
            if (round == MAX_REGISTRATION_ROUNDS) {
                throw new StoreUnavailableException("job " + jobId + ": registrations kept competing", null);
            }
            String id = UUID.randomUUID().toString();
            List<Claim> claims = ops.parallel(todo, child -> claim(jobId, parent, child, id, expires));
            List<String> next = new ArrayList<>();
            Set<String> blockers = new LinkedHashSet<>();
            for (Claim claim : claims) {
                if (claim.blocked()) {
                    next.add(claim.child());
                    blockers.add(claim.blockedBy());
                }
            }
            for (String blocker : blockers) {
                if (!resolve(jobId, blocker, expires)) {
                    return false;
                }
            }
            List<String> mine = claims.stream().filter(Claim::mine).map(Claim::child).toList();
            if (!mine.isEmpty()) {
                if (writeRegistration(jobId, id, mine, expires)) {
                    JobOps.Op op = new JobOps.Op(JobOps.Kind.REGISTER, Keys.jobRegistration(jobId, id), 0);
                    JobOps.Outcome outcome = ops.apply(jobId, op, (e, ctx) -> e.add(Attr.TASKS_EXPECTED,
                            Av.n(Av.stringSetOf(ctx.task(), Attr.REGISTERED).size()))).outcome();
                    if (outcome == JobOps.Outcome.JOB_ENDED || outcome == JobOps.Outcome.NO_JOB) {
                        return false;
                    }
                } else {
                    next.addAll(mine); // voided meanwhile by a competing registration: claim them again
                }
            }
            todo = next;
        }
        return true;
    }

    /**
     * Claims a child for registration {@code id}: creates it {@code registering} under {@code id}, or takes
     * it over from a void registration. Counted when it is past {@code registering}; blocked by a
     * registration that may still be (or was) applied, which the caller settles before the next round.
     */
    private Claim claim(String jobId, String parent, String child, String id, AttributeValue expires) {
        Map<String, AttributeValue> fresh = taskItem(jobId, child, parent, JobOps.REGISTERING, expires);
        fresh.put(Attr.REGISTRATION, Av.s(id));
        Keys.Key key = Keys.jobTask(jobId, child);
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            Expression put = Expression.create();
            put.condition("attribute_not_exists(" + put.name(TableSchema.PK) + ")");
            if (table.put(put.apply(PutItemRequest.builder().item(fresh)))) {
                return Claim.mine(child);
            }
            Optional<Map<String, AttributeValue>> item = table.get(key);
            if (item.isEmpty()) {
                continue;
            }
            if (!JobOps.REGISTERING.equals(Av.str(item.get(), Attr.STATUS))) {
                return Claim.counted(child); // registered before (by this parent or another): adds nothing
            }
            String holder = Av.str(item.get(), Attr.REGISTRATION);
            String state = holder == null ? JobOps.VOID // (none: no op can count it)
                    : table.get(Keys.jobRegistration(jobId, holder)).map(r -> Av.str(r, Attr.STATUS)).orElse(null);
            if (state == null || JobOps.READY.equals(state)) {
                return new Claim(child, false, holder);
            }
            if (JobOps.VOID.equals(state)) {
                // The holder can never be applied: take the child over (only from that holder).
                Expression take = Expression.create().set(Attr.REGISTRATION, Av.s(id));
                take.condition(take.name(Attr.STATUS) + " = " + take.value(Av.s(JobOps.REGISTERING)));
                take.condition(holder == null ? "attribute_not_exists(" + take.name(Attr.REGISTRATION) + ")"
                        : take.name(Attr.REGISTRATION) + " = " + take.value(Av.s(holder)));
                if (table.update(take.apply(UpdateItemRequest.builder().key(Av.key(key)))).isPresent()) {
                    return Claim.mine(child);
                }
            }
            // applied (the child is being advanced) or taken over meanwhile: look again
        }
        throw new StoreUnavailableException("job " + jobId + ": task " + child + " kept changing hands", null);
    }

    /**
     * Settles a registration holding a claim: applies it if written (ready), voids it if not written yet
     * (after a short pause, in case its caller is about to write it — it then starts a new round).
     *
     * @return false when the job ended or vanished
     */
    private boolean resolve(String jobId, String id, AttributeValue expires) {
        Keys.Key key = Keys.jobRegistration(jobId, id);
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> registration = table.get(key);
            if (registration.isEmpty()) {
                if (attempt == 0) {
                    JobOps.pause(5);
                    continue;
                }
                Map<String, AttributeValue> item = Av.key(key);
                item.put(Attr.TYPE, Av.s(TYPE_REGISTRATION));
                item.put(Attr.STATUS, Av.s(JobOps.VOID));
                item.put(Attr.EXPIRES_AT, expires);
                Expression e = Expression.create();
                e.condition("attribute_not_exists(" + e.name(TableSchema.PK) + ")");
                if (table.put(e.apply(PutItemRequest.builder().item(item)))) {
                    return true;
                }
                continue;
            }
            if (!JobOps.READY.equals(Av.str(registration.get(), Attr.STATUS))) {
                return true; // void or applied
            }
            JobOps.Op op = new JobOps.Op(JobOps.Kind.REGISTER, key, 0);
            JobOps.Outcome outcome = ops.apply(jobId, op, (e, ctx) -> e.add(Attr.TASKS_EXPECTED,
                    Av.n(Av.stringSetOf(ctx.task(), Attr.REGISTERED).size()))).outcome();
            return outcome != JobOps.Outcome.JOB_ENDED && outcome != JobOps.Outcome.NO_JOB;
        }
        throw new StoreUnavailableException("job " + jobId + ": registration " + id + " kept changing", null);
    }

    /** The registration's intent: the children it claimed, written once; false when it was voided first. */
    private boolean writeRegistration(String jobId, String id, List<String> children, AttributeValue expires) {
        Map<String, AttributeValue> item = Av.key(Keys.jobRegistration(jobId, id));
        item.put(Attr.TYPE, Av.s(TYPE_REGISTRATION));
        item.put(Attr.EXPIRES_AT, expires);
        item.put(Attr.STATUS, Av.s(JobOps.READY));
        item.put(Attr.REGISTERED, Av.stringSet(children.stream().map(Keys::taskId).toList()));
        Expression e = Expression.create();
        e.condition("attribute_not_exists(" + e.name(TableSchema.PK) + ")");
        return table.put(e.apply(PutItemRequest.builder().item(item)));
    }

    /** The intent: the task's result, written once (a concurrent or later call keeps the first). */
    private boolean recordResult(Keys.Key key, TaskResult result) {
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
        return table.update(e.apply(UpdateItemRequest.builder().key(Av.key(key)))).isPresent();
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

    private static Map<String, AttributeValue> taskItem(String jobId, String task, String parent, String status,
                                                        AttributeValue expires) {
        Keys.Key key = Keys.jobTask(jobId, task);
        Map<String, AttributeValue> item = Av.key(key);
        item.put(Attr.TYPE, Av.s(ItemCodec.TYPE_JOB_TASK));
        item.put(Attr.EXPIRES_AT, expires);
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

    /**
     * The expiry of items a task begets (its children, their registrations): the task's own, which its job's
     * roots took from the job ({@link JobCodec#expiresAt}), so a job's items all expire with it. A task written
     * before items carried one expires {@link JobTotals#RETENTION} from now (never before its job).
     */
    private AttributeValue expiry(Map<String, AttributeValue> task) {
        AttributeValue own = task.get(Attr.EXPIRES_AT);
        return own != null ? own : JobCodec.expiresAt(clock.instant());
    }

    /** Ends this progress's writer threads (the wiring's lives as long as its container). */
    @Override
    public void close() {
        workers.close();
    }
}
