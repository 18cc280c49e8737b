package io.insightledger.command.person;

import io.insightledger.command.system.RuleViolationException;
import io.insightledger.command.system.WorkspaceAccess;
import io.insightledger.events.person.PersonErasedEvent;
import io.insightledger.platform.privacy.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person meetings named, as far as the ledger decides anything about them: their erasure. Who they are lives sealed
 * in the meetings' events; this aggregate exists from the erasure on, so that it is recorded once.
 */
@Aggregate
public class Person {

    @AggregateIdentifier
    private String personId;
    private boolean erased;

    protected Person() {
        // for Axon: rebuilt from its events
    }

    /**
     * Deletes the person's key, then records the erasure, which holds no personal data. The key goes first: should the
     * event then fail to be stored, a retry records it, and the person is erased either way. Erasing them again
     * changes nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(ErasePersonCommand command, PersonalData personal, PersonLookup people) {
        if (!erased) {
            PersonLookup.KnownPerson person = people.find(command.personId())
                    .orElseThrow(() -> RuleViolationException.nothingRecordedUnder(command.personId()));
            personal.erase(PersonalData.personKey(person.personId()));
            apply(new PersonErasedEvent(person.personId(), command.reason()),
                    WorkspaceAccess.eventMetaData(person.workspaceId()));
        }
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(PersonErasedEvent event) {
        personId = event.personId();
        erased = true;
    }
}
