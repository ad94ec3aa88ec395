package dev.autosync.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a section sends the functions' log lines (JSON lines and EMF metric lines, as Lambda would ingest them)
 * instead of the benchmark's output: it counts their bytes, for the README's CloudWatch Logs cost notes.
 */
final class LogBytes extends OutputStream {

    private final AtomicLong bytes = new AtomicLong();

    /** A print stream for {@code Log.redirect} that counts into this. */
    PrintStream stream() {
        return new PrintStream(this, true);
    }

    @Override
    public void write(int b) {
        bytes.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes.addAndGet(len);
    }

    long bytes() {
        return bytes.get();
    }

    void reset() {
        bytes.set(0);
    }
}
