package dev.autosync.standins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * dynalite, the npm DynamoDB implementation pinned by the repository's {@code package-lock.json}, run as
 * a child node process on a free loopback port.
 *
 * <p>The launcher script exits when its stdin closes, which happens when this JVM dies for any reason
 * (even {@code kill -9}), so a crashed test run never leaves a node process behind.
 *
 * <p>In memory by default; {@link #start(Path)} keeps the tables in LevelDB files in a directory, so they
 * survive a restart.
 */
public final class Dynalite implements AutoCloseable {

    private static final String LAUNCHER = "dynalite-launcher.js";
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final URI endpoint;
    private final Thread shutdownHook;

    private Dynalite(Process process, URI endpoint, boolean stopAtExit) {
        this.process = process;
        this.endpoint = endpoint;
        this.shutdownHook = new Thread(process::destroyForcibly, "dynalite-stop");
        if (stopAtExit) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** In memory: everything is gone when it stops. */
    public static Dynalite start() {
        return start(new ProcessBuilder("node", extractLauncher().toString()), true);
    }

    /**
     * Keeps the tables in {@code directory}. No shutdown hook stops it: hooks run in no particular order,
     * and the owner must be able to finish its last writes before closing it (the closed stdin still ends
     * it when this JVM dies).
     */
    public static Dynalite start(Path directory) {
        return start(new ProcessBuilder("node", extractLauncher().toString(), directory.toString()), false);
    }

    private static Dynalite start(ProcessBuilder builder, boolean stopAtExit) {
        Path modules = ProjectRoot.nodeModules("dynalite");
        builder.redirectErrorStream(true);
        builder.environment().put("NODE_PATH", modules.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StandInException("cannot run node, which dynalite (the DynamoDB stand-in) needs: install Node.js 20 or"
                    + " later and put it on the PATH (" + e.getMessage() + ")", e);
        }
        try {
            int port = awaitPort(process);
            return new Dynalite(process, URI.create("http://127.0.0.1:" + port), stopAtExit);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to undo
        }
    }

    private static int awaitPort(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(out));
        try {
            int value = port.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            drainInBackground(process.getInputStream());
            return value;
        } catch (TimeoutException e) {
            throw new StandInException("dynalite did not start within " + START_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new StandInException("dynalite failed to start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StandInException("interrupted while starting dynalite");
        }
    }

    private static int readPort(BufferedReader out) {
        StringBuilder seen = new StringBuilder();
        try {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("dynalite-port=")) {
                    return Integer.parseInt(line.substring("dynalite-port=".length()).trim());
                }
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new StandInException("reading dynalite output: " + e.getMessage(), e);
        }
        throw new StandInException("dynalite exited before listening: " + seen.toString().strip());
    }

    /** Keeps the pipe from filling up (and blocking node) without keeping what it says. */
    private static void drainInBackground(InputStream in) {
        Thread drain = new Thread(() -> {
            try {
                in.transferTo(OutputStreamSink.INSTANCE);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "dynalite-output");
        drain.setDaemon(true);
        drain.start();
    }

    private static Path extractLauncher() {
        try (InputStream in = Dynalite.class.getResourceAsStream(LAUNCHER)) {
            if (in == null) {
                throw new StandInException("missing resource " + LAUNCHER);
            }
            Path file = Files.createTempFile("autosync-dynalite-", ".js");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new StandInException("cannot write the dynalite launcher: " + e.getMessage(), e);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
