package dev.autosync.standins;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scalikejdbc.ConnectionPool;

/**
 * ElasticMQ's SQS REST server, in this JVM, on a free loopback port: in memory, or ({@link #start(Path)})
 * with its queues and messages kept in an H2 database file, as ElasticMQ's server does with
 * {@code messages-storage} enabled.
 *
 * @see <a href="https://github.com/softwaremill/elasticmq#persisting-queues-configuration">ElasticMQ: persistence</a>
 */
public final class ElasticMq implements AutoCloseable {

    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(30);
    /** ElasticMQ's SQL store is one JDBC pool for the whole JVM (scalikejdbc's singleton): one stored server at a time. */
    private static final AtomicBoolean STORED_RUNNING = new AtomicBoolean();

    private final SQSRestServer server;
    private final URI endpoint;
    private final Optional<ActorSystem> storedSystem;

    private ElasticMq(SQSRestServer server, Optional<ActorSystem> storedSystem) {
        this.server = server;
        this.storedSystem = storedSystem;
        int port = server.waitUntilStarted().localAddress().getPort();
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** In memory: queues and messages are gone when it stops. */
    public static ElasticMq start() {
        return new ElasticMq(SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start(), Optional.empty());
    }

    /**
     * Queues and messages kept in {@code directory} (an H2 file): a message is stored before its send is
     * answered, so every accepted message is there after a restart, and the queues come back as they were.
     */
    public static ElasticMq start(Path directory) {
        if (!STORED_RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("an ElasticMQ with stored queues is already running in this JVM");
        }
        // WRITE_DELAY=0: a commit reaches the file at once, so even a killed JVM keeps what was accepted.
        // DB_CLOSE_ON_EXIT=FALSE: close() closes it, after the last delete; H2's own hook could run first.
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("queues") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        // No shutdown hook of Pekko's own: it would stop the queues while the owner's pollers still delete.
        ActorSystem system = ActorSystem.create("elasticmq", ConfigFactory.parseString(
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\npekko.jvm-shutdown-hooks = off")
                .withFallback(ConfigFactory.load()));
        try {
            // ElasticMQ sets this pool up only the first time in a JVM; set it each time, so a restart works too.
            var settings = ConnectionPool.singleton$default$4();
            ConnectionPool.singleton(url, "sa", "", settings, ConnectionPool.singleton$default$5(url, "sa", "", settings));
            var config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "", false);
            ActorRef store = system.actorOf(Props.create(SqlQueuePersistenceActor.class,
                    () -> new SqlQueuePersistenceActor(config, scala.collection.immutable.List$.MODULE$.empty())));
            ActorRef queues = system.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, scala.Option.apply(store))));
            Object restored = Patterns.ask(store, new QueueEvent.Restore(queues), RESTORE_TIMEOUT)
                    .toCompletableFuture().get(RESTORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (restored instanceof scala.util.Left<?, ?> errors) {
                throw new StandInException("ElasticMQ could not restore its queues from " + directory + ": " + errors.value());
            }
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(system).withQueueManagerActor(queues)
                    .withQueueEventListener(store).withInterface("127.0.0.1").withDynamicPort().start();
            return new ElasticMq(server, Optional.of(system));
        } catch (Exception e) {
            stop(system);
            throw e instanceof StandInException s ? s
                    : new StandInException("ElasticMQ could not open its queues in " + directory + ": " + e, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
        storedSystem.ifPresent(ElasticMq::stop);
    }

    /** Stops the actors (the last store writes finish first), then closes the database file. */
    private static void stop(ActorSystem system) {
        try {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway: the file is consistent after every commit
        } finally {
            ConnectionPool.closeAll();
            STORED_RUNNING.set(false);
        }
    }
}
