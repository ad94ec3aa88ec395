package dev.autosync.local;

import dev.autosync.standins.ProjectRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The local runner as a separate JVM, as the run command starts it ({@link LocalRunner#main}), with the
 * fields of its ready line.
 */
final class RunnerProcess implements AutoCloseable {

    private final Process process;
    private final Map<String, String> ready;

    private RunnerProcess(Process process, Map<String, String> ready) {
        this.process = process;
        this.ready = ready;
    }

    /** Starts it with {@code environment} added to this JVM's and waits (90 s at most) for its ready line. */
    static RunnerProcess start(Map<String, String> environment) throws Exception {
        Process process = builder(environment).start();
        try {
            String line = CompletableFuture.supplyAsync(() -> readyLine(process)).get(90, TimeUnit.SECONDS);
            return new RunnerProcess(process, LocalRunner.readyFields(line));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** What a start that failed left: its exit code and everything it printed. */
    record Failure(int exitCode, String output) {

        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** Starts it expecting it to fail, as the run command would, within 60 s. */
    static Failure failedStart(Map<String, String> environment) throws Exception {
        Process process = builder(environment).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the runner did not stop: " + output.getNow(""));
        }
        return new Failure(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    /** A field of the ready line ({@code webhook}, {@code table}, …). */
    String ready(String field) {
        return ready.get(field);
    }

    Map<String, String> readyFields() {
        return ready;
    }

    /** Stops it as Ctrl-C does (SIGTERM: the shutdown hooks run), forcibly after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static ProcessBuilder builder(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dautosync.root=" + ProjectRoot.find(),
                LocalRunner.class.getName())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    private static String readyLine(Process process) {
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains(" ready ")) {
                    // Keep draining so the child never blocks on a full pipe.
                    Thread drain = new Thread(() -> drain(out), "runner-output");
                    drain.setDaemon(true);
                    drain.start();
                    return line;
                }
                seen.append(line).append('\n');
            }
            throw new AssertionError("the local runner exited before it was ready:\n" + seen);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            out.lines().forEach(line -> {
                if (System.getenv("AUTOSYNC_TEST_RUNNER_OUTPUT") != null) {
                    System.out.println("runner: " + line);
                }
            });
        } catch (java.io.UncheckedIOException closed) {
            // the runner ended
        }
    }
}
