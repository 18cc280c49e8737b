package io.insightledger.query.system;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Meetings of two workspaces, as the meetings projection leaves them: Acme met by both, Beta by b only, whose meeting
 * is shared with a; a hypothesis of b cites a's Acme meeting.
 */
public final class TwoWorkspaces {

    private TwoWorkspaces() {
    }

    public static void project(JdbcClient owner) {
        meeting(owner, "m-a-acme", "a", "Acme");
        meeting(owner, "m-b-acme", "b", "Acme");
        meeting(owner, "m-b-beta", "b", "Beta");
        owner.sql("""
                INSERT INTO meeting_share (meeting_id, workspace_id, owner_workspace_id, shared_at)
                VALUES ('m-b-beta', 'a', 'b', now())""").update();
        owner.sql("""
                INSERT INTO meeting_evidence (meeting_id, hypothesis_id, evidence_id, direction, strength, linked_at,
                                              workspace_id)
                VALUES ('m-a-acme', 'h-b', 'e1', 'SUPPORTS', 'STRONG', now(), 'b')""").update();
    }

    private static void meeting(JdbcClient owner, String id, String workspace, String organization) {
        owner.sql("""
                        INSERT INTO meeting (meeting_id, title, occurred_at, organization, segment, channel, attendees,
                                             notes, tags, recorded_at, recorded_by, version, workspace_id)
                        VALUES (?, 'Call', now() - interval '1 day', ?, 'bank', 'VIDEO', '[]', '', '{}', now(), 'sam',
                                0, ?)""")
                .params(id, organization, workspace).update();
    }
}
