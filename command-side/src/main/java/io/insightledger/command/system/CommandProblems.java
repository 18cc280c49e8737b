package io.insightledger.command.system;

import io.insightledger.platform.Failures;
import io.insightledger.platform.web.ProblemResponses;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;

/** Domain rule violations and Axon's refusals as RFC 9457 problems: each names the rule it enforces. */
@RestControllerAdvice
class CommandProblems {

    private static final String TYPE_BASE = "https://insight-ledger.io/problems/";
    // PostgreSQL restarts in a few seconds
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(RuleViolationException.class)
    ProblemDetail ruleViolated(RuleViolationException e) {
        ProblemDetail problem = problem(e.status(), e.rule(), e.getMessage());
        if (e.field() != null) {
            // the same shape as a malformed field's, so a client places both the same way
            problem.setProperty("errors", List.of(new ProblemResponses.FieldProblem(e.field(), e.rule(), e.getMessage())));
        }
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return ruleViolated(RuleViolationException.nothingRecordedUnder(String.valueOf(e.getAggregateIdentifier())));
    }

    /** Ids are shared by meetings and hypotheses: one of one kind cannot be used as one of the other. */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ProblemDetail otherKind(IncompatibleAggregateException e) {
        return problem(HttpStatus.CONFLICT, "IdTaken", "This id belongs to a record of another kind");
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "StaleVersion",
                "You saw version " + e.getExpectedVersion() + " but it is now at " + e.getActualVersion()
                        + "; read it again and retry");
        problem.setProperty("currentVersion", e.getActualVersion());
        return problem;
    }

    /** Two writers raced for the same aggregate version: the loser may simply retry. */
    @ExceptionHandler({ConcurrencyException.class, EventStoreException.class})
    ResponseEntity<ProblemDetail> concurrentWrite(RuntimeException e) {
        if (Failures.databaseAway(e)) {
            return unavailable();
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "ConcurrentModification",
                "Someone else changed it at the same moment; read it again and retry"));
    }

    /**
     * The event store's database is away (restarting, unreachable, no connection within the pool's timeout): nothing
     * was stored and the same request later may succeed, so 503 rather than a 500. Any other storage failure stays
     * what it was: rethrown, Spring answers 500 and logs it.
     */
    @ExceptionHandler({TransactionException.class, DataAccessException.class, JdbcException.class})
    ResponseEntity<ProblemDetail> storageFailed(RuntimeException e) {
        if (Failures.databaseAway(e)) {
            return unavailable();
        }
        throw e;
    }

    private static ResponseEntity<ProblemDetail> unavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "StoreUnavailable",
                        "The event store cannot be reached right now; nothing was recorded, retry in a moment"));
    }


    private static ProblemDetail problem(HttpStatus status, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + rule));
        problem.setTitle(rule);
        problem.setProperty("rule", rule);
        return problem;
    }
}
