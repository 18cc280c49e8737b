package io.insightledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request body above the limit with 413 before anything parses it: a declared {@code Content-Length} is
 * refused unread; a chunked body, whose size nobody knows up front, is read up to one byte past the limit and refused
 * as soon as it gets there. Either way the connection is closed, so the server never reads the rest.
 */
public class BodyWithinLimitFilter extends OncePerRequestFilter {

    public static final String RULE = "BodyWithinLimit";

    private final int limit;
    private final ObjectMapper json;

    public BodyWithinLimitFilter(DataSize limit, ObjectMapper json) {
        // one byte past the limit must still fit in an array
        if (limit.toBytes() < 0 || limit.toBytes() >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The request body limit must be between 0 and 2 GB, not " + limit);
        }
        this.limit = (int) limit.toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response);
            return;
        }
        HttpServletRequest passed = request;
        if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // read before any handler runs, so that even one that ignores its body (a rebuild) is never started
            byte[] body = request.getInputStream().readNBytes(limit + 1);
            if (body.length > limit) {
                refuse(request, response);
                return;
            }
            passed = new ReadBody(request, body);
        }
        chain.doFilter(passed, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + limit + " bytes, the most this API accepts.");
        problem.setType(URI.create("https://insight-ledger.io/problems/" + RULE));
        problem.setTitle(RULE);
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("rule", RULE);
        problem.setProperty("limit", limit);
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        // a kept-alive connection would have to read the unread rest of the body before the next request
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request with the chunked body already read, and within the limit, passed on as if unread. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
