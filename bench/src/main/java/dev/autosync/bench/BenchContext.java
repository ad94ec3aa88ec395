package dev.autosync.bench;

import dev.autosync.common.aws.AwsClients;
import dev.autosync.common.aws.Provisioner;
import dev.autosync.common.aws.Resources;
import dev.autosync.standins.AwsBackend;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** What every section shares: the running stand-ins, clients for them, and where to print. */
public final class BenchContext implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AwsBackend backend;
    private final AwsClients clients;
    private final PrintStream out;
    private final Figures figures = new Figures();

    private BenchContext(AwsBackend backend, PrintStream out) {
        this.backend = backend;
        this.clients = AwsClients.local(backend.dynamoDbEndpoint(), backend.sqsEndpoint());
        this.out = out;
    }

    static BenchContext start(PrintStream out) {
        return new BenchContext(AwsBackend.startConfigured(), out);
    }

    public AwsBackend backend() {
        return backend;
    }

    public AwsClients clients() {
        return clients;
    }

    public PrintStream out() {
        return out;
    }

    /** Where sections record their figures for the report, beside what they print. */
    public Figures figures() {
        return figures;
    }

    /** A fresh table and queue set for one section. */
    public Resources provision() {
        try (var dynamoDb = clients.dynamoDb(); var sqs = clients.sqs()) {
            return new Provisioner(dynamoDb, sqs).provision("bench" + SEQUENCE.incrementAndGet() + "-");
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
