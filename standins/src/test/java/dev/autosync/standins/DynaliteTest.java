package dev.autosync.standins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynaliteTest {

    @Test
    void close_stopsTheNodeProcess() throws Exception {
        Dynalite dynalite = Dynalite.start();
        long pid = nodePidListeningOn(dynalite.endpoint());

        dynalite.close();

        assertFalse(awaitGone(pid), "node process " + pid + " still alive after close()");
    }

    /** Guards against orphan node processes when a test JVM is killed outright (no shutdown hooks run). */
    @Test
    void killedParentJvm_takesDynaliteWithIt() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dautosync.root=" + ProjectRoot.find(),
                DynaliteHolder.class.getName())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertNotNull(line, "child JVM printed nothing");
        assertTrue(line.startsWith("node-pid="), line);
        long nodePid = Long.parseLong(line.substring("node-pid=".length()));
        assertTrue(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false));

        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertFalse(awaitGone(nodePid), "dynalite outlived its killed parent JVM");
    }

    private static long nodePidListeningOn(URI endpoint) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setRequestMethod("GET");
        connection.getResponseCode();
        // The only child of this JVM that runs node is dynalite.
        Optional<ProcessHandle> node = ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("node")).orElse(false))
                .findFirst();
        return node.orElseThrow(() -> new AssertionError("no node child process")).pid();
    }

    /** @return true when the process is still alive after waiting */
    private static boolean awaitGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(100);
            } else {
                return false;
            }
        }
        return true;
    }

    /** Child JVM for the orphan test: starts dynalite, prints its node pid, then waits to be killed. */
    public static final class DynaliteHolder {
        public static void main(String[] args) throws Exception {
            Dynalite.start();
            long pid = ProcessHandle.current().children().findFirst().orElseThrow().pid();
            System.out.println("node-pid=" + pid);
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
