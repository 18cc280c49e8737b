package io.insightledger.command.meeting;

import io.insightledger.command.system.Violates;
import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.AttendeeSide;
import io.insightledger.events.meeting.Channel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class MeetingTest {

    private AggregateTestFixture<Meeting> fixture;

    static RecordMeetingCommand recordMeeting(String id, String title) {
        return new RecordMeetingCommand(id, title, Instant.parse("2026-03-02T10:00:00Z"), "Acme Bank", "bank",
                Channel.VIDEO, List.of(new Attendee("Kim", "Security engineer", AttendeeSide.CUSTOMER)),
                "They rotate keys by hand.", List.of("security"));
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
    }

    @Test
    void recordsAMeeting() {
        RecordMeetingCommand command = recordMeeting("m-1", "Key rotation");
        fixture.givenNoPriorActivity()
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(command.toEvent())
                .expectResultMessagePayload(0L);
    }

    @Test
    void recordingTheSameMeetingAgainChangesNothing() {
        RecordMeetingCommand command = recordMeeting("m-1", "Key rotation");
        fixture.given(command.toEvent())
                .when(command)
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void MeetingIdTaken_otherContentUnderAnExistingIdIsAConflict() {
        fixture.given(recordMeeting("m-1", "Key rotation").toEvent())
                .when(recordMeeting("m-1", "Something else"))
                .expectNoEvents()
                .expectException(Violates.rule("MeetingIdTaken"))
                .expectExceptionMessage("Meeting m-1 was already recorded with different content");
    }
}
