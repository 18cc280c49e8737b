package io.insightledger.query.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Announces each projected change to the clients of {@code GET /api/stream}, once the change is committed, so a
 * dashboard can refresh instead of polling. Announcing only queues the change for each client; the clients are written
 * to on threads of their own, so a client that stops reading never holds up a projection. A client hears only of
 * changes in the workspaces it can read (a meeting's also where it is shared): a change of another
 * workspace is not even a hint that something happened there. Its workspaces are asked again for each change, so that
 * a membership given or taken away while it listens counts.
 */
@Component
public class ProjectionChanges {

    private static final String RULE = "StreamConnectionsWithinLimit";
    /** How far a client may fall behind: a rebuild announces a few thousand changes a second. */
    private static final int BACKLOG = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ProjectionChanges.class);
    private static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);

    /**
     * What changed: the projection, the meeting or hypothesis, and its version after the change.
     *
     * @param workspace  where the meeting or hypothesis belongs; null for news of a projection as a whole
     * @param sharedWith the workspaces a meeting is shared with at the time, those of the client only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String projection, String aggregateId, Long version, String state, String workspace,
                         List<String> sharedWith) {

        static Change of(String projection, String state) {
            return new Change(projection, null, null, state, null, null);
        }

        /** Whether a client of these workspaces may hear of it, and what it hears: nothing of others' shares. */
        Optional<Change> as(Set<String> readable) {
            if (workspace == null) {
                return Optional.of(this);
            }
            List<String> shares = sharedWith == null ? null : sharedWith.stream().filter(readable::contains).toList();
            if (!readable.contains(workspace) && (shares == null || shares.isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(readable.contains(workspace) ? this
                    : new Change(projection, aggregateId, version, state, workspace, shares));
        }
    }

    /** More clients than {@code insight.stream.max-connections}: 503, come back later. */
    static class TooManyStreams extends ErrorResponseException {
        TooManyStreams(int maxConnections) {
            super(HttpStatus.SERVICE_UNAVAILABLE, problem(maxConnections), null);
            getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        }

        private static ProblemDetail problem(int maxConnections) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The change stream serves " + maxConnections + " clients already; connect again in a moment");
            problem.setType(URI.create("https://insight-ledger.io/problems/" + RULE));
            problem.setTitle(RULE);
            problem.setProperty("rule", RULE);
            problem.setProperty("limit", maxConnections);
            return problem;
        }
    }

    private final int maxConnections;
    private final Semaphore connections;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Counter dropped;
    // a thread for each client while it has changes to send (or is stuck sending them), none while it is idle
    private final ExecutorService senders = Executors.newCachedThreadPool(streamThreads());

    ProjectionChanges(@Value("${insight.stream.max-connections}") int maxConnections, MeterRegistry meters) {
        this.maxConnections = maxConnections;
        this.connections = new Semaphore(maxConnections);
        this.dropped = Counter.builder("insight.stream.clients.dropped")
                .description("Stream clients dropped because they fell " + BACKLOG + " changes behind")
                .register(meters);
        Gauge.builder("insight.stream.clients", clients, Set::size)
                .description("Clients connected to the change stream")
                .register(meters);
    }

    private static CustomizableThreadFactory streamThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("change-stream-");
        threads.setDaemon(true);
        return threads;
    }

    /** @param workspaces those whose changes the client hears of, asked again for each change */
    public SseEmitter subscribe(Supplier<Set<String>> workspaces) {
        if (!connections.tryAcquire()) {
            throw new TooManyStreams(maxConnections);
        }
        Client client = new Client(new SseEmitter(EMITTER_TIMEOUT.toMillis()), workspaces);
        client.emitter.onCompletion(client::leave);
        client.emitter.onTimeout(client::leave);
        client.emitter.onError(error -> client.leave());
        // hello first: changes reach only clients in the set
        client.offer(new Announcement("hello", Change.of("stream", "connected")));
        clients.add(client);
        if (client.left.get()) {
            clients.remove(client); // it ended before it was added, so leaving could not remove it
        }
        return client.emitter;
    }

    /** A hypothesis changed: see {@link #announce(String, String, long, String, List)}. */
    public void announce(String projection, String aggregateId, long version, String workspace) {
        announce(projection, aggregateId, version, workspace, null);
    }

    /**
     * Sends after the surrounding transaction commits; nothing is announced for a rolled-back batch.
     *
     * @param sharedWith the other workspaces whose members may read it, or null
     */
    public void announce(String projection, String aggregateId, long version, String workspace,
                         List<String> sharedWith) {
        Change change = new Change(projection, aggregateId, version, null, workspace, sharedWith);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    broadcast("change", change);
                }
            });
        } else {
            broadcast("change", change);
        }
    }

    /** Ends every stream before the web server's graceful shutdown, which would otherwise wait for them. */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        clients.forEach(Client::end);
    }

    @PreDestroy
    void stopSenders() {
        senders.shutdownNow();
    }

    /** A projection's state changed (rebuilding, running). */
    public void announceState(String projection, String state) {
        broadcast("projection", Change.of(projection, state));
    }

    private void broadcast(String name, Change change) {
        clients.forEach(client -> change.as(client.workspaces.get())
                .ifPresent(heard -> client.offer(new Announcement(name, heard))));
    }

    private record Announcement(String name, Change change) {
    }

    /** One connected client: the changes it has not been sent yet, sent in order by at most one thread at a time. */
    private final class Client {

        final SseEmitter emitter;
        final Supplier<Set<String>> workspaces;
        private final BlockingQueue<Announcement> backlog = new ArrayBlockingQueue<>(BACKLOG);
        private final AtomicBoolean sending = new AtomicBoolean();
        private final AtomicBoolean left = new AtomicBoolean();
        private volatile boolean ending;

        Client(SseEmitter emitter, Supplier<Set<String>> workspaces) {
            this.emitter = emitter;
            this.workspaces = workspaces;
        }

        /** Never waits: a client too far behind is dropped instead, and its browser reconnects by itself. */
        void offer(Announcement announcement) {
            if (left.get()) {
                return;
            }
            if (backlog.offer(announcement)) {
                send();
            } else {
                if (leave()) {
                    dropped.increment();
                    log.info("Dropped a stream client {} changes behind; it reconnects and reads the views afresh",
                            BACKLOG);
                }
                end();
            }
        }

        /** Completes the stream once the change being sent, if any, is out; what is still queued is not sent. */
        void end() {
            leave();
            ending = true;
            send();
        }

        /** Frees its place; true the first time only. */
        boolean leave() {
            if (!left.compareAndSet(false, true)) {
                return false;
            }
            clients.remove(this);
            connections.release();
            return true;
        }

        private void send() {
            if (sending.compareAndSet(false, true)) {
                try {
                    senders.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    leave(); // shutting down: nothing is sent any more
                }
            }
        }

        private void drain() {
            try {
                Announcement next;
                while (!ending && (next = backlog.poll()) != null) {
                    emitter.send(SseEmitter.event().name(next.name()).data(next.change(), MediaType.APPLICATION_JSON));
                }
                if (ending) {
                    backlog.clear();
                    emitter.complete();
                    return; // and nothing is ever sent to it again
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("Dropping a stream client: {}", e.toString());
                leave();
                backlog.clear();
                return;
            }
            sending.set(false);
            // offered or ended after the last poll, when this thread still counted as sending
            if (ending || !backlog.isEmpty()) {
                send();
            }
        }
    }
}
