package io.insightledger.command.history;

import io.insightledger.command.system.RuleViolationException;
import io.insightledger.events.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

import java.time.Instant;
import java.util.Iterator;

/**
 * An aggregate's history stays in the order it happened: an imported command cannot have happened before its
 * aggregate's last event did. (Readers fold each aggregate's events in order and look back in time by when they
 * happened, so the two orders must agree.)
 */
class ImportKeepsOrder implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final EventStore eventStore;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    ImportKeepsOrder(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object happenedAt = unitOfWork.getMessage().getMetaData().get(EventMetadata.HAPPENED_AT);
        if (happenedAt != null) {
            requireInOrder(targets.resolveTarget(unitOfWork.getMessage()).getIdentifier(),
                    Instant.parse(happenedAt.toString()));
        }
        return chain.proceed();
    }

    private void requireInOrder(String aggregateId, Instant happened) {
        eventStore.lastSequenceNumberFor(aggregateId).ifPresent(last -> {
            Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregateId, last).asStream().iterator();
            if (!events.hasNext()) {
                return;
            }
            DomainEventMessage<?> lastEvent = events.next();
            Object lastHappenedAt = lastEvent.getMetaData().get(EventMetadata.HAPPENED_AT);
            Instant lastHappened = lastHappenedAt != null ? Instant.parse(lastHappenedAt.toString()) : lastEvent.getTimestamp();
            if (happened.isBefore(lastHappened)) {
                throw RuleViolationException.conflict("ImportKeepsOrder", aggregateId + "'s last event happened at "
                        + lastHappened + "; an imported command cannot have happened before it")
                        .concerning(ImportedHistory.HEADER);
            }
        });
    }
}
