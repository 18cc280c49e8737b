package io.insightledger.command.hypothesis;

import io.insightledger.command.decision.DecideHypothesisCommand;
import io.insightledger.command.evidence.LinkEvidenceCommand;
import io.insightledger.command.meeting.MeetingLookup;
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An idea the team believes and wants to test, with the evidence linked to it and the decisions taken on it.
 * Every handler answers with the hypothesis's version after the command.
 */
@Aggregate
public class Hypothesis {

    @AggregateIdentifier
    private String hypothesisId;
    private HypothesisProposedEvent proposed;
    private HypothesisStatus status;
    private final Map<String, EvidenceLinkedEvent> evidence = new HashMap<>();
    private final Map<String, HypothesisDecidedEvent> decisions = new HashMap<>();

    protected Hypothesis() {
        // for Axon: rebuilt from its events
    }

    /** Proposing the same hypothesis twice (a client's retry) changes nothing; other content under its id is a conflict. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(ProposeHypothesisCommand command) {
        HypothesisProposedEvent event = command.toEvent();
        if (proposed != null && !proposed.equals(event)) {
            throw RuleViolationException.conflict("HypothesisIdTaken",
                    "Hypothesis " + hypothesisId + " was already proposed with different content");
        }
        if (proposed == null) {
            apply(event);
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(LinkEvidenceCommand command, MeetingLookup meetings) {
        EvidenceLinkedEvent event = command.toEvent();
        EvidenceLinkedEvent earlier = evidence.get(command.evidenceId());
        if (earlier != null) {
            return sameAsBefore(earlier.equals(event), "EvidenceIdTaken", "Evidence " + command.evidenceId());
        }
        requireNotPivoted();
        MeetingLookup.KnownMeeting meeting = meetings.find(command.meetingId())
                .orElseThrow(() -> RuleViolationException.unprocessable("EvidenceNeedsRecordedMeeting",
                        "Meeting " + command.meetingId() + " is not recorded"));
        if (meeting.retracted()) {
            throw RuleViolationException.unprocessable("EvidenceNeedsRecordedMeeting",
                    "Meeting " + command.meetingId() + " was retracted and cannot serve as evidence");
        }
        boolean linkedBefore = evidence.values().stream().anyMatch(e -> e.meetingId().equals(command.meetingId())
                && Objects.equals(e.observationId(), command.observationId()));
        if (linkedBefore) {
            throw RuleViolationException.conflict("EvidenceLinkedOnce", command.observationId() == null
                    ? "Meeting " + command.meetingId() + " is already linked to this hypothesis"
                    : "Observation " + command.observationId() + " is already linked to this hypothesis");
        }
        apply(event);
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(DecideHypothesisCommand command) {
        HypothesisDecidedEvent event = command.toEvent();
        HypothesisDecidedEvent earlier = decisions.get(command.decisionId());
        if (earlier != null) {
            return sameAsBefore(earlier.equals(event), "DecisionIdTaken", "Decision " + command.decisionId());
        }
        requireNotPivoted();
        if (status != HypothesisStatus.OPEN) {
            throw RuleViolationException.conflict("DecidedHypothesisMustBeReopened",
                    "Hypothesis " + hypothesisId + " is " + status + "; reopen it before deciding again");
        }
        if (command.rationale() == null || command.rationale().isBlank()) {
            throw RuleViolationException.unprocessable("DecisionNeedsRationale", "A decision needs a rationale");
        }
        List<String> evidenceIds = command.evidenceIds();
        if (command.outcome() != DecisionOutcome.PARKED && evidenceIds.isEmpty()) {
            throw RuleViolationException.unprocessable("DecisionRestsOnEvidence",
                    "To decide " + command.outcome() + " name at least one piece of evidence");
        }
        evidenceIds.stream().filter(id -> !evidence.containsKey(id)).findFirst().ifPresent(id -> {
            throw RuleViolationException.unprocessable("DecisionRestsOnEvidence",
                    "Evidence " + id + " is not linked to hypothesis " + hypothesisId);
        });
        apply(event);
        return AggregateLifecycle.getVersion();
    }

    private long sameAsBefore(boolean same, String rule, String what) {
        if (!same) {
            throw RuleViolationException.conflict(rule, what + " was already recorded with different content");
        }
        return AggregateLifecycle.getVersion();
    }

    private void requireNotPivoted() {
        if (status == HypothesisStatus.PIVOTED) {
            throw RuleViolationException.conflict("PivotedHypothesisIsReadOnly",
                    "Hypothesis " + hypothesisId + " is PIVOTED and accepts nothing but reads");
        }
    }

    @EventSourcingHandler
    void on(HypothesisProposedEvent event) {
        hypothesisId = event.hypothesisId();
        proposed = event;
        status = HypothesisStatus.OPEN;
    }

    @EventSourcingHandler
    void on(EvidenceLinkedEvent event) {
        evidence.put(event.evidenceId(), event);
    }

    @EventSourcingHandler
    void on(HypothesisDecidedEvent event) {
        decisions.put(event.decisionId(), event);
        status = HypothesisStatus.valueOf(event.outcome().name());
    }
}
