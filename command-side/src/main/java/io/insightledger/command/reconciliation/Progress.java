package io.insightledger.command.reconciliation;

import io.insightledger.command.reconciliation.ReconciliationStatus.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How far one phase of a reconciliation is: so many of so many, logged each time another tenth is done. */
final class Progress {

    private static final Logger log = LoggerFactory.getLogger(Progress.class);

    private final Phase phase;
    private final long total;
    private volatile long done;
    private int tenthsLogged;

    Progress(Phase phase, long total) {
        this.phase = phase;
        this.total = total;
        log.info("Reconciliation: {} ({} {})", phase.doing(), total, phase.units());
    }

    /** Called by the reconciliation's one thread. */
    void add(long more) {
        done += more;
        int tenths = (int) (total == 0 ? 10 : Math.min(10, done * 10 / total));
        if (tenths > tenthsLogged) {
            tenthsLogged = tenths;
            log.info("Reconciliation: {}, {}% ({} of {} {})", phase.doing(), tenths * 10, done, total, phase.units());
        }
    }

    Phase phase() {
        return phase;
    }

    long done() {
        return done;
    }

    long total() {
        return total;
    }
}
