package io.insightledger.query.system;

import io.insightledger.platform.web.InvalidInputException;
import io.insightledger.platform.web.Storable;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.format.annotation.DateTimeFormat;

import java.sql.Timestamp;
import java.time.Instant;

/** {@code ?from=&to=}: ISO-8601 instants, either end open; {@code from} inclusive, {@code to} exclusive. */
public record Period(@Parameter(description = "From this instant on (ISO-8601, inclusive)")
                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                     @Parameter(description = "Before this instant (ISO-8601, exclusive; after from)")
                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {

    public Period {
        Storable.requireQueryable("from", from);
        Storable.requireQueryable("to", to);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "After", "must be after from");
        }
    }

    /** For SQL: the lower bound, or the dawn of time. */
    public Timestamp fromOrEarliest() {
        return Timestamp.from(from == null ? Instant.EPOCH : from);
    }

    /** For SQL: the upper bound, or far in the future. */
    public Timestamp toOrLatest() {
        return Timestamp.from(to == null ? Instant.parse("9999-01-01T00:00:00Z") : to);
    }
}
