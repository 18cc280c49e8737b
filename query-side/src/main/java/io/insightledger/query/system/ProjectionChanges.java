package io.insightledger.query.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Announces each projected change to the clients of {@code GET /api/stream}, once the change is committed, so a
 * dashboard can refresh instead of polling.
 */
@Component
public class ProjectionChanges {

    private static final Logger log = LoggerFactory.getLogger(ProjectionChanges.class);
    private static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);

    /** What changed: the projection, the meeting or hypothesis, and its version after the change. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String projection, String aggregateId, Long version, String state) {
    }

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

    public SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(error -> emitters.remove(emitter));
        send(emitter, "hello", new Change("stream", null, null, "connected"));
        return emitter;
    }

    /** Sends after the surrounding transaction commits; nothing is announced for a rolled-back batch. */
    public void announce(String projection, String aggregateId, long version) {
        Change change = new Change(projection, aggregateId, version, null);
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
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    /** A projection's state changed (rebuilding, running). */
    public void announceState(String projection, String state) {
        broadcast("projection", new Change(projection, null, null, state));
    }

    private void broadcast(String name, Change change) {
        emitters.forEach(emitter -> send(emitter, name, change));
    }

    private void send(SseEmitter emitter, String name, Change change) {
        try {
            emitter.send(SseEmitter.event().name(name).data(change, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            log.debug("Dropping a stream client: {}", e.toString());
            emitters.remove(emitter);
        }
    }
}
