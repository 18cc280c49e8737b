package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of both APIs as their OpenAPI descriptions list them, and a way to call each: the generated tests
 * walk them all, so a new endpoint is covered the day it is added.
 */
final class ApiOperations {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiOperations() {
    }

    /** One operation of one API's description. */
    record Operation(String baseUrl, String method, String path, JsonNode description, JsonNode pathItem,
                     boolean commandSide) {

        /** Empty for an operation open to anyone: it says so with {@code NONE}, or declares no role at all. */
        Optional<String> requiredRole() {
            return Optional.ofNullable(description.get("x-required-role")).map(JsonNode::asText)
                    .filter(role -> !role.equals("NONE"));
        }

        /** Whether the role is needed in the workspace concerned, rather than as the caller's own. */
        boolean inWorkspace() {
            return description.path("x-required-role-in").asText().equals("workspace");
        }

        List<JsonNode> parameters() {
            List<JsonNode> parameters = new ArrayList<>();
            for (JsonNode holder : List.of(pathItem, description)) {
                StreamSupport.stream(holder.path("parameters").spliterator(), false).forEach(parameters::add);
            }
            return parameters;
        }

        boolean takesQueryParameter(String name) {
            return parameters().stream().anyMatch(parameter -> parameter.path("in").asText().equals("query")
                    && parameter.path("name").asText().equals(name));
        }

        /** The first example of its request body, if it documents one. */
        Optional<JsonNode> exampleBody() {
            JsonNode json = description.path("requestBody").path("content").path("application/json");
            if (json.has("example")) {
                return Optional.of(json.get("example"));
            }
            JsonNode examples = json.path("examples");
            return examples.isObject() && examples.size() > 0
                    ? Optional.of(examples.elements().next().path("value")) : Optional.empty();
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path + " (" + (commandSide ? "command side" : "query side") + ")";
        }
    }

    /** What one call answered; a server-sent event stream is closed once its status is known. */
    record Answer(int status, String contentType, JsonNode body, String text, HttpResponse<?> raw, String sent) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** Both APIs' operations, read from their descriptions with the token given. */
    static List<Operation> of(RunningSystem running) {
        List<Operation> operations = new ArrayList<>();
        for (String baseUrl : List.of(running.system().commandUrl(), running.system().queryUrl())) {
            Api.Response description = Api.as(baseUrl, RunningSystem.TOKEN).get("/v3/api-docs");
            assertThat(description.status()).as(baseUrl + "/v3/api-docs").isEqualTo(200);
            boolean commandSide = baseUrl.equals(running.system().commandUrl());
            description.body().path("paths").fields().forEachRemaining(path -> METHODS.forEach(method -> {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(new Operation(baseUrl, method, path.getKey(), operation, path.getValue(),
                            commandSide));
                }
            }));
        }
        return operations;
    }

    /**
     * Calls the operation.
     *
     * @param pathValue the value of each path parameter (given its description)
     * @param query     query parameters, already chosen
     * @param body      the JSON body, or {@code null} for none
     */
    static Answer call(Operation operation, String token, String address, Function<JsonNode, String> pathValue,
                       Map<String, String> query, String body) {
        String path = operation.path();
        for (JsonNode parameter : operation.parameters()) {
            if (parameter.path("in").asText().equals("path")) {
                path = path.replace("{" + parameter.path("name").asText() + "}",
                        URLEncoder.encode(pathValue.apply(parameter), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        List<String> pairs = query.entrySet().stream().map(entry -> entry.getKey() + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).toList();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(operation.baseUrl() + path
                        + (pairs.isEmpty() ? "" : "?" + String.join("&", pairs))))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", address)
                .method(operation.method().toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream stream = response.body()) {
                // the live stream never ends: its status and headers are the answer
                String text = contentType.startsWith("text/event-stream") ? ""
                        : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), contentType, read(text), text, response,
                        body == null ? "" : body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(operation.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body.isEmpty() ? Api.JSON.missingNode() : Api.JSON.readTree(body);
        } catch (IOException e) {
            return Api.JSON.missingNode();
        }
    }
}
