package io.insightledger.command.hypothesis;

import io.insightledger.command.decision.DecideHypothesisCommand;
import io.insightledger.command.evidence.LinkEvidenceCommand;
import io.insightledger.command.meeting.MeetingLookup;
import io.insightledger.command.meeting.MeetingLookup.KnownMeeting;
import io.insightledger.command.system.Violates;
import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceStrength;
import io.insightledger.events.hypothesis.HypothesisCategory;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


class HypothesisTest {

    private static final String ID = "h-1";
    private static final HypothesisProposedEvent PROPOSED = new HypothesisProposedEvent(ID, "Keys rotate themselves",
            "We believe that security teams want automatic key rotation", HypothesisCategory.DESIRABILITY,
            "We are right if 3 of 5 banks ask for it", "pat", List.of("security"), List.of("bank"), null);

    private final Map<String, KnownMeeting> meetings = new HashMap<>();
    private AggregateTestFixture<Hypothesis> fixture;

    @BeforeEach
    void setUp() {
        meetings.put("m-1", new KnownMeeting("m-1", "Acme Bank", false));
        meetings.put("m-2", new KnownMeeting("m-2", "Beta Retail", false));
        fixture = new AggregateTestFixture<>(Hypothesis.class);
        fixture.registerInjectableResource((MeetingLookup) id -> Optional.ofNullable(meetings.get(id)));
    }

    private static ProposeHypothesisCommand propose(String title) {
        return new ProposeHypothesisCommand(ID, title, PROPOSED.statement(), PROPOSED.category(),
                PROPOSED.successCriteria(), PROPOSED.owner(), PROPOSED.tags(), PROPOSED.segments(), null);
    }

    private static LinkEvidenceCommand link(String evidenceId, String meetingId, EvidenceDirection direction) {
        return new LinkEvidenceCommand(ID, evidenceId, meetingId, null, direction, EvidenceStrength.STRONG, "");
    }

    private static DecideHypothesisCommand decide(String decisionId, DecisionOutcome outcome, List<String> evidence) {
        return new DecideHypothesisCommand(ID, decisionId, outcome, "Three banks asked for it", evidence);
    }


    @Test
    void proposesAHypothesis() {
        fixture.givenNoPriorActivity()
                .when(propose(PROPOSED.title()))
                .expectEvents(PROPOSED)
                .expectResultMessagePayload(0L);
    }

    @Test
    void proposingTheSameHypothesisAgainChangesNothing() {
        fixture.given(PROPOSED)
                .when(propose(PROPOSED.title()))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void HypothesisIdTaken_otherContentUnderAnExistingIdIsAConflict() {
        fixture.given(PROPOSED)
                .when(propose("Another idea"))
                .expectNoEvents()
                .expectException(Violates.rule("HypothesisIdTaken"));
    }

    @Test
    void linksEvidenceFromARecordedMeeting() {
        LinkEvidenceCommand command = link("e-1", "m-1", EvidenceDirection.SUPPORTS);
        fixture.given(PROPOSED)
                .when(command)
                .expectEvents(command.toEvent())
                .expectResultMessagePayload(1L);
    }

    @Test
    void EvidenceNeedsRecordedMeeting_unknownMeeting() {
        fixture.given(PROPOSED)
                .when(link("e-1", "m-unknown", EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceNeedsRecordedMeeting"));
    }

    @Test
    void EvidenceNeedsRecordedMeeting_retractedMeeting() {
        meetings.put("m-3", new KnownMeeting("m-3", "Gamma", true));
        fixture.given(PROPOSED)
                .when(link("e-1", "m-3", EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceNeedsRecordedMeeting"));
    }

    @Test
    void EvidenceLinkedOnce_sameMeetingTwice() {
        fixture.given(PROPOSED, link("e-1", "m-1", EvidenceDirection.SUPPORTS).toEvent())
                .when(link("e-2", "m-1", EvidenceDirection.CONTRADICTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceLinkedOnce"));
    }

    @Test
    void linkingTheSameEvidenceAgainChangesNothing() {
        LinkEvidenceCommand command = link("e-1", "m-1", EvidenceDirection.SUPPORTS);
        fixture.given(PROPOSED, command.toEvent())
                .when(command)
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void EvidenceIdTaken_otherContentUnderAnExistingEvidenceId() {
        fixture.given(PROPOSED, link("e-1", "m-1", EvidenceDirection.SUPPORTS).toEvent())
                .when(link("e-1", "m-2", EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceIdTaken"));
    }

    @Test
    void validatesOnLinkedEvidence() {
        DecideHypothesisCommand command = decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1"));
        fixture.given(PROPOSED, link("e-1", "m-1", EvidenceDirection.SUPPORTS).toEvent())
                .when(command)
                .expectEvents(command.toEvent())
                .expectResultMessagePayload(2L);
    }

    @Test
    void DecisionRestsOnEvidence_validatingNeedsEvidence() {
        fixture.given(PROPOSED)
                .when(decide("d-1", DecisionOutcome.VALIDATED, List.of()))
                .expectNoEvents()
                .expectException(Violates.rule("DecisionRestsOnEvidence"));
    }

    @Test
    void DecisionRestsOnEvidence_evidenceMustBeLinkedToThisHypothesis() {
        fixture.given(PROPOSED, link("e-1", "m-1", EvidenceDirection.SUPPORTS).toEvent())
                .when(decide("d-1", DecisionOutcome.INVALIDATED, List.of("e-1", "e-elsewhere")))
                .expectNoEvents()
                .expectException(Violates.rule("DecisionRestsOnEvidence"));
    }

    @Test
    void parkingNeedsNoEvidence() {
        DecideHypothesisCommand command = decide("d-1", DecisionOutcome.PARKED, List.of());
        fixture.given(PROPOSED)
                .when(command)
                .expectEvents(command.toEvent());
    }

    @Test
    void DecisionNeedsRationale() {
        fixture.given(PROPOSED)
                .when(new DecideHypothesisCommand(ID, "d-1", DecisionOutcome.PARKED, " ", List.of()))
                .expectNoEvents()
                .expectException(Violates.rule("DecisionNeedsRationale"));
    }

    @Test
    void DecidedHypothesisMustBeReopened_namesTheCurrentState() {
        EvidenceLinkedEvent evidence = link("e-1", "m-1", EvidenceDirection.SUPPORTS).toEvent();
        HypothesisDecidedEvent validated = decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")).toEvent();
        fixture.given(PROPOSED, evidence, validated)
                .when(decide("d-2", DecisionOutcome.INVALIDATED, List.of("e-1")))
                .expectNoEvents()
                .expectException(Violates.rule("DecidedHypothesisMustBeReopened"))
                .expectExceptionMessage("Hypothesis h-1 is VALIDATED; reopen it before deciding again");
    }

    @Test
    void decidingTheSameDecisionAgainChangesNothing() {
        EvidenceLinkedEvent evidence = link("e-1", "m-1", EvidenceDirection.SUPPORTS).toEvent();
        DecideHypothesisCommand command = decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1"));
        fixture.given(PROPOSED, evidence, command.toEvent())
                .when(command)
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void evidenceLinkedAfterADecisionIsAccepted() {
        EvidenceLinkedEvent evidence = link("e-1", "m-1", EvidenceDirection.SUPPORTS).toEvent();
        HypothesisDecidedEvent validated = decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")).toEvent();
        LinkEvidenceCommand contradicting = link("e-2", "m-2", EvidenceDirection.CONTRADICTS);
        fixture.given(PROPOSED, evidence, validated)
                .when(contradicting)
                .expectEvents(contradicting.toEvent());
    }
}
