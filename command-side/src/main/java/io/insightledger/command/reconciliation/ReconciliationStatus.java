package io.insightledger.command.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** A reconciliation as the admin API shows it: where it is, and what it found and did so far. */
@Schema(description = "A reconciliation of the topic with the event store: its progress, and its report")
record ReconciliationStatus(
        String id,
        @Schema(description = "REQUESTED through this API, or UNCLEAN_STOP: run at start-up because the command side "
                + "had not stopped cleanly")
        Trigger trigger,
        @Schema(description = "who asked for it; absent when it ran at start-up")
        String requestedBy,
        State state,
        @Schema(description = "the phase it is in, or was in when it ended")
        Phase phase,
        @Schema(description = "how far the phase is")
        PhaseProgress progress,
        Instant startedAt,
        Instant finishedAt,
        Report report,
        @Schema(description = "why it failed")
        String error) {

    public enum Trigger { REQUESTED, UNCLEAN_STOP }

    public enum State { RUNNING, DONE, FAILED }

    /** The phases, in order, and what each one counts. */
    public enum Phase {
        READING_TOPIC("reading the topic", "records"),
        READING_STORE("reading the event store", "events"),
        REPUBLISHING("republishing", "events");

        private final String doing;
        private final String units;

        Phase(String doing, String units) {
            this.doing = doing;
            this.units = units;
        }

        String doing() {
            return doing;
        }

        String units() {
            return units;
        }
    }

    /** @param done how many records (reading the topic) or events (the other phases) are done, of {@code total} */
    public record PhaseProgress(long done, long total, int percent) {
    }

    /**
     * What was found and done; each figure from the phase that counts it on, so a running reconciliation shows those
     * known so far.
     */
    public record Report(
            @Schema(description = "events in the event store, the source of truth")
            long eventsInStore,
            @Schema(description = "events on the topic, each counted once")
            long eventsOnTopic,
            @Schema(description = "envelopes on the topic of an event that is on it already (at-least-once delivery)")
            long duplicatesOnTopic,
            @Schema(description = "records on the topic that are not event envelopes")
            long unreadableRecords,
            @Schema(description = "events on the topic that the event store does not hold")
            long unknownToStore,
            @Schema(description = "stored events the publisher has not reached yet: left to it, not compared")
            long leftToPublisher,
            @Schema(description = "stored events the publisher had passed that the topic lacks")
            long missing,
            @Schema(description = "missing events sent again, each acknowledged by the broker")
            long republished,
            long durationMillis) {
    }
}
