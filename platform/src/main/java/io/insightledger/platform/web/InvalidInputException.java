package io.insightledger.platform.web;

import java.util.List;

/** Input that no annotation could check (a header, a combination of fields, storability): a 400 problem. */
public class InvalidInputException extends RuntimeException {

    private final List<ProblemResponses.FieldProblem> problems;

    public InvalidInputException(String field, String rule, String message) {
        super(field + ": " + message);
        this.problems = List.of(new ProblemResponses.FieldProblem(field, rule, message));
    }

    public InvalidInputException(List<ProblemResponses.FieldProblem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public List<ProblemResponses.FieldProblem> problems() {
        return problems;
    }
}
