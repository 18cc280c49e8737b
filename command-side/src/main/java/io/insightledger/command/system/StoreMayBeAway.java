package io.insightledger.command.system;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents, on a controller that sends commands, the 503 every command answers while the event store's database is
 * away ({@link CommandProblems}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "503",
        description = "The event store cannot be reached (restarting, unreachable): nothing was recorded; the same "
                + "request may succeed after Retry-After seconds",
        headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before retrying",
                schema = @Schema(type = "integer", example = "5")),
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject("""
                {"type": "https://insight-ledger.io/problems/StoreUnavailable", "title": "StoreUnavailable",
                 "status": 503, "rule": "StoreUnavailable",
                 "detail": "The event store cannot be reached right now; nothing was recorded, retry in a moment"}""")))
public @interface StoreMayBeAway {
}
