package io.insightledger.query.system;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.Principal;

/** For administrators: the events projections parked instead of applying, and what to do with each. */
@RestController
@RequestMapping("/api/admin/dead-letters")
@RoleRequired(Role.ADMIN)
@Tag(name = "Dead letters", description = "The events projections parked instead of applying, and what to do with each")
class DeadLetterController {

    private static final String EVICT = """
            {"reason": "Written by the 0.9 importer with a broken payload; the meeting was recorded again as m-acme-2"}""";
    private static final String UNKNOWN = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No dead letter is known under id 42", "instance": "/api/admin/dead-letters/42"}""";

    /** A letter with the record it holds, as text (the envelope on the topic, or whatever was there). */
    record LetterWithRecord(DeadLetterQueue.Letter letter, String record) {
    }

    /** Why an administrator gives up on a letter: logged with who did it. */
    record EvictionRequest(@Size(max = 2_000) String reason) {
    }

    private final DeadLetterQueue queue;
    private final DeadLetterRetries retries;

    DeadLetterController(DeadLetterQueue queue, DeadLetterRetries retries) {
        this.queue = queue;
        this.retries = retries;
    }

    @GetMapping
    @Operation(summary = "List dead letters",
            description = "The events projections could not apply, oldest first: projection, aggregate, "
                    + "event type and sequence, why (cause; none while the letter only waits behind an earlier one "
                    + "of its aggregate), first and last attempt, attempts and when the next automatic retry is due.")
    @ApiResponse(responseCode = "200", description = "A page of dead letters")
    @ApiResponse(responseCode = "400", description = "A page or size out of range")
    PageResponse<DeadLetterQueue.Letter> letters(@Parameter(description = "Only the letters of this projection")
                                                 @RequestParam(required = false) String projection,
                                                 @Valid @ParameterObject PageRequest page) {
        return PageResponse.of(queue.page(projection, page), page, queue.count(projection));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a dead letter",
            description = "The letter and the record it holds, as it was on the topic.")
    @ApiResponse(responseCode = "200", description = "The letter")
    @ApiResponse(responseCode = "404", description = "No letter under this id (applied or evicted since?)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    LetterWithRecord letter(@PathVariable long id) {
        DeadLetterQueue.Letter letter = queue.find(id).orElseThrow(() -> new NotFoundException("dead letter", "" + id));
        return new LetterWithRecord(letter, queue.record(id)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(""));
    }

    @PostMapping("/{id}/retry")
    @Operation(summary = "Retry a dead letter",
            description = "Tries the letter's aggregate again now, from its first letter, in order: each "
                    + "letter applied is removed; the first that fails again stays, with its new cause and back-off.")
    @ApiResponse(responseCode = "200", description = "What the retry applied and what remains")
    @ApiResponse(responseCode = "404", description = "No letter under this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    DeadLetterRetries.Outcome retry(@PathVariable long id) {
        return retries.retry(id);
    }

    @PostMapping("/{id}/evict")
    @Operation(summary = "Evict a dead letter",
            description = "Gives up on the letter: its event is not applied to its projection (a rebuild "
                    + "would meet it again). The letters waiting behind it are tried at once.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    description = "Why, logged with who evicted it; may be left out",
                    content = @Content(examples = @ExampleObject(EVICT))))
    @ApiResponse(responseCode = "200", description = "The eviction, and what the retry of the letters behind did")
    @ApiResponse(responseCode = "400", description = "A reason longer than 2,000 characters")
    @ApiResponse(responseCode = "404", description = "No letter under this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    DeadLetterRetries.Outcome evict(@PathVariable long id,
                                    @RequestBody(required = false) @Valid EvictionRequest request,
                                    Principal principal) {
        return retries.evict(id, principal.getName(), request == null ? null : request.reason());
    }
}
