package io.insightledger.standalone;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.insightledger.events.Sealed;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.MeetingAttendeesReplacedEvent;
import io.insightledger.events.meeting.MeetingNotesRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationRevisedEvent;
import io.insightledger.infrastructure.Infrastructure;
import io.insightledger.platform.privacy.KeyStore;
import io.insightledger.platform.privacy.PersonalData;
import io.insightledger.platform.privacy.PrivacyProperties;
import io.insightledger.platform.upcasting.DefaultWorkspaceUpcaster;
import io.insightledger.platform.upcasting.EvidenceLinkedEventUpcaster;
import io.insightledger.platform.upcasting.PersonalDataUpcaster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.flywaydb.core.Flyway;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Seals the personal data of events written before it was sealed, in a copy of the event store (offline: nothing may
 * be connected to it). Each such event is read through the upcasters, as every reader reads it, and written again as
 * the sealed revision with the same values: attendees and named speakers become people with ids (as the meeting would
 * name them today: one per name and meeting), their names and roles sealed under their keys, the meeting's free text
 * under its key. Ids, sequence numbers, timestamps and metadata stay. The copy then takes the store's name, the old
 * store is kept under another, and the topic and the projections are emptied: the next start republishes every event
 * and rebuilds every view from them.
 */
final class HistorySealing {

    /** The event types that held personal data in clear before it was sealed. */
    private static final Set<String> PERSONAL = Set.of(MeetingRecordedEvent.class.getName(),
            MeetingAttendeesReplacedEvent.class.getName(), MeetingNotesRevisedEvent.class.getName(),
            ObservationCapturedEvent.class.getName(), ObservationRevisedEvent.class.getName());
    private static final String COPY = LedgerSystem.EVENT_STORE_DATABASE + "_sealing";
    private static final String PUBLISHER = "__axon-kafka-event-publishing-group";

    record Report(long events, long sealed, long people, String keptAs) {
    }

    /** Where a meeting belongs and when it took place: a person named in it counts as seen then. */
    private record Meeting(String workspace, Instant occurredAt) {
    }

    private final Infrastructure infrastructure;
    private final String masterKey;
    private final PrintWriter out;
    private final JacksonSerializer serializer;
    private final EventUpcasterChain upcasters = new EventUpcasterChain(new EvidenceLinkedEventUpcaster(),
            new DefaultWorkspaceUpcaster(), new PersonalDataUpcaster());
    private final Map<String, Meeting> meetings = new HashMap<>();

    HistorySealing(Infrastructure infrastructure, String masterKey, PrintWriter out) {
        this.infrastructure = infrastructure;
        this.masterKey = masterKey;
        this.out = out;
        // as the applications write events: ISO instants, no nulls
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.serializer = JacksonSerializer.builder().objectMapper(json).build();
    }

    Report run() {
        String store = infrastructure.jdbcUrl(LedgerSystem.EVENT_STORE_DATABASE);
        // a store of an older release gets this release's tables first (person_lookup among them)
        Flyway.configure().dataSource(store, infrastructure.username(), infrastructure.password())
                .locations("classpath:db/command-side").load().migrate();
        String copy;
        try (Connection admin = connect(infrastructure.jdbcUrl("postgres"));
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + COPY);
            sql.execute("CREATE DATABASE " + COPY + " TEMPLATE " + LedgerSystem.EVENT_STORE_DATABASE);
            copy = infrastructure.jdbcUrl(COPY);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not copy the event store (is the system still running?)", e);
        }
        Report sealed = sealIn(copy);
        String keptAs = LedgerSystem.EVENT_STORE_DATABASE + "_before_sealing_" + Instant.now().getEpochSecond();
        try (Connection admin = connect(infrastructure.jdbcUrl("postgres"));
             Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + LedgerSystem.EVENT_STORE_DATABASE + " RENAME TO " + keptAs);
            sql.execute("ALTER DATABASE " + COPY + " RENAME TO " + LedgerSystem.EVENT_STORE_DATABASE);
            // the views hold opened copies: they start over from the new topic
            sql.execute("DROP DATABASE IF EXISTS " + LedgerSystem.PROJECTION_DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not swap the sealed store in", e);
        }
        emptyTopic();
        return new Report(sealed.events(), sealed.sealed(), sealed.people(), keptAs);
    }

    private Report sealIn(String copy) {
        PrivacyProperties settings = new PrivacyProperties(masterKey, new PrivacyProperties.Database(
                infrastructure.jdbcUrl(LedgerSystem.KEYS_DATABASE), infrastructure.username(),
                infrastructure.password()), Duration.ofMinutes(1));
        try (KeyStore keys = KeyStore.open(settings, "seal-history");
             Connection store = connect(copy)) {
            PersonalData personal = PersonalData.of(keys);
            store.setAutoCommit(false);
            long events;
            long sealed = 0;
            try (Statement count = store.createStatement();
                 ResultSet total = count.executeQuery("SELECT count(*) FROM domainevententry")) {
                total.next();
                events = total.getLong(1);
            }
            try (PreparedStatement read = store.prepareStatement("""
                         SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                                payloadtype, payloadrevision, payload, metadata
                         FROM domainevententry WHERE payloadtype = ANY(?) ORDER BY globalindex""");
                 PreparedStatement write = store.prepareStatement(
                         "UPDATE domainevententry SET payload = ?, payloadrevision = ? WHERE globalindex = ?")) {
                read.setArray(1, store.createArrayOf("varchar", PERSONAL.toArray()));
                read.setFetchSize(500);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        Object event = upcast(rows);
                        Object resealed = reseal(event, personal, store);
                        if (resealed != event) {
                            SerializedObject<byte[]> written = serializer.serialize(resealed, byte[].class);
                            write.setBytes(1, written.getData());
                            write.setString(2, written.getType().getRevision());
                            write.setLong(3, rows.getLong("globalindex"));
                            write.addBatch();
                            if (++sealed % 500 == 0) {
                                write.executeBatch();
                                out.printf("  sealed %d events%n", sealed);
                                out.flush();
                            }
                        }
                    }
                }
                write.executeBatch();
            }
            try (Statement sql = store.createStatement()) {
                // snapshots and the publisher's position belong to the events as they were
                sql.execute("DELETE FROM snapshotevententry");
                sql.execute("DELETE FROM tokenentry WHERE processorname = '" + PUBLISHER + "'");
            }
            long people;
            try (Statement count = store.createStatement();
                 ResultSet total = count.executeQuery("SELECT count(*) FROM person_lookup")) {
                total.next();
                people = total.getLong(1);
            }
            store.commit();
            return new Report(events, sealed, people, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seal the copy of the event store", e);
        }
    }

    private Object upcast(ResultSet row) throws SQLException {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(row.getString("type"),
                row.getString("aggregateidentifier"), row.getLong("sequencenumber"),
                row.getString("eventidentifier"), row.getString("timestamp"), row.getString("payloadtype"),
                row.getString("payloadrevision"), row.getBytes("payload"), row.getBytes("metadata"));
        IntermediateEventRepresentation read = upcasters
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();
        return serializer.deserialize(read.getData());
    }

    /** The event with its values sealed; the same object if they are sealed already. */
    private Object reseal(Object event, PersonalData personal, Connection store) throws SQLException {
        if (event instanceof MeetingRecordedEvent e && inClear(e.notes(), e.attendees())) {
            meetings.put(e.meetingId(), new Meeting(e.workspaceId(), e.occurredAt()));
            try (PreparedStatement seen = store.prepareStatement(
                    "UPDATE meeting_lookup SET occurred_at = ? WHERE meeting_id = ?")) {
                seen.setTimestamp(1, Timestamp.from(e.occurredAt()));
                seen.setString(2, e.meetingId());
                seen.executeUpdate();
            }
            return new MeetingRecordedEvent(e.meetingId(), e.title(), e.occurredAt(), e.organization(), e.segment(),
                    e.channel(), people(e.meetingId(), e.attendees(), personal, store), text(e.meetingId(), e.notes(),
                    personal), e.tags(), e.workspaceId());
        }
        if (event instanceof MeetingAttendeesReplacedEvent e && inClear(null, e.attendees())) {
            return new MeetingAttendeesReplacedEvent(e.meetingId(), people(e.meetingId(), e.attendees(), personal,
                    store), e.reason());
        }
        if (event instanceof MeetingNotesRevisedEvent e && inClear(e.notes(), List.of())) {
            return new MeetingNotesRevisedEvent(e.meetingId(), text(e.meetingId(), e.notes(), personal), e.reason());
        }
        if (event instanceof ObservationRevisedEvent e && inClear(e.text(), List.of())) {
            return new ObservationRevisedEvent(e.meetingId(), e.observationId(), text(e.meetingId(), e.text(),
                    personal), e.reason());
        }
        if (event instanceof ObservationCapturedEvent e && inClear(e.text(), List.of())) {
            String speaker = e.speakerName() == null ? null : personal.personNamed(e.meetingId(),
                    e.speakerName().data());
            if (speaker != null) {
                seen(speaker, e.meetingId(), store);
            }
            return new ObservationCapturedEvent(e.meetingId(), e.observationId(), text(e.meetingId(), e.text(),
                    personal), e.kind(), speaker == null ? text(e.meetingId(), e.speakerRole(), personal)
                    : ofPerson(speaker, e.speakerRole(), personal), speaker, ofPerson(speaker, e.speakerName(),
                    personal), e.tags());
        }
        return event;
    }

    private static boolean inClear(Sealed text, List<Attendee> attendees) {
        return text != null && text.key() == null
                || attendees.stream().anyMatch(attendee -> attendee.name().key() == null);
    }

    private List<Attendee> people(String meetingId, List<Attendee> attendees, PersonalData personal,
                                  Connection store) throws SQLException {
        List<Attendee> sealed = new ArrayList<>();
        for (Attendee attendee : attendees) {
            String person = personal.personNamed(meetingId, attendee.name().data());
            seen(person, meetingId, store);
            sealed.add(new Attendee(person, ofPerson(person, attendee.name(), personal),
                    ofPerson(person, attendee.role(), personal), attendee.side()));
        }
        return sealed;
    }

    private void seen(String person, String meetingId, Connection store) throws SQLException {
        Meeting meeting = Objects.requireNonNull(meetings.get(meetingId), () -> "Meeting " + meetingId
                + " is named before it was recorded");
        try (PreparedStatement upsert = store.prepareStatement("""
                INSERT INTO person_lookup (person_id, workspace_id, last_seen_at) VALUES (?, ?, ?)
                ON CONFLICT (person_id) DO UPDATE
                    SET last_seen_at = GREATEST(person_lookup.last_seen_at, EXCLUDED.last_seen_at)""")) {
            upsert.setString(1, person);
            upsert.setString(2, meeting.workspace());
            upsert.setTimestamp(3, Timestamp.from(meeting.occurredAt()));
            upsert.executeUpdate();
        }
    }

    private static Sealed text(String meetingId, Sealed value, PersonalData personal) {
        return value == null ? null : personal.seal(PersonalData.meetingKey(meetingId), value.data());
    }

    private static Sealed ofPerson(String person, Sealed value, PersonalData personal) {
        return value == null ? null : personal.seal(PersonalData.personKey(person), value.data());
    }

    private void emptyTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
            if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(LedgerSystem.TOPIC)) {
                admin.deleteTopics(List.of(LedgerSystem.TOPIC)).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not empty the topic; delete " + LedgerSystem.TOPIC
                    + " by hand before the next start", e);
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, infrastructure.username(), infrastructure.password());
    }
}
