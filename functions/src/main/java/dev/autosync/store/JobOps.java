package dev.autosync.store;

import dev.autosync.common.Workers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Applies one counter change ("op") of a job exactly once, without transactions: the job item holds at most
 * one {@code pending_op} (the last op applied whose item may not yet show it) and an op count {@code ops}
 * that every change compares and sets. See {@link JobProgress} for the argument.
 */
final class JobOps {

    /** Task statuses. */
    static final String REGISTERING = "registering";
    static final String OPEN = "open";
    static final String FINISHING = "finishing";
    static final String FINISHED = "finished";

    /** Registration statuses: written with its children, voided (never to be applied), or applied. */
    static final String READY = "ready";
    static final String VOID = "void";
    static final String APPLIED = "applied";

    /** Lost compare-and-sets before giving up (each loss means another op on the job made progress). */
    private static final int MAX_ATTEMPTS = 500;
    /** Threads for a job's parallel item writes (claiming and advancing children). */
    static final int THREADS = 16;

    enum Kind {
        REGISTER("b"), FINISH("f"), WAIT("w");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        static Kind of(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            throw new IllegalStateException("unknown job op " + code);
        }
    }

    /**
     * One op on one item: a task's item for {@link Kind#FINISH} and {@link Kind#WAIT} ({@code until}, epoch
     * millis, only for a wait), a registration item ({@link Keys#jobRegistration}) for {@link Kind#REGISTER}.
     */
    record Op(Kind kind, Keys.Key task, long until) {

        String encode() {
            return kind.code + "|" + until + "|" + task.sk();
        }

        static Op decode(String jobPk, String text) {
            String[] parts = text.split("\\|", 3);
            return new Op(Kind.of(parts[0]), new Keys.Key(jobPk, parts[2]), Long.parseLong(parts[1]));
        }

        /** Whether the item already shows this op (it is advanced only after the op was applied). */
        boolean shownBy(Map<String, AttributeValue> item) {
            return switch (kind) {
                case REGISTER -> APPLIED.equals(Av.str(item, Attr.STATUS));
                case FINISH -> FINISHED.equals(Av.str(item, Attr.STATUS));
                case WAIT -> Av.num(item, Attr.WAITED_UNTIL) >= until;
            };
        }

        /** Whether the item holds the op's intent (a finish needs the result, a registration its children). */
        boolean readyIn(Map<String, AttributeValue> item) {
            return switch (kind) {
                case REGISTER -> READY.equals(Av.str(item, Attr.STATUS));
                case FINISH -> FINISHING.equals(Av.str(item, Attr.STATUS));
                case WAIT -> true;
            };
        }
    }

    enum Outcome { APPLIED, ALREADY_APPLIED, NOT_READY, NO_JOB, JOB_ENDED }

    /** How an apply ended; {@code job} is the job item right after the op, only when this call applied it. */
    record Result(Outcome outcome, Map<String, AttributeValue> job) {
    }

    private final Table table;
    private final java.time.Clock clock;
    private final Workers workers;

    /** @param workers owned by the caller ({@link JobProgress}), which closes them */
    JobOps(Table table, java.time.Clock clock, Workers workers) {
        this.table = table;
        this.clock = clock;
        this.workers = workers;
    }

    /**
     * Applies {@code op} unless it was applied before. {@code change} adds the op's effect to the job's
     * update, given the job item and the op's item as read just before the compare-and-set.
     */
    Result apply(String jobId, Op op, BiConsumer<Expression, Ctx> change) {
        Keys.Key jobKey = Keys.job(jobId);
        String advanced = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> job = table.get(jobKey);
            if (job.isEmpty()) {
                return new Result(Outcome.NO_JOB, null);
            }
            long ops = Av.num(job.get(), Attr.JOB_OPS);
            String pending = Av.str(job.get(), Attr.PENDING_OP);
            if (pending != null) {
                Op previous = Op.decode(jobKey.pk(), pending);
                if (previous.equals(op)) {
                    settle(jobKey, op, ops);
                    return new Result(Outcome.ALREADY_APPLIED, null);
                }
                // The slot may be taken over once its op shows on its item (no separate clear, no re-read).
                if (!pending.equals(advanced)) {
                    advance(previous);
                    advanced = pending;
                }
            }
            // Read after the job: had the op been applied before that read, it is pending or its item shows it.
            Optional<Map<String, AttributeValue>> item = table.get(op.task());
            if (item.isEmpty() || op.shownBy(item.get())) {
                return new Result(Outcome.ALREADY_APPLIED, null);
            }
            if (!op.readyIn(item.get())) {
                return new Result(Outcome.NOT_READY, null);
            }
            if (JobProgress.ended(job.get())) {
                return new Result(Outcome.JOB_ENDED, null);
            }
            Expression e = Expression.create();
            change.accept(e, new Ctx(job.get(), item.get()));
            e.set(Attr.PENDING_OP, Av.s(op.encode())).set(Attr.JOB_OPS, Av.n(ops + 1));
            // Only ops: at count n the slot holds op n (advanced above) or nothing (cleared after its advance).
            e.condition(ops == 0 ? "attribute_not_exists(" + e.name(Attr.JOB_OPS) + ") OR " + e.name(Attr.JOB_OPS) + " = " + e.value(Av.n(0))
                    : e.name(Attr.JOB_OPS) + " = " + e.value(Av.n(ops)));
            Optional<Map<String, AttributeValue>> after = table.update(e.apply(UpdateItemRequest.builder()
                    .key(Av.key(jobKey))).returnValues(ReturnValue.ALL_NEW));
            if (after.isPresent()) {
                settle(jobKey, op, ops + 1);
                return new Result(Outcome.APPLIED, after.get());
            }
            pause(attempt);
        }
        throw new StoreUnavailableException("job " + jobId + " stayed too contended to record an op", null);
    }

    /** The items an op's change is computed from: the job, and the op's own item (task or registration). */
    record Ctx(Map<String, AttributeValue> job, Map<String, AttributeValue> task) {
    }

    /** Makes the item show an applied op, then frees the job's pending slot (if it still holds it). */
    private void settle(Keys.Key jobKey, Op op, long ops) {
        advance(op);
        Expression e = Expression.create().remove(Attr.PENDING_OP);
        e.condition(e.name(Attr.JOB_OPS) + " = " + e.value(Av.n(ops)));
        e.condition(e.name(Attr.PENDING_OP) + " = " + e.value(Av.s(op.encode())));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(jobKey))));
    }

    /** Makes the op's item show it; for a registration, every child it counted first (in parallel). */
    private void advance(Op op) {
        Expression e = Expression.create();
        switch (op.kind()) {
            case REGISTER -> {
                Optional<Map<String, AttributeValue>> registration = table.get(op.task());
                if (registration.isEmpty() || !READY.equals(Av.str(registration.get(), Attr.STATUS))) {
                    return; // applied (its children were advanced before it was marked) — never void once applied
                }
                String id = op.task().sk().substring(Keys.REGISTRATION_PREFIX.length());
                parallel(List.copyOf(Av.stringSetOf(registration.get(), Attr.REGISTERED)), taskId -> {
                    Expression open = Expression.create().set(Attr.STATUS, Av.s(OPEN));
                    open.condition(open.name(Attr.STATUS) + " = " + open.value(Av.s(REGISTERING)));
                    open.condition(open.name(Attr.REGISTRATION) + " = " + open.value(Av.s(id)));
                    return table.update(open.apply(UpdateItemRequest.builder()
                            .key(Av.key(new Keys.Key(op.task().pk(), Keys.TASK_PREFIX + taskId)))));
                });
                e.set(Attr.STATUS, Av.s(APPLIED)).remove(Attr.REGISTERED);
                e.condition(e.name(Attr.STATUS) + " = " + e.value(Av.s(READY)));
            }
            case FINISH -> {
                e.set(Attr.STATUS, Av.s(FINISHED)).set(Attr.FINISHED_AT, Av.time(clock.instant()))
                        .remove(Attr.GSI1PK).remove(Attr.GSI1SK);
                e.condition(e.name(Attr.STATUS) + " = " + e.value(Av.s(FINISHING)));
            }
            case WAIT -> {
                e.set(Attr.WAITED_UNTIL, Av.n(op.until()));
                e.condition("attribute_exists(" + e.name(TableSchema.PK) + ")");
                e.condition("attribute_not_exists(" + e.name(Attr.WAITED_UNTIL) + ") OR "
                        + e.name(Attr.WAITED_UNTIL) + " < " + e.value(Av.n(op.until())));
            }
        }
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(op.task()))));
    }

    /**
     * {@code action} on every element, up to {@value #THREADS} at a time (each is one or a few DynamoDB
     * calls); the results in order. Every action has ended when this returns or throws (the first failure).
     * Inline when called from one of its own threads, so nesting cannot deadlock.
     */
    <T, R> List<R> parallel(List<T> items, Function<T, R> action) {
        return workers.map(items, action, cause -> cause instanceof InterruptedException
                ? new StoreUnavailableException("interrupted while writing job items", cause)
                : new StoreUnavailableException("job item write failed", cause));
    }

    /** After a lost compare-and-set: a random pause ("full jitter") growing with the losses, at most 32 ms. */
    static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 1 + Math.min(32, 1 << Math.min(attempt, 5))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while recording a job op", e);
        }
    }
}
