package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client of the running system's HTTP APIs, as an outside program would use them. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A response with its body read as JSON (a missing or non-JSON body reads as a missing node). */
    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;
    /** Sent with every request, such as {@code X-Forwarded-For}. */
    private final Map<String, String> headers;

    private Api(String baseUrl, String authorization) {
        this(baseUrl, authorization, Map.of());
    }

    private Api(String baseUrl, String authorization, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.headers = headers;
    }

    /**
     * This client, sending a header with every request: {@code X-Forwarded-For} makes the requests come from an
     * address of the test's own, so that sign-in throttling counts them apart from every other test's (all of which
     * come from 127.0.0.1).
     */
    Api withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(baseUrl, authorization, Map.copyOf(more));
    }

    /** With an API token, as every script and service calls the APIs. */
    static Api as(String baseUrl, String token) {
        return new Api(baseUrl, "Bearer " + token);
    }

    static Api anonymous(String baseUrl) {
        return new Api(baseUrl, null);
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, Object body) {
        return postRaw(path, body instanceof String text ? text : write(body));
    }

    Response postRaw(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response postWithHeader(String path, Object body, String header, String value) {
        return send(request(path).header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response putWithHeader(String path, Object body, String header, String value) {
        return send(request(path).header("Content-Type", "application/json").header(header, value)
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), read(response.body()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
