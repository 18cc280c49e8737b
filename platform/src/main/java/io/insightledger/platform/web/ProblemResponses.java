package io.insightledger.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns bad client input into RFC 9457 problem responses that name each offending field and the rule it broke,
 * as {@code errors: [{"field", "rule", "message"}]}.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    public static final URI INVALID_INPUT = URI.create("https://insight-ledger.io/problems/invalid-input");

    /** One broken rule: the JSON path of the field, the constraint's name and a sentence for people. */
    public record FieldProblem(String field, String rule, String message) {
    }

    public static ProblemDetail invalidInput(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(INVALID_INPUT);
        problem.setTitle("Invalid input");
        problem.setDetail(problems.stream()
                .map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
        problem.setProperty("errors", problems);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemResponses::toProblem)
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return ResponseEntity.badRequest().body(invalidInput(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        result.getMethodParameter().getParameterName(),
                        error.getCodes() == null ? "Invalid" : lastSegment(error.getCodes()[error.getCodes().length - 1]),
                        error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalidInput(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalidInput(List.of(unreadable(ex.getCause()))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return ResponseEntity.badRequest().body(invalidInput(List.of(new FieldProblem(
                ex.getName(), "Format", "is not a valid " + describe(ex.getRequiredType())))));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException ex) {
        return ResponseEntity.badRequest().body(invalidInput(ex.problems()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<FieldProblem> problems = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastSegment(v.getPropertyPath().toString()),
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(),
                        v.getMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalidInput(problems));
    }

    private static FieldProblem toProblem(FieldError error) {
        if (error.isBindingFailure()) {
            return new FieldProblem(error.getField(), "Format", "has the wrong format");
        }
        return new FieldProblem(error.getField(), error.getCode(), error.getDefaultMessage());
    }

    private static FieldProblem unreadable(Throwable cause) {
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (cause instanceof InvalidFormatException format) {
                return new FieldProblem(field, "Format", "'" + format.getValue() + "' is not a valid "
                        + describe(format.getTargetType()));
            }
            if (cause instanceof MismatchedInputException mismatch) {
                return new FieldProblem(field, "Format", "must be a " + describe(mismatch.getTargetType()));
            }
            return new FieldProblem(field, "Format", "cannot be read");
        }
        return new FieldProblem("body", "Json", "the request body must be a well-formed JSON object");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "value; expected one of " + Arrays.toString(type.getEnumConstants());
        }
        Map<String, String> names = Map.of("Instant", "ISO-8601 instant such as 2026-01-31T09:30:00Z",
                "List", "JSON array", "String", "string", "Long", "number", "long", "number");
        return names.getOrDefault(type.getSimpleName(), type.getSimpleName());
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
