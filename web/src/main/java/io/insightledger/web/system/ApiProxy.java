package io.insightledger.web.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.insightledger.web.identity.ApiCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes {@code /api/**} to the API that owns it, with the caller's own credentials (see {@link ApiCredentials}): the
 * signed-in user's token, or a script's own bearer token; the browser's cookie stays here. The APIs authenticate
 * every call themselves. Answers are streamed, which keeps server-sent events live.
 * On shutdown it closes the streams still open before the web server waits for its requests to finish: an event
 * stream never finishes by itself. A request body above {@code insight.http.max-request-body} is refused here, as the
 * APIs would refuse it, before any of it is held in memory.
 */
@RestController
class ApiProxy {

    private static final Logger log = LoggerFactory.getLogger(ApiProxy.class);
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of(
            "Content-Type", "Accept", "If-Match", "X-Correlation-Id", "Last-Event-ID");
    // WWW-Authenticate stays behind: it would make the browser pop its own login box over the page's
    private static final Set<String> FORWARDED_RESPONSE_HEADERS = Set.of(
            "content-type", "etag", "location", "retry-after", "x-correlation-id", "cache-control");

    private static final String SIGN_IN = "/api/auth/";

    private final Backends backends;
    private final ApiCredentials credentials;
    private final int maxRequestBody;
    private final HttpClient client;
    private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    ApiProxy(Backends backends, ApiCredentials credentials,
             @Value("${insight.http.max-request-body}") DataSize maxRequestBody) {
        this.backends = backends;
        this.credentials = credentials;
        // one byte past the limit is read to tell a chunked body that exceeds it
        this.maxRequestBody = Math.toIntExact(maxRequestBody.toBytes() + 1) - 1;
        this.client = HttpClient.newBuilder().connectTimeout(backends.answerTimeout()).build();
    }

    @RequestMapping("/api/**")
    void pass(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        if (request.getRequestURI().startsWith(SIGN_IN)) {
            // signing in happens here, at /auth/sign-in: a session's token passed back through would reach the page
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Sign in at /auth/sign-in");
        }
        String pathAndQuery = request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        URI target = backends.target(request.getMethod(), pathAndQuery);
        HttpRequest.Builder upstream = HttpRequest.newBuilder(target)
                .method(request.getMethod(), HttpRequest.BodyPublishers.ofByteArray(bodyWithinLimit(request)));
        boolean stream = MediaType.TEXT_EVENT_STREAM_VALUE.equals(request.getHeader("Accept"));
        if (!stream) {
            upstream.timeout(backends.answerTimeout());
        }
        FORWARDED_REQUEST_HEADERS.forEach(name -> {
            String value = request.getHeader(name);
            if (value != null) {
                upstream.header(name, value);
            }
        });
        credentials.authorization(request, response).ifPresent(value -> upstream.header(HttpHeaders.AUTHORIZATION, value));
        // the APIs throttle bad tokens per address: the browser's, not this proxy's, which every user shares
        upstream.header("X-Forwarded-For", request.getRemoteAddr());
        HttpResponse<InputStream> answer = client.send(upstream.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (FORWARDED_RESPONSE_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        InputStream body = answer.body();
        open.add(body);
        try (body) {
            copy(body, response.getOutputStream());
        } catch (IOException e) {
            if (!closing) {
                throw e;
            }
            // closed by closeStreams(): the application is shutting down
        } finally {
            open.remove(body);
        }
    }

    /** The body, read only within the limit: a declared length is checked first, a chunked body as it comes. */
    private byte[] bodyWithinLimit(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxRequestBody) {
            throw new BodyTooLarge();
        }
        byte[] body = request.getInputStream().readNBytes(maxRequestBody + 1);
        if (body.length > maxRequestBody) {
            throw new BodyTooLarge();
        }
        return body;
    }

    /** Runs before the web server's graceful shutdown, which would otherwise wait for the open streams. */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        closing = true;
        open.forEach(body -> {
            try {
                body.close();
            } catch (IOException e) {
                log.debug("Closing a stream at shutdown: {}", e.toString());
            }
        });
    }


    /** Flushes after every read, so each server-sent event reaches the browser when it happens. */
    private static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        int read;
        while ((read = from.read(buffer)) >= 0) {
            to.write(buffer, 0, read);
            to.flush();
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxRequestBody + " bytes, the most the API accepts.");
        problem.setType(URI.create("https://insight-ledger.io/problems/BodyWithinLimit"));
        problem.setTitle("BodyWithinLimit");
        problem.setProperty("rule", "BodyWithinLimit");
        problem.setProperty("limit", maxRequestBody);
        // closed, so that the rest of the body is never read
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(problem);
    }

    @ExceptionHandler({ConnectException.class, HttpTimeoutException.class})
    ProblemDetail unavailable(IOException e, HttpServletRequest request) {
        log.warn("API behind {} did not answer: {}", request.getRequestURI(), e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "The API behind this page did not answer; try again in a moment.");
        problem.setTitle("API unavailable");
        return problem;
    }
}
