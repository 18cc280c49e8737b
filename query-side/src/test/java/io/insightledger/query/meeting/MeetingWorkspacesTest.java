package io.insightledger.query.meeting;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.events.Sealed;
import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceStrength;
import io.insightledger.events.meeting.Channel;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.events.meeting.MeetingSharedEvent;
import io.insightledger.events.meeting.MeetingUnsharedEvent;
import io.insightledger.events.meeting.ObservationCapturedEvent;
import io.insightledger.events.meeting.ObservationKind;
import io.insightledger.platform.privacy.KeysInMemory;
import io.insightledger.platform.privacy.PersonalData;
import io.insightledger.query.system.EventContext;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.Period;
import io.insightledger.platform.web.ProblemResponses;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ProjectionDatabase;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.ReadYourWrites;
import org.mockito.Mockito;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.insightledger.query.system.ProjectionDatabase.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Meetings belong to their workspace and are read there and where they are shared: projected from the events, then
 * read through the reads pool as a member of one workspace or another.
 */
class MeetingWorkspacesTest {

    private static final PersonalData PERSONAL = KeysInMemory.personalData();

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @RegisterExtension
    static final ProjectionDatabase database = new ProjectionDatabase();
    private static MeetingReads reads;
    private static MockMvc http;

    @BeforeAll
    static void project() throws Exception {
        ObjectMapper json = new ObjectMapper();
        MeetingProjection projection = new MeetingProjection(database.owner(), database.writes(), json,
                database.changes(), PERSONAL);
        reads = new MeetingReads(JdbcClient.create(database.reads()), json);
        http = MockMvcBuilders.standaloneSetup(new MeetingQueryController(reads, Mockito.mock(ProjectionAdmin.class),
                        Mockito.mock(ReadYourWrites.class)))
                .setControllerAdvice(new ProblemResponses()).build();

        projection.on(recorded("m-pay", "payments"), at(0, "payments"));
        projection.on(recorded("m-risk", "risk"), at(0, "risk"));
        projection.on(new ObservationCapturedEvent("m-risk", "o1",
                PERSONAL.seal(PersonalData.meetingKey("m-risk"), "Rotation hurts"), ObservationKind.PAIN_POINT,
                PERSONAL.seal(PersonalData.meetingKey("m-risk"), "CTO"), null, null, List.of()), at(1, "risk"));
        projection.on(new MeetingSharedEvent("m-risk", "payments"), at(2, "risk"));
        projection.on(new MeetingSharedEvent("m-risk", "payments"), at(2, "risk"));
        projection.on(new MeetingSharedEvent("m-risk", "legal"), at(3, "risk"));
        // shared, then no longer
        projection.on(recorded("m-risk-ended", "risk"), at(0, "risk"));
        projection.on(new MeetingSharedEvent("m-risk-ended", "payments"), at(1, "risk"));
        projection.on(new MeetingUnsharedEvent("m-risk-ended", "payments", "wrong team"), at(2, "risk"));
        projection.on(new MeetingUnsharedEvent("m-risk-ended", "payments", "wrong team"), at(2, "risk"));
        // shared, unshared and shared again
        projection.on(recorded("m-risk-again", "risk"), at(0, "risk"));
        projection.on(new MeetingSharedEvent("m-risk-again", "payments"), at(1, "risk"));
        projection.on(new MeetingUnsharedEvent("m-risk-again", "payments", "too soon"), at(2, "risk"));
        projection.on(new MeetingSharedEvent("m-risk-again", "payments"), at(3, "risk"));
        // each cited by a hypothesis of either workspace
        projection.on(cited("h-pay", "m-risk"), at(1, "payments"));
        projection.on(cited("h-risk", "m-risk"), at(1, "risk"));
        projection.on(cited("h-pay-2", "m-risk-ended"), at(1, "payments"));
    }

    @Test
    void everyRowCarriesItsWorkspaceAndEvidenceThatOfTheCitingHypothesis() {
        JdbcClient owner = database.owner();
        assertThat(owner.sql("SELECT meeting_id, workspace_id FROM meeting").query().listOfRows())
                .extracting(row -> row.get("meeting_id") + "@" + row.get("workspace_id"))
                .containsExactlyInAnyOrder("m-pay@payments", "m-risk@risk", "m-risk-ended@risk", "m-risk-again@risk");
        assertThat(owner.sql("SELECT workspace_id FROM meeting_observation").query(String.class).list())
                .containsExactly("risk");
        assertThat(owner.sql("SELECT hypothesis_id || '@' || workspace_id FROM meeting_evidence ORDER BY 1")
                .query(String.class).list()).containsExactly("h-pay-2@payments", "h-pay@payments", "h-risk@risk");
    }

    @Test
    void sharingTwiceIsSharingOnceAndEndingAShareKeepsWhenItEnded() {
        Map<String, Object> ended = database.owner().sql("""
                        SELECT * FROM meeting_share WHERE meeting_id = 'm-risk-ended'""").query().singleRow();
        assertThat(ended.get("owner_workspace_id")).isEqualTo("risk");
        assertThat(ended.get("unshared_at")).isNotNull();
        assertThat(database.owner().sql("""
                        SELECT count(*) FROM meeting_share
                        WHERE meeting_id = 'm-risk' AND workspace_id = 'payments' AND unshared_at IS NULL""")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(database.owner().sql("""
                        SELECT unshared_at IS NULL FROM meeting_share WHERE meeting_id = 'm-risk-again'""")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void aMemberListsTheirOwnMeetingsAndThoseSharedWithThemSeeingOnlyTheirOwnShareAndCitations() {
        signIn("payments");

        Map<String, MeetingQueryController.MeetingSummary> listed = list(null);

        assertThat(listed).containsOnlyKeys("m-pay", "m-risk", "m-risk-again");
        MeetingQueryController.MeetingSummary shared = listed.get("m-risk");
        assertThat(shared.workspace()).isEqualTo("risk");
        assertThat(shared.sharedWith()).containsExactly("payments");
        assertThat(shared.evidenceCount()).isEqualTo(1);
        assertThat(shared.observationCount()).isEqualTo(1);
        assertThat(listed.get("m-pay").workspace()).isEqualTo("payments");
    }

    @Test
    void membersOfTheMeetingsOwnWorkspaceSeeEveryShareAndOnlyTheirOwnCitations() {
        signIn("risk");

        MeetingView meeting = reads.meeting("m-risk", ReadScope.of(null)).orElseThrow();

        assertThat(meeting.workspace()).isEqualTo("risk");
        assertThat(meeting.sharedWith()).containsExactly("legal", "payments");
        assertThat(meeting.servedAsEvidence()).extracting(MeetingQueryController.ServedAsEvidence::hypothesisId)
                .containsExactly("h-risk");
        assertThat(list(null)).containsOnlyKeys("m-risk", "m-risk-ended", "m-risk-again");
    }

    @Test
    void aSharedMeetingIsReadWithItsObservationsAndOnlyTheReadersCitations() {
        signIn("payments");

        MeetingView meeting = reads.meeting("m-risk", ReadScope.of(null)).orElseThrow();

        assertThat(meeting.observations()).extracting(MeetingView.Observation::text).containsExactly("Rotation hurts");
        assertThat(meeting.servedAsEvidence()).extracting(MeetingQueryController.ServedAsEvidence::hypothesisId,
                MeetingQueryController.ServedAsEvidence::workspace).containsExactly(
                tuple("h-pay", "payments"));
    }

    @Test
    void aMeetingOfAnotherWorkspaceIsUnknownAsIsOneWhoseShareEnded() {
        signIn("payments");

        assertThat(reads.meeting("m-risk-ended", ReadScope.of(null))).isEmpty();
        assertThat(reads.version("m-risk-ended", ReadScope.of(null))).isEqualTo(-1);
        signIn("legal");
        assertThat(reads.meeting("m-pay", ReadScope.of(null))).isEmpty();
        assertThat(reads.meeting("m-risk", ReadScope.of(null))).isPresent();
    }

    @Test
    void aWorkspaceAskedForNarrowsTheListAndOneTheCallerIsNoMemberOfIsNotFound() {
        signIn("payments", "legal");

        assertThat(list("legal")).containsOnlyKeys("m-risk");
        assertThat(list("payments")).containsOnlyKeys("m-pay", "m-risk", "m-risk-again");
        assertThatThrownBy(() -> ReadScope.of("risk")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No workspace is known under id risk");
    }

    /** Over HTTP: another workspace's meeting, or one no longer shared, answers exactly as an unknown id. */
    @Test
    void theApiAnswers404ForWhatTheCallerMayNotReadInTheShapeOfEvery404() throws Exception {
        signIn("payments");

        http.perform(get("/api/meetings/m-risk-ended")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Not Found"))
                .andExpect(jsonPath("$.detail").value("No meeting is known under id m-risk-ended"));
        http.perform(get("/api/meetings/m-nowhere")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No meeting is known under id m-nowhere"));
        http.perform(get("/api/meetings").param("workspace", "risk")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No workspace is known under id risk"));
        http.perform(get("/api/meetings/m-risk")).andExpect(status().isOk())
                .andExpect(jsonPath("$.workspace").value("risk"))
                .andExpect(jsonPath("$.sharedWith.length()").value(1))
                .andExpect(jsonPath("$.sharedWith[0]").value("payments"));
        http.perform(get("/api/meetings").param("workspace", "payments")).andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3));
    }

    @Test
    void nobodySignedInListsNothing() {
        assertThat(list(null)).isEmpty();
    }

    private static Map<String, MeetingQueryController.MeetingSummary> list(String workspace) {
        return reads.page(ReadScope.of(workspace), null, null, null, new Period(null, null),
                        new PageRequest(0, 50)).items().stream()
                .collect(Collectors.toMap(MeetingQueryController.MeetingSummary::id, Function.identity()));
    }

    private static MeetingRecordedEvent recorded(String id, String workspace) {
        return new MeetingRecordedEvent(id, "Call with Acme", T0, "Acme", "bank", Channel.VIDEO, List.of(),
                Sealed.inClear(""), List.of(), workspace);
    }

    private static EvidenceLinkedEvent cited(String hypothesis, String meeting) {
        return new EvidenceLinkedEvent(hypothesis, "e-" + hypothesis, meeting, null, EvidenceDirection.SUPPORTS,
                EvidenceStrength.STRONG, "", false);
    }

    private static EventContext at(long sequence, String workspace) {
        return new EventContext(T0.plusSeconds(sequence), "sam", null, sequence, workspace);
    }
}
