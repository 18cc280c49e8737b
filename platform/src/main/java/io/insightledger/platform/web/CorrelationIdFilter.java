package io.insightledger.platform.web;

import io.insightledger.events.EventMetadata;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id (the caller's {@value #HEADER}, if well-formed, or a new one), puts it in the
 * logging context and echoes it back, so a log line, a response and the events a request caused can be tied together.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-Id";
    // a caller-supplied id ends up in logs and event metadata: accept nothing that could forge a log line
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String supplied = request.getHeader(HEADER);
        String correlationId = supplied != null && WELL_FORMED.matcher(supplied).matches()
                ? supplied
                : UUID.randomUUID().toString();
        MDC.put(EventMetadata.CORRELATION_ID, correlationId);
        response.setHeader(HEADER, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(EventMetadata.CORRELATION_ID);
        }
    }
}
