package io.insightledger.query.system;

import io.insightledger.platform.kafka.UnreadableRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Stands between a projection's processor and its handlers, in the processor's transaction, so that an event is
 * applied once, or parked, and never skipped:
 * <ul>
 *   <li>an event at or below its aggregate's cursor was applied before (Kafka delivers at least once): ignored;</li>
 *   <li>an event further ahead than the next one waits for those before it: it is parked, and applied once they
 *       arrive (republished by a reconciliation, say);</li>
 *   <li>an event of an aggregate with dead letters waits behind them, so the aggregate's order holds;</li>
 *   <li>a record that could not be read is parked at once;</li>
 *   <li>otherwise the batch is applied whole, which is fast. If anything fails, the batch rolls back (token, cursors
 *       and rows together) and the processor hands it out again; this time every event is applied alone, in a
 *       savepoint, and the one that fails is parked while the others are applied. The batch after a careful one that
 *       committed is whole again.</li>
 * </ul>
 * The token moves past an event only in a transaction that applied it or parked it.
 */
class ProjectionGuard implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGuard.class);
    private static final String PARKED = ProjectionGuard.class.getName() + ".parked";

    private final String projection;
    private final ProjectionCursor cursor;
    private final DeadLetterQueue queue;
    private final DeadLettering deadLettering;
    private volatile boolean eventByEvent;

    ProjectionGuard(String projection, ProjectionCursor cursor, DeadLetterQueue queue, DeadLettering deadLettering) {
        this.projection = projection;
        this.cursor = cursor;
        this.queue = queue;
        this.deadLettering = deadLettering;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        String aggregate = DeadLettering.aggregateOf(event);
        Set<String> parked = parkedInThisBatch(unitOfWork.root());
        if (parked.contains(aggregate)) {
            deadLettering.parkBehind(projection, event);
            return null;
        }
        if (event.getPayload() instanceof UnreadableRecord unreadable) {
            deadLettering.park(projection, event, unreadable.reason());
            parked.add(aggregate);
            return null;
        }
        if (!eventByEvent) {
            if (event instanceof DomainEventMessage<?> domain) {
                ProjectionCursor.Step step = cursor.advance(projection, domain);
                if (step.place() == ProjectionCursor.Place.SEEN) {
                    return null;
                }
                if (step.place() == ProjectionCursor.Place.AHEAD) {
                    deadLettering.park(projection, event, step.whyWaiting(domain.getSequenceNumber()));
                    parked.add(aggregate);
                    return null;
                }
            }
            return HandlerError.asException(chain::proceed);
        }
        try {
            return HandlerError.asException(() -> deadLettering.applyAlone(projection, event, chain::proceed));
        } catch (Exception e) {
            if (DeadLettering.isTransient(e)) {
                throw e;
            }
            deadLettering.park(projection, event, DeadLettering.describe(e));
            parked.add(aggregate);
            return null;
        }
    }

    /**
     * The aggregates of this batch with dead letters, read once per batch; it also switches to one event at a time
     * after a batch that rolled back, and back once such a batch has committed.
     */
    private Set<String> parkedInThisBatch(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(PARKED, key -> {
            if (eventByEvent) {
                batch.afterCommit(unitOfWork -> eventByEvent = false);
            } else {
                batch.onRollback(unitOfWork -> {
                    log.warn("A batch of projection {} failed: trying it again one event at a time", projection);
                    eventByEvent = true;
                });
            }
            return queue.parkedAmong(projection,
                    BatchWork.eventsOf(batch).stream().map(DeadLettering::aggregateOf).toList());
        });
    }
}
