package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

/**
 * The meeting's workspace shared it, read-only, with another workspace, whose members may now read it and cite it as
 * evidence. The meeting stays in its own workspace.
 *
 * @param workspaceId the workspace it is shared with
 */
@Revision("1")
public record MeetingSharedEvent(String meetingId, String workspaceId) {
}
