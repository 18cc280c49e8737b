package io.insightledger.query.hypothesis;

import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisPivotedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.hypothesis.HypothesisReopenedEvent;
import io.insightledger.events.hypothesis.HypothesisRevisedEvent;
import io.insightledger.query.hypothesis.HypothesisState.Decision;
import io.insightledger.query.hypothesis.HypothesisState.Flag;
import io.insightledger.query.hypothesis.HypothesisState.Revision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fold of a hypothesis's own events into its state. Every view of a hypothesis (now, as of an instant, each step
 * of its evolution, the timeline's confidence, the decision log) is computed here, so none can disagree with another.
 */
public final class HypothesisFold {

    private final Map<String, MeetingFact> meetings;
    private final Duration staleAfter;

    private HypothesisProposedEvent proposed;
    private Instant proposedAt;
    private String proposedBy;
    private String title;
    private String statement;
    private String successCriteria;
    private HypothesisStatus status;
    private String successorId;
    private Instant lastActivityAt;
    private Instant lastEvidenceAt;
    private long version = -1;
    private final List<Revision> revisions = new ArrayList<>();
    private final Map<String, Linked> evidence = new LinkedHashMap<>();
    private final List<Decision> decisions = new ArrayList<>();

    /** Evidence as linked, and whether and why it was withdrawn. */
    private record Linked(EvidenceLinkedEvent event, Instant linkedAt, String linkedBy, Instant withdrawnAt,
                          String withdrawalReason) {
    }

    /**
     * @param meetings   what is known of the meetings the evidence points at
     * @param staleAfter how long an open hypothesis may go without new evidence before it is STALE
     */
    public HypothesisFold(Map<String, MeetingFact> meetings, Duration staleAfter) {
        this.meetings = meetings;
        this.staleAfter = staleAfter;
    }

    /**
     * Its state after all of {@code entries} with an instant at or before {@code asOf}; empty if not proposed yet.
     * The entries are folded as they come: only the fold's state is kept.
     */
    public static Optional<HypothesisState> asOf(Stream<JournalEntry> entries, Map<String, MeetingFact> meetings,
                                                 Duration staleAfter, Instant asOf) {
        HypothesisFold fold = new HypothesisFold(meetings, staleAfter);
        entries.filter(e -> !e.occurredAt().isAfter(asOf)).forEachOrdered(fold::apply);
        return fold.isProposed() ? Optional.of(fold.snapshot(asOf)) : Optional.empty();
    }

    public boolean isProposed() {
        return proposed != null;
    }

    public void apply(JournalEntry entry) {
        Object event = entry.event();
        version = entry.sequenceNumber();
        lastActivityAt = entry.occurredAt();
        if (event instanceof HypothesisProposedEvent e) {
            proposed = e;
            proposedAt = entry.occurredAt();
            proposedBy = entry.actor();
            title = e.title();
            statement = e.statement();
            successCriteria = e.successCriteria();
            status = HypothesisStatus.OPEN;
            lastEvidenceAt = entry.occurredAt();
        } else if (event instanceof HypothesisRevisedEvent e) {
            title = Objects.requireNonNullElse(e.title(), title);
            statement = Objects.requireNonNullElse(e.statement(), statement);
            successCriteria = Objects.requireNonNullElse(e.successCriteria(), successCriteria);
            revisions.add(new Revision(entry.occurredAt(), entry.actor(), e.title(), e.statement(),
                    e.successCriteria(), e.reason()));
        } else if (event instanceof EvidenceLinkedEvent e) {
            evidence.put(e.evidenceId(), new Linked(e, entry.occurredAt(), entry.actor(), null, null));
            lastEvidenceAt = entry.occurredAt();
        } else if (event instanceof EvidenceWithdrawnEvent e) {
            evidence.computeIfPresent(e.evidenceId(), (id, linked) -> new Linked(linked.event(), linked.linkedAt(),
                    linked.linkedBy(), entry.occurredAt(), e.reason()));
        } else if (event instanceof HypothesisDecidedEvent e) {
            decisions.add(new Decision(e.decisionId(), e.outcome().name(), e.rationale(), e.evidenceIds(),
                    entry.occurredAt(), entry.actor(), explain(entry.occurredAt()).confidence(), null, null));
            status = HypothesisStatus.valueOf(e.outcome().name());
        } else if (event instanceof HypothesisReopenedEvent e) {
            if (!decisions.isEmpty()) {
                Decision last = decisions.remove(decisions.size() - 1);
                decisions.add(new Decision(last.id(), last.outcome(), last.rationale(), last.evidenceIds(),
                        last.decidedAt(), last.decidedBy(), last.confidenceThen(), entry.occurredAt(), e.reason()));
            }
            status = HypothesisStatus.OPEN;
        } else if (event instanceof HypothesisPivotedEvent e) {
            successorId = e.successorId();
            status = HypothesisStatus.PIVOTED;
        }
    }

    /** The state as it stood at {@code at}: meetings retracted by then no longer count ({@code null}: now). */
    public HypothesisState snapshot(Instant at) {
        List<HypothesisState.Evidence> items = evidence.values().stream().map(linked -> item(linked, at)).toList();
        List<HypothesisState.Evidence> counting = items.stream().filter(HypothesisState.Evidence::counts).toList();
        Confidence.Explanation explanation = explain(at);
        return new HypothesisState(proposed.hypothesisId(), proposed.workspaceId(), title, statement,
                proposed.category().name(), successCriteria, proposed.owner(), proposed.tags(), proposed.segments(),
                proposed.parentId(), successorId, status, proposedAt, proposedBy, lastActivityAt, lastEvidenceAt,
                version, (int) counting.stream().filter(e -> e.direction().equals("SUPPORTS")).count(),
                (int) counting.stream().filter(e -> e.direction().equals("CONTRADICTS")).count(),
                counting.stream().map(HypothesisState.Evidence::organization).filter(Objects::nonNull).distinct()
                        .sorted().toList(),
                counting.stream().map(HypothesisState.Evidence::segment).filter(Objects::nonNull).distinct()
                        .sorted().toList(),
                explanation.confidence(), explanation, flags(counting, at), List.copyOf(revisions), items,
                List.copyOf(decisions));
    }

    private HypothesisState.Evidence item(Linked linked, Instant at) {
        EvidenceLinkedEvent e = linked.event();
        MeetingFact meeting = meetings.get(e.meetingId());
        boolean retracted = meeting != null && meeting.retractedAt(at);
        return new HypothesisState.Evidence(e.evidenceId(), e.meetingId(),
                meeting == null ? null : meeting.title(), meeting == null ? null : meeting.organization(),
                meeting == null ? null : meeting.segment(), e.observationId(),
                meeting == null || e.observationId() == null ? null : meeting.observations().get(e.observationId()),
                e.direction().name(),
                e.strength().name(), e.note(), linked.linkedAt(), linked.linkedBy(), e.linkedAfterDecision(),
                linked.withdrawnAt(), linked.withdrawalReason(), retracted,
                linked.withdrawnAt() == null && !retracted);
    }

    private Confidence.Explanation explain(Instant at) {
        return Confidence.explain(evidence.values().stream().map(linked -> {
            EvidenceLinkedEvent e = linked.event();
            MeetingFact meeting = meetings.get(e.meetingId());
            Confidence.Void voided = linked.withdrawnAt() != null ? Confidence.Void.WITHDRAWN
                    : meeting != null && meeting.retractedAt(at) ? Confidence.Void.MEETING_RETRACTED : null;
            // until the meeting is known, its evidence stands for an organisation of its own
            String organization = meeting != null ? meeting.organization() : "meeting " + e.meetingId();
            return new Confidence.Evidence(e.evidenceId(), organization, e.direction(), e.strength(), voided);
        }).toList());
    }

    private Set<Flag> flags(List<HypothesisState.Evidence> counting, Instant at) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (status == HypothesisStatus.VALIDATED) {
            Instant validatedAt = decisions.get(decisions.size() - 1).decidedAt();
            if (counting.stream().anyMatch(e -> e.direction().equals(EvidenceDirection.CONTRADICTS.name())
                    && e.linkedAt().isAfter(validatedAt))) {
                flags.add(Flag.AT_RISK);
            }
        }
        List<String> supportingOrganizations = counting.stream()
                .filter(e -> e.direction().equals(EvidenceDirection.SUPPORTS.name()))
                .map(e -> e.organization() != null ? e.organization() : "meeting " + e.meetingId())
                .distinct().toList();
        if (supportingOrganizations.size() == 1) {
            flags.add(Flag.SINGLE_SOURCE);
        }
        if (at != null && Flag.stale(status, lastEvidenceAt, at, staleAfter)) {
            flags.add(Flag.STALE);
        }
        return flags;
    }
}
