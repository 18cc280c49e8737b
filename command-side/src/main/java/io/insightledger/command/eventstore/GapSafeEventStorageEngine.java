package io.insightledger.command.eventstore;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's JDBC storage engine, except that a gap in the global index is given up only when PostgreSQL shows that no
 * transaction that could still fill it is open.
 *
 * <p>A gap is a {@code globalIndex} that a transaction took (nextval) and has not committed yet, or never will (it
 * rolled back). Axon gives gaps up by time and by distance: reading an event whose timestamp is older than its
 * {@code gapTimeout} drops every gap below that event, and a gap more than {@code maxGapOffset} behind the token
 * goes too. A timestamp is taken when the event is created, before its transaction commits; so when one slow
 * transaction's event was finally read, the gaps of other transactions still open were dropped, and their events never
 * reached the topic. Both rules are off ({@link EventStoreConfiguration}). Instead, at most once a second, before
 * reading on, this engine:
 * <ol>
 *   <li>notes, by the database's clock, when it first saw each gap of the token;</li>
 *   <li>takes as given up the gaps first seen before every open transaction of this database that could write began
 *       (other client backends that have an xid, or are running a statement);</li>
 *   <li>keeps among those any that is filled after all, by a read made after that check: a transaction that
 *       committed just before the check filled its gap, and the read that follows picks the event up.</li>
 * </ol>
 *
 * <p>Why no event can be lost that way (the races):
 * <ul>
 *   <li>The transaction T that took gap g began before g was first seen. g is a gap because an event with a higher
 *       index was read, and that event took its index after T took g (the sequence hands values out in call order,
 *       which holds for its CACHE 1, the default V1 keeps); g was first seen after that read.</li>
 *   <li>nextval runs inside T's INSERT, before T has an xid: T is then running a statement, so it counts. An idle
 *       transaction without an xid has written nothing and holds no index, since the index comes from the column's
 *       default inside the INSERT; so long reads (a reconciliation, a report) do not hold gaps back.</li>
 *   <li>The publisher's own transaction: the check runs on the reading connection, which is left out as ours; a
 *       publisher transaction on another connection only postpones the decision until it ends.</li>
 *   <li>The check and the read that confirms a gap is still empty are two statements of a READ COMMITTED
 *       transaction, so the read sees every commit made before the check. Under another isolation level, or when
 *       PostgreSQL hides other sessions' details (a role without pg_read_all_stats) or does not track them
 *       (track_activities off), nothing is given up and a warning says why.</li>
 *   <li>A restart forgets when gaps were first seen: each then counts as first seen at the first check, later than it
 *       really was, which only keeps it longer. Forgetting a gap another reader still has does the same.</li>
 *   <li>pg_stat_activity is read afresh (pg_stat_clear_snapshot), not from an earlier read in the same transaction.
 *       Two-phase commit is not used (max_prepared_transactions is 0 by default): a prepared transaction would not
 *       show there. The database server's clock must not step backwards, since a sighting is compared with
 *       {@code xact_start}.</li>
 * </ul>
 * Until a gap is given up, the token keeps it and each read asks for it again: a rolled-back command costs a
 * little on every read for at most as long as the longest transaction open when it was seen.
 */
class GapSafeEventStorageEngine extends JdbcEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(GapSafeEventStorageEngine.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final String OPEN_WRITERS = """
            SELECT clock_timestamp(),
                   min(xact_start) FILTER (WHERE backend_xid IS NOT NULL OR state NOT LIKE 'idle%'),
                   count(*) FILTER (WHERE state IS NULL OR state = 'disabled'),
                   current_setting('transaction_isolation')
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND coalesce(backend_type, 'client backend') = 'client backend'""";
    private static final String FILLED = "SELECT globalIndex FROM DomainEventEntry WHERE globalIndex = ANY(?)";

    private final TransactionManager transactions;
    private final GapWatch watch = new GapWatch();
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());
    private final AtomicBoolean warned = new AtomicBoolean();

    GapSafeEventStorageEngine(Builder builder, TransactionManager transactions) {
        super(builder);
        this.transactions = transactions;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return super.fetchTrackedEvents(withoutAbandonedGaps(lastToken), batchSize);
    }

    private TrackingToken withoutAbandonedGaps(TrackingToken token) {
        if (!(token instanceof GapAwareTrackingToken gapAware) || gapAware.getGaps().isEmpty() || !checkDue()) {
            return token;
        }
        SortedSet<Long> abandoned = transactions.fetchInTransaction(() -> abandoned(gapAware));
        if (abandoned.isEmpty()) {
            return token;
        }
        log.debug("Gave up gaps {} of the global index: no transaction that could fill them is open", abandoned);
        SortedSet<Long> kept = new TreeSet<>(gapAware.getGaps());
        kept.removeAll(abandoned);
        return GapAwareTrackingToken.newInstance(gapAware.getIndex(), kept);
    }

    private boolean checkDue() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        return now - due >= 0 && nextCheck.compareAndSet(due, now + CHECK_INTERVAL.toNanos());
    }

    private SortedSet<Long> abandoned(GapAwareTrackingToken token) {
        try (Connection connection = getConnection()) {
            try (Statement clear = connection.createStatement()) {
                clear.execute("SELECT pg_stat_clear_snapshot()");
            }
            SortedSet<Long> outlived;
            try (Statement statement = connection.createStatement();
                 ResultSet writers = statement.executeQuery(OPEN_WRITERS)) {
                writers.next();
                if (!canSeeEveryWriter(writers.getLong(3), writers.getString(4))) {
                    return Collections.emptySortedSet();
                }
                Timestamp oldest = writers.getTimestamp(2);
                outlived = watch.outlivedWriters(token.getGaps(), token.getIndex(), writers.getTimestamp(1).toInstant(),
                        oldest == null ? null : oldest.toInstant());
            }
            if (!outlived.isEmpty()) {
                outlived.removeAll(filled(connection, outlived));
                watch.forget(outlived);
            }
            return outlived;
        } catch (SQLException e) {
            throw new EventStoreException("Could not tell which gaps of the global index are abandoned", e);
        }
    }

    private boolean canSeeEveryWriter(long hiddenSessions, String isolation) {
        if (hiddenSessions == 0 && "read committed".equals(isolation)) {
            return true;
        }
        if (warned.compareAndSet(false, true)) {
            log.warn("Gaps in the event store's global index are kept until this is solved: {}", hiddenSessions > 0
                    ? hiddenSessions + " sessions of this database are hidden from its user in pg_stat_activity (grant "
                    + "it pg_read_all_stats) or not tracked there (keep track_activities on)"
                    : "the storage engine reads under isolation " + isolation + ", not read committed");
        }
        return false;
    }

    private static SortedSet<Long> filled(Connection connection, SortedSet<Long> gaps) throws SQLException {
        SortedSet<Long> filled = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement(FILLED)) {
            Array indexes = connection.createArrayOf("bigint", gaps.toArray());
            select.setArray(1, indexes);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    filled.add(rows.getLong(1));
                }
            }
        }
        return filled;
    }
}
