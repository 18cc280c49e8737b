package io.insightledger.command.reconciliation;

import io.insightledger.command.reconciliation.ReconciliationStatus.Trigger;
import io.insightledger.command.system.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs reconciliations in the background, one at a time, and remembers the last one. */
@Component
class Reconciliations implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);

    private final Reconciler reconciler;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "reconciliation");
        thread.setDaemon(true);
        return thread;
    });
    private Reconciliation last;

    Reconciliations(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /**
     * @param requestedBy who asked for it; {@code null} when it runs by itself
     * @throws RuleViolationException (409, {@code ReconciliationRunning}) while another one runs
     */
    synchronized Reconciliation start(Trigger trigger, String requestedBy) {
        if (last != null && last.running()) {
            ReconciliationStatus running = last.status();
            throw RuleViolationException.conflict("ReconciliationRunning", "A reconciliation is running ("
                    + running.phase() + ", " + (running.progress() == null ? 0 : running.progress().percent())
                    + "%); follow it with GET /api/admin/reconciliation");
        }
        Reconciliation run = new Reconciliation(trigger, requestedBy, clock);
        last = run;
        worker.execute(() -> run(run));
        return run;
    }

    /** The running reconciliation, or else the last one since the command side started. */
    synchronized Optional<Reconciliation> last() {
        return Optional.ofNullable(last);
    }

    private void run(Reconciliation run) {
        log.info("Reconciling the topic with the event store ({})", run.trigger() == Trigger.UNCLEAN_STOP
                ? "the command side had not stopped cleanly" : "requested by " + run.status().requestedBy());
        try {
            reconciler.reconcile(run);
            run.succeeded();
            ReconciliationStatus.Report report = run.status().report();
            log.info("Reconciliation done in {} ms: {} events in the store, {} on the topic ({} duplicates, {} records "
                            + "not envelopes, {} unknown to the store), {} left to the publisher, {} missing, "
                            + "{} republished", report.durationMillis(), report.eventsInStore(), report.eventsOnTopic(),
                    report.duplicatesOnTopic(), report.unreadableRecords(), report.unknownToStore(),
                    report.leftToPublisher(), report.missing(), report.republished());
        } catch (RuntimeException | Error e) {
            log.error("Reconciliation failed; running it again is safe", e);
            run.failed(e);
        }
    }

    /** A reconciliation cut short republished what it acknowledged: the next one sends the rest. */
    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
