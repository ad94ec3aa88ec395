package dev.autosync.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the load section sends the local system's log lines instead of the terminal: it keeps, per delivery
 * GUID, how many times the processor logged it processed ({@code "delivery processed"}, one line per
 * processing that completed), and counts the lines of failed and superseded attempts. The processor's own
 * account, beside the ledger's, of how often each delivery was processed.
 */
final class ProcessedLog extends OutputStream {

    private static final String PROCESSED = "\"message\":\"delivery processed\"";
    private static final Pattern DELIVERY = Pattern.compile("\"delivery\":\"([^\"]+)\"");
    private static final Pattern TROUBLE = Pattern.compile("\"message\":\"delivery (failed|superseded)");

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Map<String, Integer> processed = new HashMap<>();
    private long bytes;
    private int troubled;

    PrintStream stream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        bytes++;
        if (b == '\n') {
            read(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void read(String text) {
        if (text.contains(PROCESSED)) {
            Matcher delivery = DELIVERY.matcher(text);
            if (delivery.find()) {
                processed.merge(delivery.group(1), 1, Integer::sum);
            }
        } else if (TROUBLE.matcher(text).find()) {
            troubled++;
        }
    }

    /** Times each delivery was logged processed. */
    synchronized Map<String, Integer> processed() {
        return Map.copyOf(processed);
    }

    /** Lines of attempts that failed or were superseded by another attempt. */
    synchronized int troubled() {
        return troubled;
    }

    synchronized long bytes() {
        return bytes;
    }
}
