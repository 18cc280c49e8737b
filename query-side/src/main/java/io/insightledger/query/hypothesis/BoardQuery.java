package io.insightledger.query.hypothesis;

import io.insightledger.platform.web.InvalidInputException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.ReadScope;
import io.swagger.v3.oas.annotations.Parameter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The board's filters and order. Today's board filters in SQL, a past board in memory over folded states: both
 * translations live here, side by side, so they stay the same filter.
 *
 * @param text matched case-insensitively in title and statement
 * @param sort {@code confidence}, {@code lastActivity} (default) or {@code created}
 */
public record BoardQuery(@Parameter(description = "Only hypotheses in this status") HypothesisStatus status,
                         @Parameter(description = "Only this category: DESIRABILITY, VIABILITY, FEASIBILITY or "
                                 + "USABILITY (any case)") String category,
                         @Parameter(description = "Only hypotheses with this tag") String tag,
                         @Parameter(description = "Only hypotheses this person owns") String owner,
                         @Parameter(description = "Only hypotheses about this segment, or with evidence from it")
                         String segment,
                         @Parameter(description = "Only hypotheses whose title or statement contains this, in any case")
                         String text,
                         @Parameter(description = "Only hypotheses with this flag") HypothesisState.Flag flag,
                         @Parameter(description = "confidence, lastActivity (the default) or created") String sort,
                         @Parameter(description = "asc, or desc (the default)") String order) {

    public enum Sort {
        CONFIDENCE("confidence", Comparator.comparingDouble(HypothesisState::confidence)),
        LASTACTIVITY("last_activity_at", Comparator.comparing(HypothesisState::lastActivityAt)),
        CREATED("proposed_at", Comparator.comparing(HypothesisState::proposedAt));

        final String column;
        final Comparator<HypothesisState> comparator;

        Sort(String column, Comparator<HypothesisState> comparator) {
            this.column = column;
            this.comparator = comparator;
        }
    }

    Sort sorting() {
        if (sort == null) {
            return Sort.LASTACTIVITY;
        }
        try {
            return Sort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("sort", "OneOf", "must be confidence, lastActivity or created");
        }
    }

    boolean ascending() {
        return "asc".equalsIgnoreCase(order);
    }

    /** A value, workspaces included, so that a total counted for one scope is never shown to another. */
    record Sql(String where, List<Object> params, ReadScope scope) {

        /** The parameters of {@link #where}, the workspaces first. */
        List<Object> bound() {
            List<Object> bound = new ArrayList<>();
            bound.add(scope.array());
            bound.addAll(params);
            return bound;
        }
    }

    /** @param staleBefore an open hypothesis whose last evidence is older than this is STALE */
    Sql sql(Instant staleBefore, ReadScope scope) {
        List<String> conditions = new ArrayList<>(List.of("workspace_id = ANY(?)"));
        List<Object> params = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            params.add(status.name());
        }
        if (category != null) {
            conditions.add("category = ?");
            params.add(category.toUpperCase(Locale.ROOT));
        }
        if (tag != null) {
            conditions.add("? = ANY(tags)");
            params.add(tag);
        }
        if (owner != null) {
            conditions.add("owner = ?");
            params.add(owner);
        }
        if (segment != null) {
            conditions.add("(? = ANY(segments) OR ? = ANY(evidence_segments))");
            params.add(segment);
            params.add(segment);
        }
        if (text != null) {
            conditions.add("(title ILIKE ? OR statement ILIKE ?)");
            String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(pattern);
            params.add(pattern);
        }
        if (flag == HypothesisState.Flag.AT_RISK) {
            conditions.add("at_risk");
        } else if (flag == HypothesisState.Flag.SINGLE_SOURCE) {
            conditions.add("single_source");
        } else if (flag == HypothesisState.Flag.STALE) {
            conditions.add("status = 'OPEN' AND last_evidence_at < ?");
            params.add(Timestamp.from(staleBefore));
        }
        return new Sql(String.join(" AND ", conditions), params, scope);
    }

    String orderBy() {
        return sorting().column + (ascending() ? " ASC" : " DESC") + ", hypothesis_id";
    }

    boolean matches(HypothesisState state) {
        String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
        return (status == null || state.status() == status)
                && (category == null || state.category().equalsIgnoreCase(category))
                && (tag == null || state.tags().contains(tag))
                && (owner == null || state.owner().equals(owner))
                && (segment == null || state.segments().contains(segment) || state.evidenceSegments().contains(segment))
                && (needle == null || state.title().toLowerCase(Locale.ROOT).contains(needle)
                || state.statement().toLowerCase(Locale.ROOT).contains(needle))
                && (flag == null || state.flags().contains(flag));
    }

    List<HypothesisState> sortAndPage(List<HypothesisState> states, PageRequest page) {
        Comparator<HypothesisState> comparator = sorting().comparator;
        comparator = (ascending() ? comparator : comparator.reversed()).thenComparing(HypothesisState::id);
        return states.stream().sorted(comparator).skip(page.offset()).limit(page.size()).toList();
    }
}
