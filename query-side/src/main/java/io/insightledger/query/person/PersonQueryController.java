package io.insightledger.query.person;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadsProjections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/** The people meetings name, for the installation's ADMIN: access requests, and finding whom to erase. */
@RestController
@RequestMapping("/api/people")
@RoleRequired(Role.ADMIN)
@Tag(name = "People", description = """
        The people meetings name (attendees and speakers), across every workspace: for an access request ("what do \
        you hold about me") and for finding whom to erase. Erase on the command side \
        (POST /api/people/{id}/erasure); docs/privacy.md.""")
@ReadsProjections
class PersonQueryController {

    private static final String UNKNOWN = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No person is known under id 5b0c1f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5b",
             "instance": "/api/people/5b0c1f7a-3c2d-4e5f-8a9b-0c1d2e3f4a5b"}""";

    private final PersonReads people;
    private final ProjectionAdmin projections;

    PersonQueryController(PersonReads people, ProjectionAdmin projections) {
        this.people = people;
        this.projections = projections;
    }

    @Operation(summary = "List people", description = """
            Everyone a meeting named, with the name, role and organisation of the latest meeting that names them \
            (erased people: no name or role), most recently named first. Every workspace's, or one's.""")
    @ApiResponse(responseCode = "200", description = "A page of people")
    @GetMapping
    PageResponse<PersonReads.PersonSummary> people(
            @Parameter(description = "Only people of this workspace") @RequestParam(required = false) String workspace,
            @Parameter(description = "Only people whose name, as last written, contains this (any case)")
            @RequestParam(required = false) String name,
            @Valid @ParameterObject PageRequest page) {
        projections.requireReady("meetings");
        return people.page(workspace, name == null || name.isBlank() ? null : name.strip(), page);
    }

    @Operation(summary = "Everything held about a person (access request)", description = """
            Every meeting that names the person, with their name and role as written there, and every observation \
            they spoke, with its text, opened from the sealed events. After an erasure: `erased` and when, and no \
            name, role or text of theirs. With `download=true`, the same as a file to hand over.""")
    @ApiResponse(responseCode = "200", description = "What is held about the person")
    @ApiResponse(responseCode = "404", description = "No meeting names a person under this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @GetMapping("/{id}")
    ResponseEntity<PersonRecord> person(@PathVariable String id,
                                        @Parameter(description = "Answer as a file (Content-Disposition: attachment)")
                                        @RequestParam(defaultValue = "false") boolean download) {
        projections.requireReady("meetings");
        String personId = id.toLowerCase(Locale.ROOT);
        PersonRecord person = people.person(personId).orElseThrow(() -> new NotFoundException("person", id));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (download) {
            answer.header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename("person-" + personId + ".json").build().toString());
        }
        return answer.body(erasedOrAsHeld(person));
    }

    /** An erased person's record keeps only that they were erased (the purge leaves a marker, never their data). */
    private static PersonRecord erasedOrAsHeld(PersonRecord person) {
        if (!person.erased()) {
            return person;
        }
        return new PersonRecord(person.id(), person.workspace(), true, person.erasedAt(),
                person.meetings().stream().map(m -> new PersonRecord.Mention(m.meetingId(), m.title(),
                        m.organization(), m.occurredAt(), null, null, m.side())).toList(),
                person.observations().stream().map(o -> new PersonRecord.Spoken(o.meetingId(), o.observationId(),
                        null, o.kind(), null, null, o.capturedAt())).toList());
    }
}
