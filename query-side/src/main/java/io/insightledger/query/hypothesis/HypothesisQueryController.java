package io.insightledger.query.hypothesis;

import io.insightledger.platform.web.Storable;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadYourWrites;
import io.insightledger.query.system.RecentAnswers;
import jakarta.validation.Valid;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The board, a hypothesis, its timeline and its evolution; each as it stands now or, with {@code asOf}, as it stood
 * then. Now is read from the stored fold, the past is folded on demand: the same fold, so the same answer.
 */
@RestController
@RequestMapping("/api/hypotheses")
class HypothesisQueryController {

    private final JdbcClient jdbc;
    private final StoredStates states;
    private final HypothesisJournal journal;
    private final ProjectionAdmin projections;
    private final ReadYourWrites readYourWrites;
    private final Duration staleAfter;
    private final RecentAnswers<BoardQuery.Sql, Long> totals;

    HypothesisQueryController(JdbcClient jdbc, StoredStates states, HypothesisJournal journal,
                              ProjectionAdmin projections, ReadYourWrites readYourWrites,
                              @Value("${insight.projections.stale-after}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.states = states;
        this.journal = journal;
        this.projections = projections;
        this.totals = new RecentAnswers<>(Duration.ofSeconds(1), projections::rebuildsEnded);
        this.readYourWrites = readYourWrites;
        this.staleAfter = staleAfter;
    }

    @GetMapping
    PageResponse<BoardRow> board(@Valid BoardQuery query, @Valid PageRequest page,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                 Instant asOf) {
        projections.requireReady(HypothesisProjection.NAME);
        query.sorting();
        Storable.requireQueryable("asOf", asOf);
        return asOf == null ? boardNow(query, page) : boardAsOf(query, page, asOf);
    }

    private PageResponse<BoardRow> boardNow(BoardQuery query, PageRequest page) {
        Instant now = Instant.now();
        BoardQuery.Sql sql = query.sql(now.minus(staleAfter));
        List<Object> params = new ArrayList<>(sql.params());
        params.add(page.size());
        params.add(page.offset());
        List<BoardRow> rows = jdbc.sql("SELECT state FROM hypothesis_board WHERE " + sql.where()
                        + " ORDER BY " + query.orderBy() + " LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, row) -> BoardRow.of(states.read(rs.getString(1)).seenAt(now, staleAfter)))
                .list();
        // counting every matching row costs more than the page itself on a large board: a total is up to 2 s old
        long total = totals.get(sql, () -> jdbc.sql("SELECT count(*) FROM hypothesis_board WHERE " + sql.where())
                .params(sql.params()).query(Long.class).single());
        return PageResponse.of(rows, page, total);
    }

    private PageResponse<BoardRow> boardAsOf(BoardQuery query, PageRequest page, Instant asOf) {
        Map<String, List<JournalEntry>> histories = journal.allUpTo(asOf);
        Map<String, MeetingFact> meetings = journal.meetings(histories.values());
        List<HypothesisState> matching = histories.values().stream()
                .map(entries -> HypothesisFold.asOf(entries.stream(), meetings, staleAfter, asOf))
                .flatMap(Optional::stream)
                .filter(query::matches)
                .toList();
        return PageResponse.of(query.sortAndPage(matching, page).stream().map(BoardRow::of).toList(), page,
                matching.size());
    }

    /**
     * @param minVersion wait (briefly) until the hypothesis is projected at least at this version
     */
    @GetMapping("/{id}")
    HypothesisState hypothesis(@PathVariable String id,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                               Instant asOf,
                               @RequestParam(required = false) Long minVersion) {
        Storable.requireQueryable("asOf", asOf);
        projections.requireReady(HypothesisProjection.NAME);
        readYourWrites.awaitVersion(minVersion, () -> projectedVersion(id));
        if (asOf != null) {
            return journal.inOneSnapshot(() -> {
                Map<String, MeetingFact> meetings = journal.meetingsCitedBy(id);
                try (Stream<JournalEntry> entries = journal.entries(id, asOf)) {
                    return HypothesisFold.asOf(entries, meetings, staleAfter, asOf);
                }
            }).orElseThrow(() -> new NotFoundException("hypothesis", id + " as of " + asOf));
        }
        return jdbc.sql("SELECT state FROM hypothesis_board WHERE hypothesis_id = ?")
                .param(id)
                .query((rs, row) -> states.read(rs.getString(1)).seenAt(Instant.now(), staleAfter))
                .optional()
                .orElseThrow(() -> new NotFoundException("hypothesis", id));
    }

    /** Every event of the hypothesis, oldest first, with the confidence after it. */
    @GetMapping("/{id}/timeline")
    PageResponse<History.TimelineItem> timeline(@PathVariable String id, @Valid PageRequest page,
                                                @RequestParam(required = false) Long minVersion) {
        projections.requireReady(HypothesisProjection.NAME);
        readYourWrites.awaitVersion(minVersion, () -> projectedVersion(id));
        return history(id, page, History.TimelineItem::of);
    }

    /** The successive states of the idea, one per event, for stepping through how it changed. */
    @GetMapping("/{id}/evolution")
    PageResponse<History.Step> evolution(@PathVariable String id, @Valid PageRequest page) {
        projections.requireReady(HypothesisProjection.NAME);
        return history(id, page, Function.identity());
    }

    /** A page of the history, folded as the journal streams in, up to the page's last step and no further. */
    private <T> PageResponse<T> history(String id, PageRequest page, Function<History.Step, T> item) {
        return journal.inOneSnapshot(() -> {
            long length = journal.length(id);
            if (length == 0) {
                throw new NotFoundException("hypothesis", id);
            }
            Map<String, MeetingFact> meetings = journal.meetingsCitedBy(id);
            try (Stream<JournalEntry> entries = journal.entries(id, null)) {
                return PageResponse.of(History.page(entries, meetings, staleAfter, page.offset(), page.size(), item),
                        page, length);
            }
        });
    }

    private long projectedVersion(String id) {
        return jdbc.sql("SELECT version FROM hypothesis_board WHERE hypothesis_id = ?")
                .param(id).query(Long.class).optional().orElse(-1L);
    }
}
