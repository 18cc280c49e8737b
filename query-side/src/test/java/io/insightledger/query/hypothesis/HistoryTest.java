package io.insightledger.query.hypothesis;

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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static io.insightledger.query.hypothesis.HypothesisFoldTest.MEETINGS;
import static io.insightledger.query.hypothesis.HypothesisFoldTest.STALE_AFTER;
import static io.insightledger.query.hypothesis.HypothesisFoldTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of the history, folded as the journal streams in, against the whole history folded into a list and then
 * paged (how every page was answered before): on a generated journal with every kind of event, they must agree.
 */
class HistoryTest {

    // evidence from a meeting the query side has not heard of (yet) stands for an organisation of its own
    private static final List<String> CITED = List.of("m-acme", "m-beta", "m-unknown");

    private final List<JournalEntry> journal = generated(new Random(7), 400);

    /** Proposed, then a random walk of evidence, withdrawals, revisions, decisions and reopenings, then a pivot. */
    private static List<JournalEntry> generated(Random random, int length) {
        List<Object> events = new ArrayList<>();
        events.add(new HypothesisProposedEvent("h", "Idea", "We believe", HypothesisCategory.VIABILITY, "criteria",
                "pat", List.of("security"), List.of("bank"), null, "default"));
        List<String> linked = new ArrayList<>();
        boolean decided = false;
        while (events.size() < length - 1) {
            int pick = random.nextInt(10);
            if (decided && pick < 2) {
                events.add(new HypothesisReopenedEvent("h", "new doubts " + events.size()));
                decided = false;
            } else if (pick < 5 || linked.isEmpty()) {
                String id = "e" + events.size();
                String meeting = CITED.get(random.nextInt(CITED.size()));
                events.add(new EvidenceLinkedEvent("h", id, meeting, meeting.equals("m-acme") ? "o1" : null,
                        EvidenceDirection.values()[random.nextInt(2)], EvidenceStrength.values()[random.nextInt(3)],
                        "note " + id, decided));
                linked.add(id);
            } else if (pick < 6) {
                events.add(new EvidenceWithdrawnEvent("h", linked.get(random.nextInt(linked.size())), "misheard"));
            } else if (pick < 8) {
                events.add(new HypothesisRevisedEvent("h", random.nextBoolean() ? "Idea " + events.size() : null,
                        null, random.nextBoolean() ? "criteria " + events.size() : null, "sharper"));
            } else if (!decided) {
                events.add(new HypothesisDecidedEvent("h", "d" + events.size(),
                        DecisionOutcome.values()[random.nextInt(3)], "because", List.of(linked.get(0))));
                decided = true;
            }
        }
        events.add(new HypothesisPivotedEvent("h", "h2", "elsewhere"));
        List<JournalEntry> entries = new ArrayList<>();
        Instant at = T0;
        for (Object event : events) {
            // now and then a long quiet spell, long enough to go stale
            at = at.plus(Duration.ofHours(random.nextInt(10) == 0 ? 24 * 40 : 1 + random.nextInt(48)));
            entries.add(new JournalEntry(entries.size(), at, "pat", "c-" + entries.size(), event));
        }
        return entries;
    }

    /** The whole history as a list, a full state per step: how the evolution and the timeline were computed. */
    private List<History.Step> allSteps() {
        HypothesisFold fold = new HypothesisFold(MEETINGS, STALE_AFTER);
        List<History.Step> steps = new ArrayList<>();
        for (JournalEntry entry : journal) {
            fold.apply(entry);
            steps.add(History.step(entry, fold.snapshot(entry.occurredAt())));
        }
        return steps;
    }

    private <T> List<T> page(long first, int size, Function<History.Step, T> item) {
        return History.page(journal.stream(), MEETINGS, STALE_AFTER, first, size, item);
    }

    @Test
    void everyPageOfTheEvolutionAndTheTimelineIsThatPageOfTheWholeHistory() {
        List<History.Step> all = allSteps();
        for (int size : List.of(3, 20, 200)) {
            for (int first = 0; first <= all.size() + size; first += size) {
                List<History.Step> expected = all.subList(Math.min(first, all.size()),
                        Math.min(first + size, all.size()));
                assertThat(page(first, size, Function.identity())).as("steps %d to %d", first, first + size)
                        .isEqualTo(expected);
                assertThat(page(first, size, History.TimelineItem::of)).as("items %d to %d", first, first + size)
                        .isEqualTo(expected.stream().map(History.TimelineItem::of).toList());
            }
        }
    }

    @Test
    void theGeneratedHistoryHasEveryKindOfStep() {
        List<History.Step> all = allSteps();
        assertThat(all).extracting(History.Step::type).contains("HypothesisProposed", "EvidenceLinked",
                "EvidenceWithdrawn", "HypothesisRevised", "HypothesisDecided", "HypothesisReopened",
                "HypothesisPivoted");
        assertThat(all).extracting(step -> step.state().status()).contains(HypothesisStatus.OPEN,
                HypothesisStatus.PIVOTED);
        assertThat(all).anySatisfy(step -> assertThat(step.state().flags()).contains(HypothesisState.Flag.STALE));
        assertThat(all.get(all.size() - 1).state().evidence()).anySatisfy(
                evidence -> assertThat(evidence.meetingRetracted()).isTrue());
    }

    @Test
    void aPageReadsTheJournalUpToItsLastStepAndNoFurther() {
        AtomicLong read = new AtomicLong();

        List<History.Step> steps = History.page(journal.stream().peek(entry -> read.incrementAndGet()), MEETINGS,
                STALE_AFTER, 40, 20, Function.identity());

        assertThat(steps).extracting(History.Step::sequenceNumber).first().isEqualTo(40L);
        assertThat(read).hasValue(60);
    }

    @Test
    void eachStepIsTheHypothesisAsOfItsEvent() {
        List<History.Step> all = allSteps();
        for (int i = 0; i < all.size(); i += 13) {
            Instant at = journal.get(i).occurredAt();
            assertThat(all.get(i).state()).isEqualTo(
                    HypothesisFold.asOf(journal.stream(), MEETINGS, STALE_AFTER, at).orElseThrow());
        }
    }
}
