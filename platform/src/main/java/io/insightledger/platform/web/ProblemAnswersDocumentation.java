package io.insightledger.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.TreeMap;

/**
 * Every error answer of the APIs is an RFC 9457 problem, so every 4xx and 5xx response gets the {@code Problem}
 * schema here, keeping the examples an operation gives. The answers that follow from an operation's shape alone are
 * added here too, not repeated in each controller: any input can be malformed (400, by {@link ProblemResponses} and
 * {@link StorableInput}); a body can be too large (413, by {@link BodyWithinLimitFilter}) or of another media type
 * (415); an {@code If-Match} header can name a version that is no longer current (412), which its description says.
 */
final class ProblemAnswersDocumentation implements OperationCustomizer {

    private static final String IF_MATCH = """
            The ETag of the version you read, such as "3": the change is refused with 412 if another change came in \
            between. Without it, the change applies to whatever version is current.""";
    private static final String INVALID_INPUT = """
            {"type": "https://insight-ledger.io/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "title: must not be blank",
             "errors": [{"field": "title", "rule": "NotBlank", "message": "must not be blank"}]}""";
    private static final String STALE_VERSION = """
            {"type": "https://insight-ledger.io/problems/StaleVersion", "title": "StaleVersion", "status": 412,
             "detail": "You saw version 3 but it is now at 4; read it again and retry", "rule": "StaleVersion",
             "currentVersion": 4}""";
    private static final String TOO_LARGE = """
            {"type": "https://insight-ledger.io/problems/BodyWithinLimit", "title": "BodyWithinLimit", "status": 413,
             "detail": "The request body is larger than 1048576 bytes, the most this API accepts.",
             "rule": "BodyWithinLimit", "limit": 1048576}""";
    private static final String UNSUPPORTED = """
            {"type": "about:blank", "title": "Unsupported Media Type", "status": 415,
             "detail": "Content-Type 'text/plain;charset=UTF-8' is not supported."}""";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        if (body || parameters.stream().anyMatch(ProblemAnswersDocumentation::checked)) {
            addIfAbsent(responses, "400", problem("Malformed input: each field or parameter at fault, with the rule "
                    + "it broke, is in errors", INVALID_INPUT));
        }
        if (body) {
            addIfAbsent(responses, "413", problem("The body is larger than the API accepts (1 MB unless "
                    + "configured otherwise); nothing was read", TOO_LARGE));
            addIfAbsent(responses, "415", problem("The body is not sent as application/json", UNSUPPORTED));
        }
        parameters.stream()
                .filter(p -> "header".equals(p.getIn()) && HttpHeaders.IF_MATCH.equalsIgnoreCase(p.getName()))
                .forEach(ifMatch -> {
                    if (ifMatch.getDescription() == null) {
                        ifMatch.description(IF_MATCH);
                    }
                    addIfAbsent(responses, "412", problem("If-Match named a version that is no longer the current "
                            + "one: someone changed it since you read it; nothing was recorded", STALE_VERSION));
                });
        ApiResponses inOrder = new ApiResponses().extensions(responses.getExtensions());
        new TreeMap<>(responses).forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                asProblem(response);
            }
            inOrder.addApiResponse(status, response);
        });
        return operation.responses(inOrder);
    }

    static void addIfAbsent(ApiResponses responses, String status, ApiResponse response) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, response);
        }
    }

    /** A problem answer with an example, given as JSON text. */
    static ApiResponse problem(String description, String example) {
        try {
            return new ApiResponse().description(description).content(new Content().addMediaType(
                    org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new MediaType().schema(problemSchema()).example(Json.mapper().readTree(example))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An example problem is not JSON: " + example, e);
        }
    }

    /**
     * Whatever media type and schema the operation's own declaration or its return type suggested, an error is a
     * problem; the examples it gave stay.
     */
    private static void asProblem(ApiResponse response) {
        if (response.get$ref() != null) {
            return;
        }
        MediaType problem = new MediaType().schema(problemSchema());
        if (response.getContent() != null) {
            response.getContent().values().stream()
                    .filter(given -> given.getExample() != null || given.getExamples() != null)
                    .findFirst()
                    .ifPresent(given -> problem.example(given.getExample()).examples(given.getExamples()));
        }
        response.setContent(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, problem));
    }

    /** Input that a converter or a validator reads: not a path segment of text, which any string matches. */
    private static boolean checked(Parameter parameter) {
        if (!"path".equals(parameter.getIn())) {
            return true;
        }
        Schema<?> schema = parameter.getSchema();
        return schema != null && !"string".equals(schema.getType())
                && (schema.getTypes() == null || !schema.getTypes().contains("string"));
    }

    private static Schema<Object> problemSchema() {
        return new Schema<>().$ref(OpenApiConfiguration.PROBLEM_REF);
    }
}
