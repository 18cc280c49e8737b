package io.insightledger.command.meeting;

import java.util.Optional;

/** What rules on other aggregates may ask about a meeting, answered from the command side's own lookup table. */
@FunctionalInterface
public interface MeetingLookup {

    /** @param retracted a retracted meeting no longer counts as evidence */
    record KnownMeeting(String meetingId, String organization, boolean retracted) {
    }

    Optional<KnownMeeting> find(String meetingId);
}
