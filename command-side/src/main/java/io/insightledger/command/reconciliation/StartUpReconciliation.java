package io.insightledger.command.reconciliation;

import io.insightledger.command.reconciliation.CommandSideRuns.UncleanRun;
import io.insightledger.command.reconciliation.ReconciliationStatus.State;
import io.insightledger.command.reconciliation.ReconciliationStatus.Trigger;
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.platform.kafka.EventTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Starts the publisher: at once after a clean stop (or on a first start); after an unclean one, only once a
 * reconciliation has republished what the topic lost. Records lost by the broker are then back on the topic before
 * any newer event of their aggregates, where consumers that skip what they have seen (the query side's cursor) still
 * apply them. Meanwhile commands are taken and stored; the reconciliation waits for Kafka if it is down. Should it
 * fail, the publisher starts anyway, and the next start tries again.
 */
@Component
class StartUpReconciliation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StartUpReconciliation.class);
    /** How long to wait for Kafka at start-up: as long as it takes. */
    private static final Duration KAFKA_WAIT = Duration.ofDays(365);

    private final CommandSideRuns runs;
    private final Reconciliations reconciliations;
    private final PublishingProcessor publishing;
    private final EventTopic topic;
    private boolean running;
    private Thread reconciling;

    StartUpReconciliation(CommandSideRuns runs, Reconciliations reconciliations, PublishingProcessor publishing,
                          EventTopic topic) {
        this.runs = runs;
        this.reconciliations = reconciliations;
        this.publishing = publishing;
        this.topic = topic;
    }

    @Override
    public synchronized void start() {
        running = true;
        List<UncleanRun> unclean = runs.begin();
        if (unclean.isEmpty()) {
            publishing.start();
            return;
        }
        log.warn("The command side did not stop cleanly (the run started at {}): the topic is reconciled with the "
                + "event store once Kafka answers, and events are published after that; commands are taken meanwhile",
                unclean.get(unclean.size() - 1).startedAt());
        reconciling = new Thread(() -> reconcileThenPublish(unclean), "reconciliation-at-start");
        reconciling.setDaemon(true);
        reconciling.start();
    }

    private void reconcileThenPublish(List<UncleanRun> unclean) {
        try {
            if (!topic.ensureExists(KAFKA_WAIT)) {
                return;
            }
            ReconciliationStatus outcome = reconcile().finished().get();
            if (outcome.state() == State.DONE) {
                runs.reconciled(unclean);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            log.error("The reconciliation after an unclean stop did not run; the next start tries again", e);
        } finally {
            startPublisher();
        }
    }

    /** An administrator may have started one first: it does the same. */
    private Reconciliation reconcile() {
        try {
            return reconciliations.start(Trigger.UNCLEAN_STOP, null);
        } catch (RuleViolationException running) {
            return reconciliations.last().orElseThrow();
        }
    }

    private synchronized void startPublisher() {
        if (running) {
            log.info("Publishing to the topic starts, after the reconciliation");
            publishing.start();
        }
    }

    /** Stops before Axon stops its processors (a higher phase), so the publisher is never started after them. */
    @Override
    public synchronized void stop() {
        running = false;
        if (reconciling != null) {
            reconciling.interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
