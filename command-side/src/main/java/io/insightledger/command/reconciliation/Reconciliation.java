package io.insightledger.command.reconciliation;

import io.insightledger.command.reconciliation.ReconciliationStatus.PhaseProgress;
import io.insightledger.command.reconciliation.ReconciliationStatus.Report;
import io.insightledger.command.reconciliation.ReconciliationStatus.State;
import io.insightledger.command.reconciliation.ReconciliationStatus.Trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One reconciliation: written by the thread that runs it, read by anyone asking how far it is. Its figures are set as
 * each phase finds them.
 */
final class Reconciliation {

    private final String id = UUID.randomUUID().toString();
    private final Trigger trigger;
    private final String requestedBy;
    private final Clock clock;
    private final Instant startedAt;
    private final CompletableFuture<ReconciliationStatus> finished = new CompletableFuture<>();
    private volatile Progress progress;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile long eventsInStore;
    private volatile long eventsOnTopic;
    private volatile long duplicatesOnTopic;
    private volatile long unreadableRecords;
    private volatile long unknownToStore;
    private volatile long leftToPublisher;
    private volatile long missing;
    private volatile long republished;

    Reconciliation(Trigger trigger, String requestedBy, Clock clock) {
        this.trigger = trigger;
        this.requestedBy = requestedBy;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    Progress enter(ReconciliationStatus.Phase phase, long total) {
        progress = new Progress(phase, total);
        return progress;
    }

    void topicRead(TopicInventory topic) {
        eventsOnTopic = topic.events();
        duplicatesOnTopic = topic.duplicates();
        unreadableRecords = topic.unreadable();
    }

    void storeCompared(long inStore, long unknown, long left, long lacking) {
        eventsInStore = inStore;
        unknownToStore = unknown;
        leftToPublisher = left;
        missing = lacking;
    }

    void republished(long more) {
        republished += more;
        progress.add(more);
    }

    void succeeded() {
        finish(null);
    }

    void failed(Throwable cause) {
        finish(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    private void finish(String failure) {
        error = failure;
        finishedAt = clock.instant();
        finished.complete(status());
    }

    boolean running() {
        return finishedAt == null;
    }

    /** Completes with the last status once it has ended, failed or not. */
    CompletableFuture<ReconciliationStatus> finished() {
        return finished;
    }

    Trigger trigger() {
        return trigger;
    }

    ReconciliationStatus status() {
        Instant end = finishedAt;
        Progress now = progress;
        State state = end == null ? State.RUNNING : error == null ? State.DONE : State.FAILED;
        PhaseProgress phaseProgress = now == null ? null : new PhaseProgress(now.done(), now.total(),
                now.total() == 0 ? 100 : (int) Math.min(100, now.done() * 100 / now.total()));
        Report report = new Report(eventsInStore, eventsOnTopic, duplicatesOnTopic, unreadableRecords, unknownToStore,
                leftToPublisher, missing, republished,
                Duration.between(startedAt, end == null ? clock.instant() : end).toMillis());
        return new ReconciliationStatus(id, trigger, requestedBy, state, now == null ? null : now.phase(),
                phaseProgress, startedAt, end, report, error);
    }
}
