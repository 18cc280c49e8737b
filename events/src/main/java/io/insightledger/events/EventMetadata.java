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

    /**
     * The workspace the event's aggregate belongs to, on every event: a consumer routes or filters by it without
     * reading payloads. Events written before workspaces existed lack it and read as {@link #DEFAULT_WORKSPACE}
     * (an upcaster adds it on reading; the stored event is never edited).
     */
    public static final String WORKSPACE = "workspace";
    /** The workspace of everything recorded before workspaces existed, and of requests that name none. */
    public static final String DEFAULT_WORKSPACE = "default";

    private EventMetadata() {
    }
}
