package io.insightledger.web.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Where the two APIs are. Reads go to the query side and writes to the command side, as the architecture says; the
 * projection admin (its rebuilds are POSTs) belongs to the query side.
 *
 * @param answerTimeout how long an ordinary API call may take; the event stream is exempt
 */
@ConfigurationProperties("insight.web")
public record Backends(URI commandSideUrl, URI querySideUrl, Duration answerTimeout) {

    private static final String QUERY_SIDE_WRITES = "/api/admin/projections";

    public URI target(String method, String pathAndQuery) {
        boolean read = "GET".equals(method) || "HEAD".equals(method) || pathAndQuery.startsWith(QUERY_SIDE_WRITES);
        return (read ? querySideUrl : commandSideUrl).resolve(pathAndQuery);
    }
}
