package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

/**
 * The meeting is no longer shared with that workspace: its members can neither read it nor cite it any more, while
 * the evidence they linked before stays in their hypotheses' history.
 *
 * @param workspaceId the workspace it was shared with
 */
@Revision("1")
public record MeetingUnsharedEvent(String meetingId, String workspaceId, String reason) {
}
