package io.insightledger.command.person;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase a person: delete their key, so that their name and role can never be read again. */
public record ErasePersonCommand(@TargetAggregateIdentifier String personId, String reason) {
}
