package io.insightledger.events;

/** The metadata keys every event carries. */
public final class EventMetadata {

    /** The authenticated principal whose request caused the event. */
    public static final String ACTOR = "actor";
    /** The id that ties the event to the request (and log lines) that caused it. */
    public static final String CORRELATION_ID = "correlationId";
    /**
     * Only on imported history (a team's older notes, the demo data): when the recorded thing happened, as the importer
     * said. The event's own timestamp stays the time it was recorded; readers take this one as the time it happened.
     */
    public static final String HAPPENED_AT = "happenedAt";

    private EventMetadata() {
    }
}
