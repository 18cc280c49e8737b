package io.insightledger.events.person;

import org.axonframework.serialization.Revision;

/**
 * A person was erased: their key was deleted, so their name and role can never be read again, from any copy of any
 * event. Holds no personal data; the meetings they attended, and everything learned there, stay.
 *
 * @param reason why (a data subject's request, retention), without naming them
 */
@Revision("1")
public record PersonErasedEvent(String personId, String reason) {
}
