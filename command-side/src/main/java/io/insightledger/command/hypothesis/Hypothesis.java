package io.insightledger.command.hypothesis;

import io.insightledger.command.decision.DecideHypothesisCommand;
import io.insightledger.command.evidence.LinkEvidenceCommand;
import io.insightledger.command.evidence.WithdrawEvidenceCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.PivotHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.ReopenHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.ReviseHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.Successor;
import io.insightledger.command.meeting.MeetingLookup;
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.command.system.WorkspaceAccess;
import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisPivotedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.hypothesis.HypothesisReopenedEvent;
import io.insightledger.events.hypothesis.HypothesisRevisedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An idea the team believes and wants to test, with the evidence linked to it and the decisions taken on it.
 * Every handler answers with the hypothesis's version after the command; a command that would change nothing
 * (a retry, a revision to the same text) stores nothing.
 */
@Aggregate(cache = "hypothesisCache")
public class Hypothesis {

    @AggregateIdentifier
    private String hypothesisId;
    private HypothesisProposedEvent proposed;
    private String title;
    private String statement;
    private String successCriteria;
    private HypothesisStatus status;
    private HypothesisPivotedEvent pivot;
    private final Map<String, EvidenceLinkedEvent> evidence = new HashMap<>();
    private final Set<String> withdrawn = new HashSet<>();
    private final Map<String, HypothesisDecidedEvent> decisions = new HashMap<>();
    private String workspaceId;

    protected Hypothesis() {
        // for Axon: rebuilt from its events
    }

    /** A successor, proposed by a pivot in the same unit of work as the pivot itself. */
    private Hypothesis(HypothesisProposedEvent successor) {
        apply(successor, WorkspaceAccess.eventMetaData(successor.workspaceId()));
    }

    /**
     * Holds every command on a proposed hypothesis to its workspace: a caller who is no member there finds nothing
     * (404, as for an id never used), and a member needs the role the operation declares. A new hypothesis is checked
     * by its own handler, against the workspace it names.
     */
    @CommandHandlerInterceptor
    Object onlyInItsWorkspace(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        if (workspaceId != null) {
            WorkspaceAccess.holdTo(workspaceId, Set.of(), command, hypothesisId, ProposeHypothesisCommand.class,
                    "HypothesisIdTaken");
        }
        return chain.proceed();
    }

    /** Proposing the same hypothesis twice (a client's retry) changes nothing; other content under its id is a conflict. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(ProposeHypothesisCommand command, HypothesisLookup hypotheses, MetaData metaData) {
        HypothesisProposedEvent event = command.toEvent();
        if (proposed != null) {
            return sameAsBefore(proposed.equals(event), "HypothesisIdTaken", "Hypothesis " + hypothesisId);
        }
        WorkspaceAccess.of(metaData).requireToCreateIn(event.workspaceId());
        // a hypothesis grows out of one of its own team's
        if (command.parentId() != null
                && !hypotheses.workspaceOf(command.parentId()).map(event.workspaceId()::equals).orElse(false)) {
            throw RuleViolationException.unprocessable("ParentHypothesisMustExist",
                    "Hypothesis " + command.parentId() + " does not exist in workspace " + event.workspaceId())
                    .concerning("parentId");
        }
        apply(event, WorkspaceAccess.eventMetaData(event.workspaceId()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReviseHypothesisCommand command) {
        requireChangeable();
        String newTitle = changed(title, command.title());
        String newStatement = changed(statement, command.statement());
        String newCriteria = changed(successCriteria, command.successCriteria());
        if (newTitle != null || newStatement != null || newCriteria != null) {
            record(new HypothesisRevisedEvent(hypothesisId, newTitle, newStatement, newCriteria, command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(LinkEvidenceCommand command, MeetingLookup meetings, MetaData metaData) {
        EvidenceLinkedEvent earlier = evidence.get(command.evidenceId());
        if (earlier != null) {
            return sameAsBefore(earlier.equals(command.toEvent(earlier.linkedAfterDecision())),
                    "EvidenceIdTaken", "Evidence " + command.evidenceId());
        }
        requireChangeable();
        RuleViolationException unrecorded = RuleViolationException.unprocessable("EvidenceNeedsRecordedMeeting",
                "Meeting " + command.meetingId() + " is not recorded").concerning("meetingId");
        MeetingLookup.KnownMeeting meeting = meetings.find(command.meetingId()).orElseThrow(() -> unrecorded);
        if (!meeting.citableFrom(workspaceId)) {
            // to someone who cannot see the meeting's workspace, it is not recorded at all
            throw !WorkspaceAccess.of(metaData).sees(meeting.workspaceId()) ? unrecorded
                    : RuleViolationException.unprocessable("EvidenceFromOwnOrSharedMeeting", "Meeting "
                            + command.meetingId() + " belongs to workspace " + meeting.workspaceId()
                            + " and is not shared with workspace " + workspaceId).concerning("meetingId");
        }
        if (meeting.retracted()) {
            throw RuleViolationException.unprocessable("EvidenceNeedsRecordedMeeting",
                    "Meeting " + command.meetingId() + " was retracted and cannot serve as evidence").concerning("meetingId");
        }
        if (command.observationId() != null && !meeting.observationIds().contains(command.observationId())) {
            throw RuleViolationException.unprocessable("EvidenceObservationBelongsToMeeting",
                    "Meeting " + command.meetingId() + " has no observation " + command.observationId())
                    .concerning("observationId");
        }
        boolean linkedBefore = evidence.values().stream()
                .filter(e -> !withdrawn.contains(e.evidenceId()))
                .anyMatch(e -> e.meetingId().equals(command.meetingId())
                        && Objects.equals(e.observationId(), command.observationId()));
        if (linkedBefore) {
            throw RuleViolationException.conflict("EvidenceLinkedOnce", command.observationId() == null
                    ? "Meeting " + command.meetingId() + " is already linked to this hypothesis"
                    : "Observation " + command.observationId() + " is already linked to this hypothesis")
                    .concerning(command.observationId() == null ? "meetingId" : "observationId");
        }
        record(command.toEvent(status != HypothesisStatus.OPEN));
        return AggregateLifecycle.getVersion();
    }

    /** Withdrawing twice changes nothing. */
    @CommandHandler
    long handle(WithdrawEvidenceCommand command) {
        requireChangeable();
        if (!evidence.containsKey(command.evidenceId())) {
            throw RuleViolationException.notFound("EvidenceMustExist",
                    "Hypothesis " + hypothesisId + " has no evidence " + command.evidenceId());
        }
        if (!withdrawn.contains(command.evidenceId())) {
            record(new EvidenceWithdrawnEvent(hypothesisId, command.evidenceId(), command.reason()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(DecideHypothesisCommand command) {
        HypothesisDecidedEvent earlier = decisions.get(command.decisionId());
        if (earlier != null) {
            return sameAsBefore(earlier.equals(command.toEvent()), "DecisionIdTaken",
                    "Decision " + command.decisionId());
        }
        requireChangeable();
        if (status != HypothesisStatus.OPEN) {
            throw RuleViolationException.conflict("DecidedHypothesisMustBeReopened",
                    "Hypothesis " + hypothesisId + " is " + status + "; reopen it before deciding again");
        }
        if (command.rationale() == null || command.rationale().isBlank()) {
            throw RuleViolationException.unprocessable("DecisionNeedsRationale", "A decision needs a rationale")
                    .concerning("rationale");
        }
        if (command.outcome() != DecisionOutcome.PARKED && command.evidenceIds().isEmpty()) {
            throw RuleViolationException.unprocessable("DecisionRestsOnEvidence",
                    "To decide " + command.outcome() + " name at least one piece of evidence").concerning("evidenceIds");
        }
        for (String id : command.evidenceIds()) {
            if (!evidence.containsKey(id) || withdrawn.contains(id)) {
                throw RuleViolationException.unprocessable("DecisionRestsOnEvidence", "Evidence " + id
                        + (withdrawn.contains(id) ? " was withdrawn" : " is not linked to hypothesis " + hypothesisId))
                        .concerning("evidenceIds");
            }
        }
        record(command.toEvent());
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReopenHypothesisCommand command) {
        requireChangeable();
        if (status == HypothesisStatus.OPEN) {
            throw RuleViolationException.conflict("OnlyDecidedHypothesisReopens",
                    "Hypothesis " + hypothesisId + " is OPEN already");
        }
        record(new HypothesisReopenedEvent(hypothesisId, command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** Closes this hypothesis as PIVOTED and proposes its successor: both or neither. A retry changes nothing. */
    @CommandHandler
    long handle(PivotHypothesisCommand command, HypothesisLookup hypotheses) {
        Successor successor = command.successor();
        if (pivot != null && pivot.successorId().equals(successor.hypothesisId())
                && pivot.rationale().equals(command.rationale())) {
            return AggregateLifecycle.getVersion();
        }
        requireChangeable();
        if (hypotheses.workspaceOf(successor.hypothesisId()).isPresent()) {
            throw RuleViolationException.conflict("SuccessorIsANewHypothesis",
                    "Hypothesis " + successor.hypothesisId() + " exists already; a successor needs a new id")
                    .concerning("successor.id");
        }
        record(new HypothesisPivotedEvent(hypothesisId, successor.hypothesisId(), command.rationale()));
        HypothesisProposedEvent proposal = new HypothesisProposedEvent(successor.hypothesisId(), successor.title(),
                successor.statement(), successor.category(), successor.successCriteria(), successor.owner(),
                successor.tags(), successor.segments().isEmpty() ? proposed.segments() : successor.segments(),
                hypothesisId, proposed.workspaceId());
        try {
            AggregateLifecycle.createNew(Hypothesis.class, () -> new Hypothesis(proposal));
        } catch (Exception e) {
            throw new IllegalStateException("Successor " + successor.hypothesisId() + " could not be proposed", e);
        }
        return AggregateLifecycle.getVersion();
    }

    /** Every event of the hypothesis carries its workspace. */
    private void record(Object event) {
        apply(event, WorkspaceAccess.eventMetaData(workspaceId));
    }

    private long sameAsBefore(boolean same, String rule, String what) {
        if (!same) {
            throw RuleViolationException.conflict(rule, what + " was already recorded with different content");
        }
        return AggregateLifecycle.getVersion();
    }

    private void requireChangeable() {
        if (status == HypothesisStatus.PIVOTED) {
            throw RuleViolationException.conflict("PivotedHypothesisIsReadOnly",
                    "Hypothesis " + hypothesisId + " is PIVOTED and accepts nothing but reads");
        }
    }

    /** The new value if it differs from the current one, otherwise {@code null} (unchanged). */
    private static String changed(String current, String requested) {
        return requested == null || requested.equals(current) ? null : requested;
    }

    @EventSourcingHandler
    void on(HypothesisProposedEvent event) {
        hypothesisId = event.hypothesisId();
        proposed = event;
        title = event.title();
        statement = event.statement();
        successCriteria = event.successCriteria();
        status = HypothesisStatus.OPEN;
        workspaceId = event.workspaceId();
    }

    @EventSourcingHandler
    void on(HypothesisRevisedEvent event) {
        title = Objects.requireNonNullElse(event.title(), title);
        statement = Objects.requireNonNullElse(event.statement(), statement);
        successCriteria = Objects.requireNonNullElse(event.successCriteria(), successCriteria);
    }

    @EventSourcingHandler
    void on(EvidenceLinkedEvent event) {
        evidence.put(event.evidenceId(), event);
    }

    @EventSourcingHandler
    void on(EvidenceWithdrawnEvent event) {
        withdrawn.add(event.evidenceId());
    }

    @EventSourcingHandler
    void on(HypothesisDecidedEvent event) {
        decisions.put(event.decisionId(), event);
        status = HypothesisStatus.valueOf(event.outcome().name());
    }

    @EventSourcingHandler
    void on(HypothesisReopenedEvent event) {
        status = HypothesisStatus.OPEN;
    }

    @EventSourcingHandler
    void on(HypothesisPivotedEvent event) {
        pivot = event;
        status = HypothesisStatus.PIVOTED;
    }
}
