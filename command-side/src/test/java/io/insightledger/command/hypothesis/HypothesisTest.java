package io.insightledger.command.hypothesis;

import io.insightledger.command.decision.DecideHypothesisCommand;
import io.insightledger.command.evidence.LinkEvidenceCommand;
import io.insightledger.command.evidence.WithdrawEvidenceCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.PivotHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.ReopenHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.ReviseHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.Successor;
import io.insightledger.command.meeting.MeetingLookup;
import io.insightledger.command.meeting.MeetingLookup.KnownMeeting;
import io.insightledger.command.system.Members;
import io.insightledger.command.system.Violates;
import io.insightledger.events.EventMetadata;
import io.insightledger.events.Sealed;
import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceStrength;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.hypothesis.HypothesisCategory;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisPivotedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.hypothesis.HypothesisReopenedEvent;
import io.insightledger.events.hypothesis.HypothesisRevisedEvent;
import io.insightledger.events.meeting.MeetingRecordedEvent;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleMissing;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every rule of the Hypothesis aggregate, given / when / then; each test is named after the rule it shows. */
class HypothesisTest {

    private static final String ID = "h-1";
    private static final HypothesisProposedEvent PROPOSED = new HypothesisProposedEvent(ID, "Keys rotate themselves",
            "We believe that security teams want automatic key rotation", HypothesisCategory.DESIRABILITY,
            "We are right if 3 of 5 banks ask for it", "pat", List.of("security"), List.of("bank"), null,
            Members.WORKSPACE);
    private static final EvidenceLinkedEvent SUPPORTING = link("e-1", "m-1", null, EvidenceDirection.SUPPORTS)
            .toEvent(false);
    private static final HypothesisDecidedEvent VALIDATED = decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1"))
            .toEvent();

    private final Map<String, KnownMeeting> meetings = new HashMap<>();
    private final Map<String, String> hypotheses = new HashMap<>();
    private AggregateTestFixture<Hypothesis> fixture;

    @BeforeEach
    void setUp() {
        meetings.put("m-1", meeting("m-1", "Acme Bank", false, Set.of("o-1")));
        meetings.put("m-2", meeting("m-2", "Beta Retail", false, Set.of()));
        hypotheses.put(ID, Members.WORKSPACE);
        fixture = new AggregateTestFixture<>(Hypothesis.class);
        fixture.registerInjectableResource((MeetingLookup) id -> Optional.ofNullable(meetings.get(id)));
        fixture.registerInjectableResource((HypothesisLookup) id -> Optional.ofNullable(hypotheses.get(id)));
        Members.actAsMemberByDefault(fixture);
    }

    private static KnownMeeting meeting(String id, String organization, boolean retracted, Set<String> observations) {
        return new KnownMeeting(id, organization, retracted, observations, Members.WORKSPACE, Set.of());
    }

    private static ProposeHypothesisCommand propose(String title, String parentId) {
        return new ProposeHypothesisCommand(ID, title, PROPOSED.statement(), PROPOSED.category(),
                PROPOSED.successCriteria(), PROPOSED.owner(), PROPOSED.tags(), PROPOSED.segments(), parentId,
                Members.WORKSPACE);
    }

    private static LinkEvidenceCommand link(String evidenceId, String meetingId, String observationId,
                                            EvidenceDirection direction) {
        return new LinkEvidenceCommand(ID, null, evidenceId, meetingId, observationId, direction,
                EvidenceStrength.STRONG, "");
    }

    private static DecideHypothesisCommand decide(String decisionId, DecisionOutcome outcome, List<String> evidence) {
        return new DecideHypothesisCommand(ID, null, decisionId, outcome, "Three banks asked for it", evidence);
    }

    private static PivotHypothesisCommand pivot(String successorId) {
        return new PivotHypothesisCommand(ID, null, "Banks want managed keys, not rotation",
                new Successor(successorId, "Keys are managed for them", "We believe banks want managed keys",
                        HypothesisCategory.DESIRABILITY, "3 of 5 banks", "sam", List.of(), List.of()));
    }

    @Test
    void proposesAHypothesis() {
        fixture.givenNoPriorActivity()
                .when(propose(PROPOSED.title(), null))
                .expectEvents(PROPOSED)
                .expectResultMessagePayload(0L);
    }

    @Test
    void proposingTheSameHypothesisAgainChangesNothing() {
        fixture.given(PROPOSED)
                .when(propose(PROPOSED.title(), null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void HypothesisIdTaken() {
        fixture.given(PROPOSED)
                .when(propose("Another idea", null))
                .expectNoEvents()
                .expectException(Violates.rule("HypothesisIdTaken"));
    }

    /** Axon refuses to read a meeting's events as a hypothesis; the API answers 409 IdTaken. */
    @Test
    void IdTaken_byAnotherKindOfThing() {
        fixture.given(new MeetingRecordedEvent(ID, "A meeting", Instant.EPOCH, "Acme", "bank", null, List.of(),
                        Sealed.inClear(""),
                        List.of(), Members.WORKSPACE))
                .when(propose(PROPOSED.title(), null))
                .expectNoEvents()
                .expectException(IncompatibleAggregateException.class);
    }

    @Test
    void ParentHypothesisMustExist() {
        fixture.givenNoPriorActivity()
                .when(propose(PROPOSED.title(), "h-unknown"))
                .expectNoEvents()
                .expectException(Violates.rule("ParentHypothesisMustExist"));
    }

    @Test
    void revisesOnlyWhatChanged() {
        fixture.given(PROPOSED)
                .when(new ReviseHypothesisCommand(ID, null, "Keys rotate on their own", PROPOSED.statement(), null,
                        "clearer"))
                .expectEvents(new HypothesisRevisedEvent(ID, "Keys rotate on their own", null, null, "clearer"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aRevisionToTheSameWordsChangesNothing() {
        fixture.given(PROPOSED)
                .when(new ReviseHypothesisCommand(ID, null, PROPOSED.title(), null, null, "no change"))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void StaleVersion_aWriteAgainstAnOlderVersionIsRefused() {
        fixture.given(PROPOSED, SUPPORTING)
                .when(new ReviseHypothesisCommand(ID, 0L, "Seen at version 0", null, null, "stale"))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void linksEvidenceFromARecordedMeeting() {
        fixture.given(PROPOSED)
                .when(link("e-1", "m-1", "o-1", EvidenceDirection.SUPPORTS))
                .expectEvents(link("e-1", "m-1", "o-1", EvidenceDirection.SUPPORTS).toEvent(false))
                .expectResultMessagePayload(1L);
    }

    @Test
    void EvidenceNeedsRecordedMeeting_unknownMeeting() {
        fixture.given(PROPOSED)
                .when(link("e-1", "m-unknown", null, EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceNeedsRecordedMeeting"));
    }

    @Test
    void EvidenceNeedsRecordedMeeting_retractedMeeting() {
        meetings.put("m-3", meeting("m-3", "Gamma", true, Set.of()));
        fixture.given(PROPOSED)
                .when(link("e-1", "m-3", null, EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceNeedsRecordedMeeting"));
    }

    @Test
    void EvidenceObservationBelongsToMeeting() {
        fixture.given(PROPOSED)
                .when(link("e-1", "m-2", "o-1", EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceObservationBelongsToMeeting"));
    }

    @Test
    void EvidenceLinkedOnce_sameMeetingAndObservationTwice() {
        fixture.given(PROPOSED, link("e-1", "m-1", "o-1", EvidenceDirection.SUPPORTS).toEvent(false))
                .when(link("e-2", "m-1", "o-1", EvidenceDirection.CONTRADICTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceLinkedOnce"));
    }

    @Test
    void theSameMeetingMayBackAnotherObservation() {
        fixture.given(PROPOSED, link("e-1", "m-1", null, EvidenceDirection.SUPPORTS).toEvent(false))
                .when(link("e-2", "m-1", "o-1", EvidenceDirection.SUPPORTS))
                .expectEvents(link("e-2", "m-1", "o-1", EvidenceDirection.SUPPORTS).toEvent(false));
    }

    @Test
    void withdrawnEvidenceMayBeLinkedAnew() {
        fixture.given(PROPOSED, SUPPORTING, new EvidenceWithdrawnEvent(ID, "e-1", "misheard"))
                .when(link("e-2", "m-1", null, EvidenceDirection.CONTRADICTS))
                .expectEvents(link("e-2", "m-1", null, EvidenceDirection.CONTRADICTS).toEvent(false));
    }

    @Test
    void linkingTheSameEvidenceAgainChangesNothing() {
        fixture.given(PROPOSED, SUPPORTING)
                .when(link("e-1", "m-1", null, EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void EvidenceIdTaken() {
        fixture.given(PROPOSED, SUPPORTING)
                .when(link("e-1", "m-2", null, EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceIdTaken"));
    }

    @Test
    void evidenceLinkedAfterADecisionIsAcceptedAndRecordedAsSuch() {
        fixture.given(PROPOSED, SUPPORTING, VALIDATED)
                .when(link("e-2", "m-2", null, EvidenceDirection.CONTRADICTS))
                .expectEvents(link("e-2", "m-2", null, EvidenceDirection.CONTRADICTS).toEvent(true));
    }

    @Test
    void withdrawsEvidence() {
        fixture.given(PROPOSED, SUPPORTING)
                .when(new WithdrawEvidenceCommand(ID, null, "e-1", "misheard"))
                .expectEvents(new EvidenceWithdrawnEvent(ID, "e-1", "misheard"));
    }

    @Test
    void withdrawingTwiceChangesNothing() {
        fixture.given(PROPOSED, SUPPORTING, new EvidenceWithdrawnEvent(ID, "e-1", "misheard"))
                .when(new WithdrawEvidenceCommand(ID, null, "e-1", "again"))
                .expectNoEvents();
    }

    @Test
    void EvidenceMustExist() {
        fixture.given(PROPOSED)
                .when(new WithdrawEvidenceCommand(ID, null, "e-unknown", "gone"))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceMustExist"));
    }

    @Test
    void validatesOnLinkedEvidence() {
        fixture.given(PROPOSED, SUPPORTING)
                .when(decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")))
                .expectEvents(VALIDATED)
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
        fixture.given(PROPOSED, SUPPORTING)
                .when(decide("d-1", DecisionOutcome.INVALIDATED, List.of("e-1", "e-elsewhere")))
                .expectNoEvents()
                .expectException(Violates.rule("DecisionRestsOnEvidence"));
    }

    @Test
    void DecisionRestsOnEvidence_withdrawnEvidenceDoesNotCount() {
        fixture.given(PROPOSED, SUPPORTING, new EvidenceWithdrawnEvent(ID, "e-1", "misheard"))
                .when(decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")))
                .expectNoEvents()
                .expectException(Violates.rule("DecisionRestsOnEvidence"));
    }

    @Test
    void parkingNeedsNoEvidence() {
        fixture.given(PROPOSED)
                .when(decide("d-1", DecisionOutcome.PARKED, List.of()))
                .expectEvents(decide("d-1", DecisionOutcome.PARKED, List.of()).toEvent());
    }

    @Test
    void DecisionNeedsRationale() {
        fixture.given(PROPOSED)
                .when(new DecideHypothesisCommand(ID, null, "d-1", DecisionOutcome.PARKED, " ", List.of()))
                .expectNoEvents()
                .expectException(Violates.rule("DecisionNeedsRationale"));
    }

    @Test
    void DecidedHypothesisMustBeReopened_namesTheCurrentState() {
        fixture.given(PROPOSED, SUPPORTING, VALIDATED)
                .when(decide("d-2", DecisionOutcome.INVALIDATED, List.of("e-1")))
                .expectNoEvents()
                .expectException(Violates.rule("DecidedHypothesisMustBeReopened"))
                .expectExceptionMessage("Hypothesis h-1 is VALIDATED; reopen it before deciding again");
    }

    @Test
    void decidingTheSameDecisionAgainChangesNothing() {
        fixture.given(PROPOSED, SUPPORTING, VALIDATED)
                .when(decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void DecisionIdTaken() {
        fixture.given(PROPOSED, SUPPORTING, VALIDATED)
                .when(decide("d-1", DecisionOutcome.INVALIDATED, List.of("e-1")))
                .expectNoEvents()
                .expectException(Violates.rule("DecisionIdTaken"));
    }

    @Test
    void reopensADecidedHypothesisAndThenItMayBeDecidedAgain() {
        fixture.given(PROPOSED, SUPPORTING, VALIDATED, new HypothesisReopenedEvent(ID, "new evidence"))
                .when(decide("d-2", DecisionOutcome.INVALIDATED, List.of("e-1")))
                .expectEvents(decide("d-2", DecisionOutcome.INVALIDATED, List.of("e-1")).toEvent());
    }

    @Test
    void reopensWithAReason() {
        fixture.given(PROPOSED, SUPPORTING, VALIDATED)
                .when(new ReopenHypothesisCommand(ID, null, "A large bank disagrees"))
                .expectEvents(new HypothesisReopenedEvent(ID, "A large bank disagrees"));
    }

    @Test
    void OnlyDecidedHypothesisReopens() {
        fixture.given(PROPOSED)
                .when(new ReopenHypothesisCommand(ID, null, "why not"))
                .expectNoEvents()
                .expectException(Violates.rule("OnlyDecidedHypothesisReopens"));
    }

    @Test
    void pivotClosesThisHypothesisAndProposesItsSuccessor() {
        HypothesisProposedEvent successor = new HypothesisProposedEvent("h-2", "Keys are managed for them",
                "We believe banks want managed keys", HypothesisCategory.DESIRABILITY, "3 of 5 banks", "sam",
                List.of(), PROPOSED.segments(), ID, Members.WORKSPACE);
        fixture.given(PROPOSED)
                .when(pivot("h-2"))
                .expectEvents(new HypothesisPivotedEvent(ID, "h-2", "Banks want managed keys, not rotation"),
                        successor);
    }

    @Test
    void SuccessorIsANewHypothesis() {
        hypotheses.put("h-2", Members.WORKSPACE);
        fixture.given(PROPOSED)
                .when(pivot("h-2"))
                .expectNoEvents()
                .expectException(Violates.rule("SuccessorIsANewHypothesis"));
    }

    @Test
    void pivotingAgainTheSameWayChangesNothing() {
        fixture.given(PROPOSED, new HypothesisPivotedEvent(ID, "h-2", "Banks want managed keys, not rotation"))
                .when(pivot("h-2"))
                .expectNoEvents();
    }

    @Test
    void PivotedHypothesisIsReadOnly() {
        fixture.given(PROPOSED, new HypothesisPivotedEvent(ID, "h-2", "elsewhere"))
                .when(link("e-1", "m-1", null, EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("PivotedHypothesisIsReadOnly"))
                .expectExceptionMessage("Hypothesis h-1 is PIVOTED and accepts nothing but reads");
    }

    @Test
    void PivotedHypothesisIsReadOnly_noDecision() {
        fixture.given(PROPOSED, SUPPORTING, new HypothesisPivotedEvent(ID, "h-2", "elsewhere"))
                .when(decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")))
                .expectNoEvents()
                .expectException(Violates.rule("PivotedHypothesisIsReadOnly"));
    }

    // workspaces

    @Test
    void WorkspaceNotFound_whenProposingInAWorkspaceOfWhichOneIsNoMember() {
        fixture.givenNoPriorActivity()
                .when(propose(PROPOSED.title(), null), Members.access(Map.of("identity", Role.ADMIN), Role.CONTRIBUTOR))
                .expectNoEvents()
                .expectException(Violates.rule("WorkspaceNotFound"));
    }

    @Test
    void aHypothesisOfAnotherWorkspaceIsNotFound_likeOneNeverProposed() {
        fixture.given(PROPOSED, SUPPORTING)
                .when(decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")),
                        Members.access(Map.of("identity", Role.DECIDER), Role.DECIDER))
                .expectNoEvents()
                .expectException(Violates.rule("NotFound"));
    }

    /** The example: VIEWER in one workspace, DECIDER in another, decides in the second only. */
    @Test
    void RoleRequired_inTheHypothesissWorkspace_notInAnyOther() {
        Map<String, Role> viewerHereDeciderThere = Map.of(Members.WORKSPACE, Role.VIEWER, "identity", Role.DECIDER);
        fixture.given(PROPOSED, SUPPORTING)
                .when(decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")),
                        Members.access(viewerHereDeciderThere, Role.DECIDER))
                .expectNoEvents()
                .expectException(RoleMissing.class);
        HypothesisProposedEvent there = new HypothesisProposedEvent(ID, PROPOSED.title(), PROPOSED.statement(),
                PROPOSED.category(), PROPOSED.successCriteria(), PROPOSED.owner(), PROPOSED.tags(),
                PROPOSED.segments(), null, "identity");
        fixture.given(there, SUPPORTING)
                .when(decide("d-1", DecisionOutcome.VALIDATED, List.of("e-1")),
                        Members.access(viewerHereDeciderThere, Role.DECIDER))
                .expectEvents(VALIDATED);
    }

    @Test
    void ParentHypothesisMustExist_inTheSameWorkspace() {
        hypotheses.put("h-other", "identity");
        fixture.givenNoPriorActivity()
                .when(propose(PROPOSED.title(), "h-other"))
                .expectNoEvents()
                .expectException(Violates.rule("ParentHypothesisMustExist"));
    }

    @Test
    void aSuccessorStaysInItsParentsWorkspace() {
        fixture.given(PROPOSED)
                .when(pivot("h-2"))
                .expectEventsMatching(Matchers.exactSequenceOf(
                        inWorkspace(Members.WORKSPACE), inWorkspace(Members.WORKSPACE), Matchers.andNoMore()));
    }

    @Test
    void evidenceMayCiteAMeetingSharedWithTheHypothesissWorkspace() {
        meetings.put("m-shared", new KnownMeeting("m-shared", "Acme Bank", false, Set.of(), "identity",
                Set.of(Members.WORKSPACE)));
        fixture.given(PROPOSED)
                .when(link("e-1", "m-shared", null, EvidenceDirection.SUPPORTS))
                .expectEvents(link("e-1", "m-shared", null, EvidenceDirection.SUPPORTS).toEvent(false));
    }

    @Test
    void EvidenceFromOwnOrSharedMeeting() {
        meetings.put("m-theirs", new KnownMeeting("m-theirs", "Acme Bank", false, Set.of(), "identity", Set.of()));
        // to a member of the meeting's workspace, the rule says why
        fixture.given(PROPOSED)
                .when(link("e-1", "m-theirs", null, EvidenceDirection.SUPPORTS),
                        Members.access(Map.of(Members.WORKSPACE, Role.CONTRIBUTOR, "identity", Role.VIEWER),
                                Role.CONTRIBUTOR))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceFromOwnOrSharedMeeting"));
        // to anybody else, a meeting they cannot see is not recorded
        fixture.given(PROPOSED)
                .when(link("e-1", "m-theirs", null, EvidenceDirection.SUPPORTS))
                .expectNoEvents()
                .expectException(Violates.rule("EvidenceNeedsRecordedMeeting"));
    }

    private static Matcher<EventMessage<?>> inWorkspace(String workspace) {
        return Matchers.predicate(event -> workspace.equals(event.getMetaData().get(EventMetadata.WORKSPACE)));
    }
}
