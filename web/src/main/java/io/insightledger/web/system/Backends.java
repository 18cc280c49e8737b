package io.insightledger.web.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the two APIs are. Reads go to the query side and writes to the command side, as the architecture says; the
 * projection admin (its rebuilds are POSTs) belongs to the query side, and identity (sessions, users, tokens,
 * workspaces and their members) to the command side, reads included.
 *
 * @param answerTimeout how long an ordinary API call may take; the event stream is exempt
 */
@ConfigurationProperties("insight.web")
public record Backends(URI commandSideUrl, URI querySideUrl, Duration answerTimeout) {

    private static final List<String> QUERY_SIDE_WRITES = List.of("/api/admin/projections");
    private static final List<String> COMMAND_SIDE_READS = List.of(
            "/api/auth", "/api/me", "/api/tokens", "/api/admin/users", "/api/admin/tokens", "/api/workspaces",
            "/api/admin/workspaces");

    public URI target(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        boolean querySide = read ? !within(path, COMMAND_SIDE_READS) : within(path, QUERY_SIDE_WRITES);
        return (querySide ? querySideUrl : commandSideUrl).resolve(pathAndQuery);
    }

    /** Whether the path is one of the prefixes or below it: /api/me/x is, /api/meetings is not. */
    private static boolean within(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
