package io.insightledger.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** HTTP with Basic authentication on every request, as any client of the APIs sends it. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    // HTTP/1.1 as curl and browsers use with these servers; an h2c upgrade attempt would add a round of headers
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newCachedThreadPool(daemon())).build();
    private final String authorization;

    /** @param token an ADMIN's API token, as the services' users and scripts send it */
    Api(String token) {
        this.authorization = "Bearer " + token;
    }

    HttpClient client() {
        return http;
    }

    HttpRequest get(String url) {
        return base(url).GET().build();
    }

    HttpRequest post(String url, Object body) {
        try {
            return base(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest.Builder base(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Authorization", authorization);
    }

    /** A request whose answer the benchmark needs (not a measured one): anything but 2xx is an error. */
    JsonNode call(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.nullNode();
        }
    }

    private static ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "benchmark-http");
            thread.setDaemon(true);
            return thread;
        };
    }
}
