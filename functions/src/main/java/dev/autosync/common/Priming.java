package dev.autosync.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Priming for SnapStart: each function's constructor runs its request path once over its real SDK clients
 * (when Lambda initialises it for a snapshot or provisioned concurrency: {@link #wanted}),
 * with every AWS call answered inside the process ({@code common.aws.PrimingHttpClient}) and every log line
 * and metric built but not printed. The classes, SDK metadata and first-call set-up a request needs are then
 * loaded before the snapshot is taken, instead of on each restored container's first request, which is the
 * webhook's 10 s budget and the api's latency (the cold-start benchmark prints both halves:
 * {@code -Dexec.args=coldstart}).
 *
 * <p>Nothing leaves the process while priming: no request reaches AWS, no line reaches the log, and the
 * request path runs over its own throwaway objects (a made-up delivery, secret and token), so no cache of the
 * real ones holds anything a priming answer put there. The flag is per thread: only the constructor's own
 * calls are primed, never another thread's real requests. A primed path that throws an exception is expected
 * (its answers are empty) and never fails the constructor; an {@link Error} (a class missing from the jar) does,
 * so a broken build fails when the version is published rather than on its first request. Requests are signed
 * with made-up credentials while priming ({@code common.aws.AwsClients}), so the credential chain is not asked
 * either: under SnapStart it would fetch the role's credentials into the snapshot.
 */
public final class Priming {

    /** How an AWS call made while priming is answered. */
    public enum Answer {
        /** {@code 200 {}}: an empty success in the AWS JSON protocol (no item, no message id). */
        EMPTY,
        /** {@code 400 ConditionalCheckFailedException}: the answer every conditional write handles. */
        CONDITION_FAILED
    }

    /** The current thread's priming: how its AWS calls are answered, and how many were. */
    private static final class Run {
        volatile Answer answer = Answer.EMPTY;
        final AtomicInteger awsCalls = new AtomicInteger();
    }

    private static final ThreadLocal<Run> ACTIVE = new ThreadLocal<>();
    private static final Log LOG = Log.of(Priming.class);

    private Priming() {
    }

    /** The initialisations whose init is off the request path, where priming is worth its time. */
    static final Set<String> PRIMED_INITIALIZATIONS = Set.of("snap-start", "provisioned-concurrency");

    /**
     * Whether a function should prime: when Lambda initialises it for a SnapStart snapshot or for provisioned
     * concurrency, whose init no request waits for. An on-demand init is itself the cold start: priming there
     * would only add its own work to the first answer (the benchmark measured +55 to +370 ms), and locally
     * (no Lambda) nothing is primed either.
     */
    public static boolean wanted(Env env) {
        return env.optional(EnvVars.AWS_LAMBDA_INITIALIZATION_TYPE).map(PRIMED_INITIALIZATIONS::contains).orElse(false);
    }

    /** Whether the current thread is priming: AWS calls are answered in the process and nothing is printed. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }

    /**
     * How to answer an AWS call the current thread makes, counting it; empty when the thread is not priming
     * (the call goes to AWS).
     */
    public static Optional<Answer> answerAwsCall() {
        Run run = ACTIVE.get();
        if (run == null) {
            return Optional.empty();
        }
        run.awsCalls.incrementAndGet();
        return Optional.of(run.answer);
    }

    /**
     * {@code work} as the current thread would run it: primed too when this thread is priming. For work handed
     * to another thread ({@link Workers}), which must not call AWS on a primed path's behalf.
     */
    public static <T> Supplier<T> carried(Supplier<T> work) {
        Run run = ACTIVE.get();
        if (run == null) {
            return work;
        }
        return () -> {
            Run before = ACTIVE.get();
            ACTIVE.set(run);
            try {
                return work.get();
            } finally {
                restore(before);
            }
        };
    }

    /**
     * Runs each of {@code steps} primed, once with every AWS call answered {@link Answer#EMPTY} and once
     * {@link Answer#CONDITION_FAILED}, so both branches of the conditional writes are loaded. Whatever a step
     * throws is dropped: an empty answer sends a path down its error branch, which is worth loading too, and
     * the next step still runs. Logs one line: the function, the milliseconds it took and the AWS calls it
     * answered.
     */
    public static void run(String function, Runnable... steps) {
        long begin = System.nanoTime();
        Run before = ACTIVE.get();
        Run run = new Run();
        ACTIVE.set(run);
        try {
            for (Answer answer : Answer.values()) {
                run.answer = answer;
                for (Runnable step : steps) {
                    try {
                        step.run();
                    } catch (RuntimeException expected) {
                        // An empty answer ends most paths early; what they loaded until then is what priming is for.
                    }
                }
            }
        } finally {
            restore(before);
        }
        LOG.info("primed", Map.of("function", function, "millis", (System.nanoTime() - begin) / 1_000_000,
                "aws_calls_answered", run.awsCalls.get()));
    }

    /** Puts back what the thread was doing before (a carried task may run on the priming thread itself). */
    private static void restore(Run before) {
        if (before == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(before);
        }
    }

    /** The sample delivery each function primes with: GitHub's documented push (events/payloads/push.json). */
    public static byte[] samplePush() {
        try (InputStream in = Priming.class.getResourceAsStream("push.json")) {
            if (in == null) {
                throw new IllegalStateException("push.json is missing from the jar (functions/pom.xml copies it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
