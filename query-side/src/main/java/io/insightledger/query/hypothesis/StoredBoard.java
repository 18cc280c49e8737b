package io.insightledger.query.hypothesis;

import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.RecentAnswers;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Today's board as the projection stores it, on the reads pool: hypotheses of the workspaces asked for only. */
@Component
class StoredBoard {

    private final JdbcClient jdbc;
    private final StoredStates states;
    private final Duration staleAfter;
    private final RecentAnswers<BoardQuery.Sql, Long> totals;

    StoredBoard(@Qualifier("reads") JdbcClient jdbc, StoredStates states, ProjectionAdmin projections,
                @Value("${insight.projections.stale-after}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.states = states;
        this.staleAfter = staleAfter;
        this.totals = new RecentAnswers<>(Duration.ofSeconds(1), projections::rebuildsEnded);
    }

    PageResponse<BoardRow> page(BoardQuery query, PageRequest page, ReadScope scope) {
        Instant now = Instant.now();
        BoardQuery.Sql sql = query.sql(now.minus(staleAfter), scope);
        List<Object> params = new ArrayList<>(sql.bound());
        params.add(page.size());
        params.add(page.offset());
        List<BoardRow> rows = jdbc.sql("SELECT state FROM hypothesis_board WHERE " + sql.where()
                        + " ORDER BY " + query.orderBy() + " LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, row) -> BoardRow.of(states.read(rs.getString(1)).seenAt(now, staleAfter)))
                .list();
        // counting every matching row costs more than the page itself on a large board: a total is up to 2 s old
        long total = totals.get(sql, () -> jdbc.sql("SELECT count(*) FROM hypothesis_board WHERE " + sql.where())
                .params(sql.bound()).query(Long.class).single());
        return PageResponse.of(rows, page, total);
    }

    Optional<HypothesisState> state(String id, String[] workspaces) {
        return jdbc.sql("SELECT state FROM hypothesis_board WHERE hypothesis_id = ? AND workspace_id = ANY(?)")
                .params(id, workspaces)
                .query((rs, row) -> states.read(rs.getString(1)).seenAt(Instant.now(), staleAfter))
                .optional();
    }

    /** The projected version, or -1 while it is unknown here. */
    long version(String id, String[] workspaces) {
        return jdbc.sql("SELECT version FROM hypothesis_board WHERE hypothesis_id = ? AND workspace_id = ANY(?)")
                .params(id, workspaces).query(Long.class).optional().orElse(-1L);
    }
}
