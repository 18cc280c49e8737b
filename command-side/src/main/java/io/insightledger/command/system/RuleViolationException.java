package io.insightledger.command.system;

import org.springframework.http.HttpStatus;

/**
 * A command broke one of the domain's rules. The rule's name is its identity: searching the code for it finds the
 * check, its tests and the problem type clients see.
 */
public class RuleViolationException extends RuntimeException {

    private final HttpStatus status;
    private final String rule;
    private String field;

    private RuleViolationException(HttpStatus status, String rule, String message) {
        super(message);
        this.status = status;
        this.rule = rule;
    }

    /** Something the command refers to does not exist. */
    public static RuleViolationException notFound(String rule, String message) {
        return new RuleViolationException(HttpStatus.NOT_FOUND, rule, message);
    }

    /**
     * Nothing under this id, or nothing the caller may see: both answer alike, so that ids of other workspaces do not
     * leak.
     */
    public static RuleViolationException nothingRecordedUnder(String id) {
        return notFound("NotFound", "Nothing is recorded under id " + id);
    }

    /** The command contradicts the current state (an id already taken, a state that forbids it). */
    public static RuleViolationException conflict(String rule, String message) {
        return new RuleViolationException(HttpStatus.CONFLICT, rule, message);
    }

    /** The credentials given are wrong. */
    public static RuleViolationException unauthorized(String rule, String message) {
        return new RuleViolationException(HttpStatus.UNAUTHORIZED, rule, message);
    }

    /** The signed-in user may not do this. */
    public static RuleViolationException forbidden(String rule, String message) {
        return new RuleViolationException(HttpStatus.FORBIDDEN, rule, message);
    }

    /** The command is well-formed but cannot be carried out as asked. */
    public static RuleViolationException unprocessable(String rule, String message) {
        return new RuleViolationException(HttpStatus.UNPROCESSABLE_ENTITY, rule, message);
    }

    /** Names the request field the rule is about, so a form can show the problem beside it. */
    public RuleViolationException concerning(String field) {
        this.field = field;
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    /** {@code null} when the rule concerns the request as a whole. */
    public String field() {
        return field;
    }
}
