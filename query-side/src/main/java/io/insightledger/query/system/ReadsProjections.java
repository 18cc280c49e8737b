package io.insightledger.query.system;

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
 * Documents, on a controller of reads, the 503 they answer while a projection they depend on is rebuilding
 * ({@link ProjectionAdmin.Rebuilding}) or, asked for {@code minVersion}, has not reached it in time
 * ({@link ReadYourWrites.NotCaughtUp}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "503",
        description = "A projection this read depends on is being rebuilt, or has not reached the minVersion asked "
                + "for within the wait: nobody is shown half a history. Retry after Retry-After seconds",
        headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before retrying",
                schema = @Schema(type = "integer", example = "2")),
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject("""
                {"type": "about:blank", "title": "Service Unavailable", "status": 503,
                 "detail": "Projection hypotheses is rebuilding (40% done); retry shortly",
                 "instance": "/api/hypotheses"}""")))
public @interface ReadsProjections {
}
