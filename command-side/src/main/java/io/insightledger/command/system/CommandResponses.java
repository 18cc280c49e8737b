package io.insightledger.command.system;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;

/** How every command answers: the id, the aggregate's new version (also as ETag) and where to read the result. */
@Component
public class CommandResponses {

    /** @param version the aggregate's version after the command, for If-Match and the query side's minVersion */
    public record Accepted(
            @Schema(description = "The id of what the command recorded or changed", example = "m-acme-1") String id,
            @Schema(description = "The version of the meeting or hypothesis after the command: its ETag, for If-Match "
                    + "and for the query side's minVersion", example = "0") long version) {
    }

    private final String queryBaseUrl;

    CommandResponses(@Value("${insight.links.query-side-url}") String queryBaseUrl) {
        this.queryBaseUrl = queryBaseUrl.replaceAll("/+$", "");
    }

    /** 201 with the Location of the created thing on the query side, e.g. {@code /api/meetings/{id}}. */
    public ResponseEntity<Accepted> created(String path, String id, long version) {
        return ResponseEntity.created(URI.create(queryBaseUrl + path))
                .eTag(Long.toString(version))
                .body(new Accepted(id, version));
    }

    public ResponseEntity<Accepted> ok(String id, long version) {
        return ResponseEntity.ok().eTag(Long.toString(version)).body(new Accepted(id, version));
    }
}
