package io.insightledger.command.meeting;

import java.util.Optional;
import java.util.Set;

/** What rules on other aggregates may ask about a meeting, answered from the command side's own lookup tables. */
@FunctionalInterface
public interface MeetingLookup {

    /**
     * @param retracted      a retracted meeting no longer counts as evidence
     * @param observationIds the observations captured in it
     * @param workspaceId    the workspace it belongs to
     * @param sharedWith     the workspaces it is shared with now, whose hypotheses may cite it too
     */
    record KnownMeeting(String meetingId, String organization, boolean retracted, Set<String> observationIds,
                        String workspaceId, Set<String> sharedWith) {

        /** Whether a hypothesis of that workspace may cite it. */
        public boolean citableFrom(String workspace) {
            return workspaceId.equals(workspace) || sharedWith.contains(workspace);
        }
    }

    Optional<KnownMeeting> find(String meetingId);
}
