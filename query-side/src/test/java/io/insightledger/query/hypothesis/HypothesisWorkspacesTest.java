package io.insightledger.query.hypothesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.insightledger.events.Sealed;
import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceStrength;
import io.insightledger.events.hypothesis.HypothesisCategory;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.meeting.Channel;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationKind;
import io.insightledger.platform.privacy.KeysInMemory;
import io.insightledger.platform.privacy.PersonalData;
import io.insightledger.query.system.EventContext;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ProjectionDatabase;
import io.insightledger.query.system.ReadScope;
import org.mockito.Mockito;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.insightledger.query.system.ProjectionDatabase.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A hypothesis, its journal, board row and decisions belong to its workspace; the meetings it cites keep theirs, and
 * stay quoted in its history even when another workspace owns them and no longer shares them.
 */
class HypothesisWorkspacesTest {

    private static final PersonalData PERSONAL = KeysInMemory.personalData();

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String[] PAYMENTS = {"payments"};

    @RegisterExtension
    static final ProjectionDatabase database = new ProjectionDatabase();
    private static HypothesisJournal reads;
    private static StoredBoard board;

    @BeforeAll
    static void project() {
        ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
        HypothesisProjection projection = new HypothesisProjection(database.owner(),
                new JdbcTemplate(database.ownerPool()), database.writes(),
                new HypothesisJournal(database.ownerPool(), database.writes(), json), json, database.changes(),
                Duration.ofDays(30), PERSONAL);
        reads = new HypothesisJournal(database.reads(), database.writes(), json);
        board = new StoredBoard(JdbcClient.create(database.reads()), new StoredStates(json),
                Mockito.mock(ProjectionAdmin.class), Duration.ofDays(30));

        projection.on(new MeetingRecordedEvent("m-risk", "Call with Acme", T0, "Acme", "bank", Channel.VIDEO,
                List.of(), Sealed.inClear(""), List.of(), "risk"));
        projection.on(new ObservationCapturedEvent("m-risk", "o1",
                PERSONAL.seal(PersonalData.meetingKey("m-risk"), "Rotation hurts"), ObservationKind.PAIN_POINT,
                PERSONAL.seal(PersonalData.meetingKey("m-risk"), "CTO"), null, null, List.of()), at(1, "risk"));
        projection.on(new HypothesisProposedEvent("h-pay", "Keys rotate themselves", "We believe",
                HypothesisCategory.DESIRABILITY, "criteria", "sam", List.of(), List.of(), null, "payments"),
                at(0, "payments"));
        projection.on(new EvidenceLinkedEvent("h-pay", "e1", "m-risk", "o1", EvidenceDirection.SUPPORTS,
                EvidenceStrength.STRONG, "", false), at(1, "payments"));
        projection.on(new HypothesisDecidedEvent("h-pay", "d1", DecisionOutcome.VALIDATED, "Banks asked",
                List.of("e1")), at(2, "payments"));
    }

    @Test
    void everyViewOfTheHypothesisIsInItsWorkspaceAndTheCitedMeetingInItsOwn() {
        JdbcClient owner = database.owner();
        assertThat(owner.sql("SELECT DISTINCT workspace_id FROM hypothesis_journal").query(String.class).list())
                .containsExactly("payments");
        assertThat(owner.sql("SELECT workspace_id FROM hypothesis_board").query(String.class).single())
                .isEqualTo("payments");
        assertThat(owner.sql("SELECT workspace_id FROM decision_log").query(String.class).single())
                .isEqualTo("payments");
        assertThat(owner.sql("SELECT workspace_id FROM hypothesis_meeting").query(String.class).single())
                .isEqualTo("risk");
        assertThat(owner.sql("SELECT workspace_id FROM hypothesis_observation").query(String.class).single())
                .isEqualTo("risk");
        assertThat(owner.sql("SELECT state::jsonb ->> 'workspace' FROM hypothesis_board").query(String.class)
                .single()).isEqualTo("payments");
    }

    @Test
    void evidenceFromAnotherWorkspacesMeetingKeepsItsTitleOrganisationAndQuote() {
        signIn("payments");

        Optional<HypothesisState> state = reads.inOneSnapshot(() -> {
            Map<String, MeetingFact> meetings = reads.meetingsCitedBy("h-pay");
            try (Stream<JournalEntry> entries = reads.entries("h-pay", null, PAYMENTS)) {
                return HypothesisFold.asOf(entries, meetings, Duration.ofDays(30), Instant.now());
            }
        });

        HypothesisState.Evidence evidence = state.orElseThrow().evidence().get(0);
        assertThat(state.get().workspace()).isEqualTo("payments");
        assertThat(evidence.meetingTitle()).isEqualTo("Call with Acme");
        assertThat(evidence.organization()).isEqualTo("Acme");
        assertThat(evidence.observationText()).isEqualTo("Rotation hurts");
    }

    @Test
    void aHypothesisOfAnotherWorkspaceHasNoHistoryEvenForAQueryThatForgetsToAsk() {
        signIn("risk");

        assertThat(reads.length("h-pay", new String[]{"risk"})).isZero();
        // the second wall: asked for the wrong workspace, PostgreSQL still shows nothing
        assertThat(reads.length("h-pay", PAYMENTS)).isZero();
        assertThat(reads.allUpTo(Instant.now(), PAYMENTS)).isEmpty();
    }

    @Test
    void aMemberReadsTheHistoryAsOfAnyInstant() {
        signIn("payments");

        assertThat(reads.length("h-pay", PAYMENTS)).isEqualTo(3);
        assertThat(reads.allUpTo(T0.plusSeconds(1), PAYMENTS).get("h-pay")).hasSize(2);
    }

    @Test
    void theBoardShowsEachMemberTheirWorkspacesHypothesesOnly() {
        BoardQuery all = new BoardQuery(null, null, null, null, null, null, null, null, null);
        PageRequest page = new PageRequest(0, 20);

        signIn("payments", "risk");
        assertThat(board.page(all, page, ReadScope.of(null)).items()).extracting(BoardRow::id, BoardRow::workspace)
                .containsExactly(tuple("h-pay", "payments"));
        assertThat(board.page(all, page, ReadScope.of("risk")).totalItems()).isZero();

        signIn("risk");
        assertThat(board.page(all, page, ReadScope.of(null)).items()).isEmpty();
        assertThat(board.state("h-pay", new String[]{"risk"})).isEmpty();
        assertThat(board.version("h-pay", PAYMENTS)).isEqualTo(-1);
    }

    private static EventContext at(long sequence, String workspace) {
        return new EventContext(T0.plusSeconds(sequence), "sam", null, sequence, workspace);
    }
}
