/**
 * The published event contract shared by both sides and by anyone reading the topic.
 * <p>
 * A record's package and simple name are its type on the wire (Axon's Jackson serializer writes the
 * class name): never move, rename or change the meaning of one. Evolve with a new {@code @Revision}
 * and an upcaster. Who did it, when and why (actor, timestamp, correlation id) travel in the event's
 * metadata, never in the payload.
 */
package io.insightledger.events;
