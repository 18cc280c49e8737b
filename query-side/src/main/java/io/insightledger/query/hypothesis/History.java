package io.insightledger.query.hypothesis;

import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisPivotedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.hypothesis.HypothesisReopenedEvent;
import io.insightledger.events.hypothesis.HypothesisRevisedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A hypothesis's history step by step: each event with a sentence for people, and the state it left. The timeline is
 * this without the states, so the evolution replay and the timeline always tell the same story.
 */
final class History {

    /** One step of the evolution replay. */
    record Step(long sequenceNumber, String type, Instant occurredAt, String actor, String correlationId,
                String summary, HypothesisState state) {
    }

    /** One item of the timeline: the step, and the confidence it left. */
    record TimelineItem(long sequenceNumber, String type, Instant occurredAt, String actor, String correlationId,
                        String summary, double confidence, String workspace) {

        static TimelineItem of(Step step) {
            return new TimelineItem(step.sequenceNumber(), step.type(), step.occurredAt(), step.actor(),
                    step.correlationId(), step.summary(), step.state().confidence(), step.state().workspace());
        }
    }

    private History() {
    }

    /**
     * One page of the steps, each made into an item, as the entries stream in (in order). Before the page the entries
     * are only folded; after it nothing more is read. So a page costs the fold's state and its own items, however long
     * the history: a timeline item keeps nothing of the state it was made from.
     *
     * @param first the position of the page's first step, from 0
     */
    static <T> List<T> page(Stream<JournalEntry> entries, Map<String, MeetingFact> meetings, Duration staleAfter,
                            long first, int size, Function<Step, T> item) {
        HypothesisFold fold = new HypothesisFold(meetings, staleAfter);
        List<T> page = new ArrayList<>(size);
        Iterator<JournalEntry> remaining = entries.iterator();
        for (long position = 0; page.size() < size && remaining.hasNext(); position++) {
            JournalEntry entry = remaining.next();
            fold.apply(entry);
            if (position >= first) {
                page.add(item.apply(step(entry, fold.snapshot(entry.occurredAt()))));
            }
        }
        return page;
    }

    /** The step an entry made, given the state it left. */
    static Step step(JournalEntry entry, HypothesisState after) {
        return new Step(entry.sequenceNumber(), entry.type(), entry.occurredAt(), entry.actor(),
                entry.correlationId(), summary(entry.event(), after), after);
    }

    private static String summary(Object event, HypothesisState after) {
        if (event instanceof HypothesisProposedEvent e) {
            return "Proposed \"" + e.title() + "\" (" + e.category() + ")"
                    + (e.parentId() == null ? "" : ", growing out of " + e.parentId());
        }
        if (event instanceof HypothesisRevisedEvent e) {
            return "Revised the wording: " + e.reason();
        }
        if (event instanceof EvidenceLinkedEvent e) {
            HypothesisState.Evidence item = after.evidence().stream()
                    .filter(evidence -> evidence.id().equals(e.evidenceId())).findFirst().orElseThrow();
            String source = item.meetingTitle() == null ? "meeting " + e.meetingId()
                    : "\"" + item.meetingTitle() + "\" with " + item.organization();
            return "Linked " + e.strength().name().toLowerCase() + " "
                    + (e.direction().name().equals("SUPPORTS") ? "supporting" : "contradicting")
                    + " evidence from " + source
                    + (Boolean.TRUE.equals(e.linkedAfterDecision()) ? ", after the decision" : "");
        }
        if (event instanceof EvidenceWithdrawnEvent e) {
            return "Withdrew evidence " + e.evidenceId() + ": " + e.reason();
        }
        if (event instanceof HypothesisDecidedEvent e) {
            return "Decided " + e.outcome() + ": " + e.rationale();
        }
        if (event instanceof HypothesisReopenedEvent e) {
            return "Reopened: " + e.reason();
        }
        if (event instanceof HypothesisPivotedEvent e) {
            return "Pivoted to " + e.successorId() + ": " + e.rationale();
        }
        return event.getClass().getSimpleName();
    }
}
