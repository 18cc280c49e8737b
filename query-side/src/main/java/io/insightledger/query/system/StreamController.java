package io.insightledger.query.system;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/stream}: server-sent events, one {@code change} per projected change. */
@RestController
class StreamController {

    private final ProjectionChanges changes;

    StreamController(ProjectionChanges changes) {
        this.changes = changes;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return changes.subscribe();
    }
}
