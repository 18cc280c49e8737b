package io.insightledger.command.person;

import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.person.PersonErasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps {@code person_lookup} in the event store's database, in the same transaction as each event (the
 * subscribing "command-lookups" group). A person counts as seen when a meeting naming them took place.
 */
@Component
@ProcessingGroup("command-lookups")
class JdbcPersonLookup implements PersonLookup {

    private final JdbcClient jdbc;

    JdbcPersonLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<KnownPerson> find(String personId) {
        return jdbc.sql("SELECT workspace_id, last_seen_at, erased_at FROM person_lookup WHERE person_id = ?")
                .param(personId)
                .query((rs, row) -> new KnownPerson(personId, rs.getString(1), rs.getTimestamp(2).toInstant(),
                        Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant).orElse(null)))
                .optional();
    }

    @Override
    public List<String> workspacesWithPeople() {
        return jdbc.sql("SELECT DISTINCT workspace_id FROM person_lookup ORDER BY 1").query(String.class).list();
    }

    @Override
    public List<String> notSeenSince(String workspaceId, Instant cutoff) {
        return jdbc.sql("""
                        SELECT person_id FROM person_lookup
                        WHERE workspace_id = ? AND last_seen_at < ? AND erased_at IS NULL ORDER BY person_id""")
                .params(workspaceId, Timestamp.from(cutoff))
                .query(String.class).list();
    }

    @EventHandler
    void on(MeetingRecordedEvent event) {
        seen(event.attendees().stream().map(Attendee::personId).toList(), event.workspaceId(), event.occurredAt());
    }

    @EventHandler
    void on(MeetingAttendeesReplacedEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        seenIn(event.meetingId(), event.attendees().stream().map(Attendee::personId).toList(), recordedAt);
    }

    @EventHandler
    void on(ObservationCapturedEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        seenIn(event.meetingId(), Collections.singletonList(event.speakerId()), recordedAt);
    }

    @EventHandler
    void on(PersonErasedEvent event, @org.axonframework.eventhandling.Timestamp Instant erasedAt) {
        jdbc.sql("UPDATE person_lookup SET erased_at = ? WHERE person_id = ?")
                .params(Timestamp.from(erasedAt), event.personId()).update();
    }

    /** Named in a correction of a meeting: seen when that meeting took place (when it was recorded, if unknown). */
    private void seenIn(String meetingId, List<String> personIds, Instant recordedAt) {
        jdbc.sql("SELECT occurred_at, workspace_id FROM meeting_lookup WHERE meeting_id = ?").param(meetingId)
                .query((rs, row) -> {
                    Instant occurredAt = Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)
                            .orElse(recordedAt);
                    seen(personIds, rs.getString(2), occurredAt);
                    return null;
                }).list();
    }

    private void seen(List<String> personIds, String workspaceId, Instant at) {
        personIds.stream().filter(Objects::nonNull).distinct().forEach(personId -> jdbc.sql("""
                        INSERT INTO person_lookup (person_id, workspace_id, last_seen_at) VALUES (?, ?, ?)
                        ON CONFLICT (person_id) DO UPDATE
                            SET last_seen_at = GREATEST(person_lookup.last_seen_at, EXCLUDED.last_seen_at)""")
                .params(personId, workspaceId, Timestamp.from(at)).update());
    }
}
