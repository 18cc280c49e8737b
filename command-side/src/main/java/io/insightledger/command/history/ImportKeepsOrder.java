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
import java.util.Optional;

/**
 * An aggregate's history stays in the order it happened: an imported command cannot add events that happened before
 * its aggregate's last event did. (Readers fold each aggregate's events in order and look back in time by when they
 * happened, so the two orders must agree.) A repeated command that adds nothing, such as a create sent again, is not
 * refused: importing the same history twice changes nothing.
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
        if (happenedAt == null) {
            return chain.proceed();
        }
        String aggregateId = targets.resolveTarget(unitOfWork.getMessage()).getIdentifier();
        Optional<Long> lastSequence = eventStore.lastSequenceNumberFor(aggregateId);
        Optional<Instant> lastHappened = lastSequence.flatMap(last -> happenedAt(aggregateId, last));
        Object result = chain.proceed();
        // the command handlers answer the aggregate's version: higher than before means events were added
        boolean added = !(result instanceof Long version) || lastSequence.map(last -> version > last).orElse(true);
        Instant happened = Instant.parse(happenedAt.toString());
        if (added && lastHappened.isPresent() && happened.isBefore(lastHappened.get())) {
            throw RuleViolationException.conflict("ImportKeepsOrder", aggregateId + "'s last event happened at "
                    + lastHappened.get() + "; an imported command cannot have happened before it")
                    .concerning(ImportedHistory.HEADER);
        }
        return result;
    }

    private Optional<Instant> happenedAt(String aggregateId, long sequence) {
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregateId, sequence).asStream().iterator();
        if (!events.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> event = events.next();
        Object happenedAt = event.getMetaData().get(EventMetadata.HAPPENED_AT);
        return Optional.of(happenedAt != null ? Instant.parse(happenedAt.toString()) : event.getTimestamp());
    }
}
