package io.insightledger.query.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;

import static io.insightledger.query.system.ProjectionDatabase.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second wall: through the reads pool, PostgreSQL itself shows only the rows of the caller's workspaces, however
 * careless the query. Every query here says no word about workspaces.
 */
class RowLevelSecurityTest {

    @RegisterExtension
    static final ProjectionDatabase database = new ProjectionDatabase();
    private static JdbcClient reads;

    @BeforeAll
    static void projectTwoWorkspaces() {
        reads = JdbcClient.create(database.reads());
        JdbcClient owner = database.owner();
        meeting(owner, "m-a", "a");
        meeting(owner, "m-b", "b");
        meeting(owner, "m-b-shared", "b");
        meeting(owner, "m-b-unshared", "b");
        share(owner, "m-b-shared", "a", null);
        share(owner, "m-b-unshared", "a", Instant.parse("2026-03-01T00:00:00Z"));
        for (String meeting : new String[]{"m-a", "m-b", "m-b-shared", "m-b-unshared"}) {
            owner.sql("""
                            INSERT INTO meeting_observation (meeting_id, observation_id, text, kind, speaker_role, tags,
                                                             captured_at, captured_by, workspace_id)
                            SELECT meeting_id, 'o1', 'said', 'PAIN', 'CTO', '{}', now(), 'sam', workspace_id
                            FROM meeting WHERE meeting_id = ?""").param(meeting).update();
            owner.sql("""
                            INSERT INTO hypothesis_meeting (meeting_id, title, organization, segment, occurred_at,
                                                            workspace_id)
                            SELECT meeting_id, title, organization, segment, occurred_at, workspace_id
                            FROM meeting WHERE meeting_id = ?""").param(meeting).update();
            owner.sql("""
                            INSERT INTO hypothesis_observation (meeting_id, observation_id, text, workspace_id)
                            SELECT meeting_id, 'o1', 'said', workspace_id FROM meeting WHERE meeting_id = ?""")
                    .param(meeting).update();
        }
        journal(owner, "h-a", "a", "m-b-unshared");
        journal(owner, "h-b", "b", "m-b");
        for (String[] citation : new String[][]{{"m-b-unshared", "h-a", "a"}, {"m-b", "h-b", "b"}}) {
            owner.sql("""
                            INSERT INTO meeting_evidence (meeting_id, hypothesis_id, evidence_id, direction, strength,
                                                          linked_at, workspace_id)
                            VALUES (?, ?, 'e1', 'SUPPORTS', 'STRONG', now(), ?)""")
                    .params((Object[]) citation).update();
        }
    }

    @Test
    void aMemberOfOneWorkspaceNeverReadsAnothersRows() {
        signIn("a");

        assertThat(reads.sql("SELECT meeting_id FROM meeting ORDER BY 1").query(String.class).list())
                .containsExactly("m-a", "m-b-shared");
        assertThat(reads.sql("SELECT meeting_id FROM meeting_observation ORDER BY 1").query(String.class).list())
                .containsExactly("m-a", "m-b-shared");
        assertThat(reads.sql("SELECT DISTINCT workspace_id FROM hypothesis_journal").query(String.class).list())
                .containsExactly("a");
        assertThat(reads.sql("SELECT hypothesis_id FROM meeting_evidence").query(String.class).list())
                .containsExactly("h-a");
    }

    /** The hypothesis views know of another workspace's meetings only those their hypotheses cite. */
    @Test
    void aCitedMeetingStaysInTheCitingHypothesissHistoryAfterItsShareEnded() {
        signIn("a");

        assertThat(reads.sql("SELECT meeting_id FROM hypothesis_meeting ORDER BY 1").query(String.class).list())
                .containsExactly("m-a", "m-b-unshared");
        assertThat(reads.sql("SELECT meeting_id FROM hypothesis_observation ORDER BY 1").query(String.class).list())
                .containsExactly("m-a", "m-b-unshared");
        assertThat(reads.sql("SELECT count(*) FROM meeting WHERE meeting_id = 'm-b-unshared'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void eachBorrowReadsForTheCallerOfTheMoment() {
        signIn("b");
        assertThat(reads.sql("SELECT count(*) FROM meeting").query(Long.class).single()).isEqualTo(3);

        signIn("a", "b");
        assertThat(reads.sql("SELECT count(*) FROM meeting").query(Long.class).single()).isEqualTo(4);

        signIn("c");
        assertThat(reads.sql("SELECT count(*) FROM meeting").query(Long.class).single()).isZero();
    }

    @Test
    void nobodySignedInReadsNothing() {
        for (String table : new String[]{"meeting", "meeting_observation", "meeting_evidence", "meeting_share",
                "hypothesis_journal", "hypothesis_meeting", "hypothesis_observation", "hypothesis_board",
                "decision_log"}) {
            assertThat(reads.sql("SELECT count(*) FROM " + table).query(Long.class).single()).as(table).isZero();
        }
    }

    @Test
    void theReadsPoolCanNeitherWriteNorReadTheProjectionsBookkeeping() {
        signIn("a");

        assertThat(reads.sql("SELECT current_user").query(String.class).single()).isEqualTo("insight_reader");
        assertThatThrownBy(() -> reads.sql("DELETE FROM meeting").update()).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> reads.sql("SELECT count(*) FROM projection_cursor").query(Long.class).single())
                .isInstanceOf(DataAccessException.class);
    }

    /** Not only a superuser: an ordinary owner of the database migrates it and reads through the wall alike. */
    @Test
    void anOrdinaryApplicationUserMayActAsTheReaderToo() throws Exception {
        try (ProjectionDatabase ordinary = new ProjectionDatabase(true)) {
            meeting(ordinary.owner(), "m-a", "a");
            meeting(ordinary.owner(), "m-b", "b");
            JdbcClient restricted = JdbcClient.create(ordinary.reads());
            signIn("b");

            assertThat(ordinary.owner().sql("SELECT current_user").query(String.class).single())
                    .startsWith("insight_app_");
            assertThat(restricted.sql("SELECT meeting_id FROM meeting").query(String.class).list())
                    .containsExactly("m-b");
        }
    }

    private static void meeting(JdbcClient owner, String id, String workspace) {
        owner.sql("""
                        INSERT INTO meeting (meeting_id, title, occurred_at, organization, segment, channel, attendees,
                                             notes, tags, recorded_at, recorded_by, version, workspace_id)
                        VALUES (?, 'Call', now(), 'Acme', 'bank', 'VIDEO', '[]', '', '{}', now(), 'sam', 0, ?)""")
                .params(id, workspace).update();
    }

    private static void share(JdbcClient owner, String meeting, String with, Instant unsharedAt) {
        owner.sql("""
                        INSERT INTO meeting_share (meeting_id, workspace_id, owner_workspace_id, shared_at, unshared_at)
                        SELECT meeting_id, ?, workspace_id, now(), ? FROM meeting WHERE meeting_id = ?""")
                .params(with, unsharedAt == null ? null : Timestamp.from(unsharedAt), meeting).update();
    }

    private static void journal(JdbcClient owner, String hypothesis, String workspace, String citedMeeting) {
        owner.sql("""
                        INSERT INTO hypothesis_journal (hypothesis_id, sequence_number, event_type, occurred_at, actor,
                                                        meeting_id, payload, workspace_id)
                        VALUES (?, 1, 'io.insightledger.events.hypothesis.EvidenceLinkedEvent', now(), 'sam', ?, '{}',
                                ?)""")
                .params(hypothesis, citedMeeting, workspace).update();
    }
}
