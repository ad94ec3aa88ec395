package dev.autosync.common;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Lambda invocation being served, for {@link Log} and {@link Metrics} to stamp on every line: the request
 * id (from the {@link Context}, when there is one) and whether this is the container's cold start. Each
 * handler calls {@link #start} first thing in {@code handleRequest}; Lambda serves one invocation at a time
 * per container, so a static holder is enough.
 *
 * <p>Cold start is the first invocation this JVM serves. With SnapStart the snapshot is taken after init and
 * before any invocation (handlers prime their request path below {@code handleRequest}, see {@link Priming}),
 * so every restored container starts with the flag still unset and its first invocation counts as cold too.
 */
public final class Invocation {

    private static final AtomicBoolean SERVED = new AtomicBoolean(false);
    private static volatile String requestId;
    private static volatile boolean coldStart = true;

    private Invocation() {
    }

    /** Marks the start of an invocation; {@code context} may be null (local runner, tests). */
    public static void start(Context context) {
        requestId = context == null ? null : context.getAwsRequestId();
        coldStart = !SERVED.getAndSet(true);
    }

    /** The current invocation's request id; empty before the first invocation and without a Context. */
    public static Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** True during init and the container's first invocation. */
    public static boolean coldStart() {
        return coldStart;
    }

    /** Tests only: as if the container were new (or just restored from a snapshot). */
    static void reset() {
        SERVED.set(false);
        requestId = null;
        coldStart = true;
    }
}
