package io.insightledger.events;

/** The metadata keys every event carries. */
public final class EventMetadata {

    /** The authenticated principal whose request caused the event. */
    public static final String ACTOR = "actor";
    /** The id that ties the event to the request (and log lines) that caused it. */
    public static final String CORRELATION_ID = "correlationId";

    private EventMetadata() {
    }
}
