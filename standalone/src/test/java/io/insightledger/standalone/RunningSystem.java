package io.insightledger.standalone;

import io.insightledger.infrastructure.Infrastructure;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * A JUnit extension: real PostgreSQL and Kafka (containers where Docker answers, embedded otherwise) and both
 * applications on free ports. {@link #RunningSystem()} starts a system for one test class and closes it after that
 * class: for tests that take the system apart (kills, outages, restarts) or that count everything in it.
 * {@link #shared()} is one system for every class that asks for it, started by the first and closed when all tests of
 * the run are done: for tests that only add data under ids of their own, each start of a system costs seconds.
 */
final class RunningSystem implements BeforeAllCallback {

    static final String USER = "demo";
    static final String PASSWORD = "end-to-end password";
    /** The demo user's API token (ADMIN): what the tests call the APIs with unless they test roles. */
    static final String TOKEN = "il_end-to-end-token-of-the-demo-admin";

    private final boolean shared;
    private Started started;

    /** A system of this class's own. */
    RunningSystem() {
        this(false);
    }

    private RunningSystem(boolean shared) {
        this.shared = shared;
    }

    /** The one system of the run that classes share. */
    static RunningSystem shared() {
        return new RunningSystem(true);
    }

    /** Closed by JUnit with the store it is kept in: the class's, or for the shared one the whole run's. */
    private record Started(Infrastructure infrastructure, LedgerSystem system)
            implements ExtensionContext.Store.CloseableResource {

        static Started start() {
            Infrastructure infrastructure = Infrastructure.start(Infrastructure.Options.temporary());
            try {
                return new Started(infrastructure, LedgerSystem.start(infrastructure, settings()));
            } catch (RuntimeException e) {
                infrastructure.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                system.close();
            } finally {
                infrastructure.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext owner = shared ? context.getRoot() : context;
        // a class's store also answers with what the root's holds: under one key a class would get the shared system
        started = owner.getStore(ExtensionContext.Namespace.create(RunningSystem.class))
                .getOrComputeIfAbsent(shared ? "shared" : "own", key -> Started.start(), Started.class);
    }

    /** Free ports chosen up front, so each side can be told where the other one is. */
    static LedgerSystem.Settings settings() {
        return new LedgerSystem.Settings("127.0.0.1", freePort(), freePort(), freePort(), USER, PASSWORD, TOKEN);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Infrastructure infrastructure() {
        return started.infrastructure();
    }

    LedgerSystem system() {
        return started.system();
    }

    /** How many events the event store holds for an aggregate: what "nothing stored" is checked against. */
    long storedEvents(String aggregateId) {
        return storedMetadata(aggregateId).size();
    }

    /** The metadata (JSON) of each of an aggregate's stored events, in order. */
    List<String> storedMetadata(String aggregateId) {
        return eventStore().metadata(aggregateId);
    }

    EventStore eventStore() {
        return new EventStore(infrastructure().jdbcUrl(LedgerSystem.EVENT_STORE_DATABASE),
                infrastructure().username(), infrastructure().password());
    }

    Api commands() {
        return Api.as(system().commandUrl(), TOKEN);
    }

    Api queries() {
        return Api.as(system().queryUrl(), TOKEN);
    }
}
