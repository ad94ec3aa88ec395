package dev.autosync.local;

/**
 * Something that feeds a function outside HTTP, as Lambda's event source mappings do in AWS (e.g. an
 * SQS poller for the processor, a timer for the scheduled sync). Started after the gateway, closed
 * before the stand-ins.
 */
public interface EventSource extends AutoCloseable {

    void start();

    @Override
    void close();
}
