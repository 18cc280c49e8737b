package io.insightledger.command.meeting;

import java.util.Optional;
import java.util.Set;

/** What rules on other aggregates may ask about a meeting, answered from the command side's own lookup tables. */
@FunctionalInterface
public interface MeetingLookup {

    /**
     * @param retracted      a retracted meeting no longer counts as evidence
     * @param observationIds the observations captured in it
     */
    record KnownMeeting(String meetingId, String organization, boolean retracted, Set<String> observationIds) {
    }

    Optional<KnownMeeting> find(String meetingId);
}
