package dev.autosync.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Applies one counter change ("op") of a job exactly once, without transactions: the job item holds at most
 * one {@code pending_op} (the last op applied whose task item may not yet show it) and an op count
 * {@code ops} that every change compares and sets. See {@link JobProgress} for the argument.
 */
final class JobOps {

    static final String REGISTERING = "registering";
    static final String OPEN = "open";
    static final String FINISHING = "finishing";
    static final String FINISHED = "finished";

    /** Lost compare-and-sets before giving up (each loss means another op on the job made progress). */
    private static final int MAX_ATTEMPTS = 500;

    enum Kind {
        REGISTER("r"), FINISH("f"), WAIT("w");

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

    /** One op on one task item; {@code until} (epoch millis) only for {@link Kind#WAIT}. */
    record Op(Kind kind, Keys.Key task, long until) {

        String encode() {
            return kind.code + "|" + until + "|" + task.sk();
        }

        static Op decode(String jobPk, String text) {
            String[] parts = text.split("\\|", 3);
            return new Op(Kind.of(parts[0]), new Keys.Key(jobPk, parts[2]), Long.parseLong(parts[1]));
        }

        /** Whether the task item already shows this op (it is advanced only after the op was applied). */
        boolean shownBy(Map<String, AttributeValue> task) {
            return switch (kind) {
                case REGISTER -> !REGISTERING.equals(Av.str(task, Attr.STATUS));
                case FINISH -> FINISHED.equals(Av.str(task, Attr.STATUS));
                case WAIT -> Av.num(task, Attr.WAITED_UNTIL) >= until;
            };
        }

        /** Whether the task item holds the op's intent (a finish needs the result recorded first). */
        boolean readyIn(Map<String, AttributeValue> task) {
            return switch (kind) {
                case REGISTER -> REGISTERING.equals(Av.str(task, Attr.STATUS));
                case FINISH -> FINISHING.equals(Av.str(task, Attr.STATUS));
                case WAIT -> true;
            };
        }
    }

    enum Outcome { APPLIED, ALREADY_APPLIED, NOT_READY, NO_JOB, JOB_ENDED }

    private final Table table;
    private final java.time.Clock clock;

    JobOps(Table table, java.time.Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    /**
     * Applies {@code op} unless it was applied before. {@code change} adds the op's effect to the job's
     * update, given the job item and the task item as read just before the compare-and-set.
     */
    Outcome apply(String jobId, Op op, BiConsumer<Expression, Ctx> change) {
        Keys.Key jobKey = Keys.job(jobId);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> job = table.get(jobKey);
            if (job.isEmpty()) {
                return Outcome.NO_JOB;
            }
            long ops = Av.num(job.get(), Attr.JOB_OPS);
            String pending = Av.str(job.get(), Attr.PENDING_OP);
            if (pending != null) {
                Op previous = Op.decode(jobKey.pk(), pending);
                settle(jobKey, previous, ops);
                if (previous.equals(op)) {
                    return Outcome.ALREADY_APPLIED;
                }
                continue;
            }
            // Read after the job: had the op been applied and settled before that read, the task would show it.
            Optional<Map<String, AttributeValue>> task = table.get(op.task());
            if (task.isEmpty() || op.shownBy(task.get())) {
                return Outcome.ALREADY_APPLIED;
            }
            if (!op.readyIn(task.get())) {
                return Outcome.NOT_READY;
            }
            if (JobProgress.ended(job.get())) {
                return Outcome.JOB_ENDED;
            }
            Expression e = Expression.create();
            change.accept(e, new Ctx(job.get(), task.get()));
            e.set(Attr.PENDING_OP, Av.s(op.encode())).set(Attr.JOB_OPS, Av.n(ops + 1));
            e.condition(ops == 0 ? "attribute_not_exists(" + e.name(Attr.JOB_OPS) + ") OR " + e.name(Attr.JOB_OPS) + " = " + e.value(Av.n(0))
                    : e.name(Attr.JOB_OPS) + " = " + e.value(Av.n(ops)));
            e.condition("attribute_not_exists(" + e.name(Attr.PENDING_OP) + ")");
            if (table.update(e.apply(UpdateItemRequest.builder().key(Av.key(jobKey))).returnValues(ReturnValue.NONE)).isPresent()) {
                settle(jobKey, op, ops + 1);
                return Outcome.APPLIED;
            }
            if (attempt > 2) {
                pause(attempt);
            }
        }
        throw new StoreUnavailableException("job " + jobId + " stayed too contended to record an op", null);
    }

    /** The items an op's change is computed from. */
    record Ctx(Map<String, AttributeValue> job, Map<String, AttributeValue> task) {
    }

    /** Makes the task item show an applied op, then frees the job's pending slot (if it still holds it). */
    private void settle(Keys.Key jobKey, Op op, long ops) {
        advance(op);
        Expression e = Expression.create().remove(Attr.PENDING_OP);
        e.condition(e.name(Attr.JOB_OPS) + " = " + e.value(Av.n(ops)));
        e.condition(e.name(Attr.PENDING_OP) + " = " + e.value(Av.s(op.encode())));
        table.update(e.apply(UpdateItemRequest.builder().key(Av.key(jobKey))));
    }

    private void advance(Op op) {
        Expression e = Expression.create();
        switch (op.kind()) {
            case REGISTER -> {
                e.set(Attr.STATUS, Av.s(OPEN));
                e.condition(e.name(Attr.STATUS) + " = " + e.value(Av.s(REGISTERING)));
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

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while recording a job op", e);
        }
    }
}
